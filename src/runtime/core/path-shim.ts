/**
 * `node:path` (POSIX flavour only: the sandbox is a Linux box). Also used by the engine itself to
 * resolve learner paths against the working directory `/app`.
 */

export const SANDBOX_CWD = '/app';

function normalizeSegments(path: string, absolute: boolean): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(segment);
  }
  return out.join('/');
}

export function normalize(path: string): string {
  if (path === '') return '.';
  const absolute = path.startsWith('/');
  const trailing = path.endsWith('/');
  let body = normalizeSegments(path, absolute);
  if (body === '' && !absolute) body = '.';
  if (body !== '' && trailing) body += '/';
  return absolute ? `/${body}` : body;
}

export function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}

export function join(...parts: string[]): string {
  const joined = parts.filter((part) => part !== '').join('/');
  return joined === '' ? '.' : normalize(joined);
}

export function resolveFrom(cwd: string, ...parts: string[]): string {
  let resolved = '';
  for (let i = parts.length - 1; i >= -1 && !resolved.startsWith('/'); i--) {
    const part = i >= 0 ? parts[i] ?? '' : cwd;
    if (part === '') continue;
    resolved = resolved === '' ? part : `${part}/${resolved}`;
  }
  const body = normalizeSegments(resolved, true);
  return `/${body}`;
}

export function resolve(...parts: string[]): string {
  return resolveFrom(SANDBOX_CWD, ...parts);
}

export function dirname(path: string): string {
  if (path === '') return '.';
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const index = trimmed.lastIndexOf('/');
  if (index === -1) return '.';
  if (index === 0) return '/';
  return trimmed.slice(0, index);
}

export function basename(path: string, suffix?: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  let base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  if (suffix !== undefined && suffix !== base && base.endsWith(suffix)) base = base.slice(0, -suffix.length);
  return base;
}

export function extname(path: string): string {
  const base = basename(path);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot);
}

export function relative(from: string, to: string): string {
  const fromParts = resolve(from).split('/').filter(Boolean);
  const toParts = resolve(to).split('/').filter(Boolean);
  let common = 0;
  while (common < fromParts.length && fromParts[common] === toParts[common]) common++;
  return [...fromParts.slice(common).map(() => '..'), ...toParts.slice(common)].join('/');
}

export interface ParsedPath {
  root: string;
  dir: string;
  base: string;
  ext: string;
  name: string;
}

export function parse(path: string): ParsedPath {
  const base = basename(path);
  const ext = extname(path);
  const dir = path.includes('/') ? dirname(path) : '';
  return { root: path.startsWith('/') ? '/' : '', dir, base, ext, name: ext ? base.slice(0, -ext.length) : base };
}

export function format(parts: Partial<ParsedPath>): string {
  const dir = parts.dir ?? parts.root ?? '';
  const base = parts.base ?? `${parts.name ?? ''}${parts.ext ?? ''}`;
  if (dir === '') return base;
  return dir === parts.root ? `${dir}${base}` : `${dir}/${base}`;
}

/** The module object learners get for `node:path`; `posix` points back at itself like Node's. */
export function createPathModule(): Record<string, unknown> {
  const path: Record<string, unknown> = {
    sep: '/',
    delimiter: ':',
    normalize,
    isAbsolute,
    join,
    resolve,
    dirname,
    basename,
    extname,
    relative,
    parse,
    format,
  };
  path['posix'] = path;
  return path;
}

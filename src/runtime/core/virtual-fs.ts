/**
 * The program's file system: a map of absolute paths to text, seeded by the sandbox
 * (`/app/index.ts`, `/run/secrets/db_password`, `/app/.env`), with directories implied by the files
 * plus `/app` and `/tmp`. Remembers what the program wrote (grading reads it) and tells watchers
 * about changes. Errors carry Node's codes and wording so learners can handle `ENOENT`.
 */
import { SANDBOX_CWD, dirname, resolveFrom } from './path-shim.ts';
import { defineValue, dictionary, hasOwn, ownKeys } from './primordials.ts';

/**
 * Limits of the file system, in characters: a program that writes 100 MB would otherwise take the
 * page down with it (the written files are copied to the page and scanned for leaks). Far above what
 * any exercise writes; past them a write fails the way a full disk does in Node, with the limit named.
 */
export const MAX_FILE_CHARS = 2 * 1024 * 1024;
export const MAX_TOTAL_CHARS = 8 * 1024 * 1024;

export class FsError extends Error {
  readonly errno: number;

  readonly code: 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EEXIST' | 'ENOTEMPTY' | 'ENOSPC' | 'EFBIG';
  readonly syscall: string;
  readonly path: string;

  /** `detail`: the sandbox's own explanation, after Node's wording (which limit was hit). */
  constructor(code: FsError['code'], syscall: string, path: string, detail?: string) {
    const descriptions = {
      ENOENT: 'no such file or directory',
      EISDIR: 'illegal operation on a directory',
      ENOTDIR: 'not a directory',
      EEXIST: 'file already exists',
      ENOTEMPTY: 'directory not empty',
      ENOSPC: 'no space left on device',
      EFBIG: 'file too large',
    } as const;
    const errnos = { ENOENT: -2, EISDIR: -21, ENOTDIR: -20, EEXIST: -17, ENOTEMPTY: -39, ENOSPC: -28, EFBIG: -27 } as const;
    super(`${code}: ${descriptions[code]}, ${syscall} '${path}'${detail ? ` (${detail})` : ''}`);
    this.name = 'Error';
    this.errno = errnos[code];
    this.code = code;
    this.syscall = syscall;
    this.path = path;
  }
}

export type FsChange = { path: string; kind: 'change' | 'rename' };

export interface FileStat {
  isFile: boolean;
  size: number;
  mtimeMs: number;
}

/**
 * Files, directories and the written set live in prototype-less dictionaries read with captured
 * built-ins (see primordials.ts): learner code that replaces `Map`/`Set` methods or their iterators
 * cannot hide a written file from the report.
 */
export class VirtualFs {
  private readonly files = dictionary<{ text: string; mtimeMs: number }>();
  private readonly dirs = dictionary<true>();
  private readonly written = dictionary<true>();
  private readonly listeners = new Set<(change: FsChange) => void>();
  private totalChars = 0;

  private readonly now: () => number;

  constructor(seed: Record<string, string>, now: () => number = () => Date.now()) {
    this.now = now;
    defineValue(this.dirs, '/', true);
    this.mkdirp(SANDBOX_CWD);
    this.mkdirp('/tmp');
    for (const [path, text] of Object.entries(seed)) {
      const absolute = this.resolve(path);
      this.mkdirp(dirname(absolute));
      this.setFile(absolute, text);
    }
  }

  private file(absolute: string): { text: string; mtimeMs: number } | undefined {
    return hasOwn(this.files, absolute) ? this.files[absolute] : undefined;
  }

  private isDir(absolute: string): boolean {
    return hasOwn(this.dirs, absolute);
  }

  private setFile(absolute: string, text: string): void {
    this.totalChars += text.length - (this.file(absolute)?.text.length ?? 0);
    defineValue(this.files, absolute, { text, mtimeMs: this.now() });
  }

  resolve(path: string): string {
    return resolveFrom(SANDBOX_CWD, path);
  }

  private mkdirp(dir: string): void {
    for (let current = dir; !this.isDir(current); current = dirname(current)) defineValue(this.dirs, current, true);
  }

  exists(path: string): boolean {
    const absolute = this.resolve(path);
    return this.file(absolute) !== undefined || this.isDir(absolute);
  }

  isDirectory(path: string): boolean {
    return this.isDir(this.resolve(path));
  }

  readFile(path: string): string {
    const absolute = this.resolve(path);
    if (this.isDir(absolute)) throw new FsError('EISDIR', 'read', absolute);
    const file = this.file(absolute);
    if (!file) throw new FsError('ENOENT', 'open', absolute);
    return file.text;
  }

  writeFile(path: string, text: string, mode: 'replace' | 'append' = 'replace'): void {
    const absolute = this.resolve(path);
    if (this.isDir(absolute)) throw new FsError('EISDIR', 'open', absolute);
    if (!this.isDir(dirname(absolute))) throw new FsError('ENOENT', 'open', absolute);
    const existing = this.file(absolute);
    const appending = mode === 'append' && existing !== undefined;
    const size = (appending ? existing.text.length : 0) + text.length;
    // Checked before the text is built: a 100 MB string is the failure this prevents.
    if (size > MAX_FILE_CHARS) {
      throw new FsError('EFBIG', 'write', absolute, `the sandbox's files hold at most ${formatChars(MAX_FILE_CHARS)} each; this write would make it ${formatChars(size)}`);
    }
    if (this.totalChars - (existing?.text.length ?? 0) + size > MAX_TOTAL_CHARS) {
      throw new FsError('ENOSPC', 'write', absolute, `the sandbox's file system holds at most ${formatChars(MAX_TOTAL_CHARS)} in all`);
    }
    this.setFile(absolute, appending ? existing.text + text : text);
    defineValue(this.written, absolute, true);
    this.emit({ path: absolute, kind: existing ? 'change' : 'rename' });
  }

  unlink(path: string): void {
    const absolute = this.resolve(path);
    const file = this.file(absolute);
    if (!file) throw new FsError(this.isDir(absolute) ? 'EISDIR' : 'ENOENT', 'unlink', absolute);
    this.totalChars -= file.text.length;
    delete this.files[absolute];
    delete this.written[absolute];
    this.emit({ path: absolute, kind: 'rename' });
  }

  mkdir(path: string, recursive: boolean): void {
    const absolute = this.resolve(path);
    if (this.isDir(absolute)) {
      if (recursive) return;
      throw new FsError('EEXIST', 'mkdir', absolute);
    }
    if (this.file(absolute)) throw new FsError('EEXIST', 'mkdir', absolute);
    if (!recursive && !this.isDir(dirname(absolute))) throw new FsError('ENOENT', 'mkdir', absolute);
    this.mkdirp(absolute);
  }

  readdir(path: string): string[] {
    const absolute = this.resolve(path);
    if (this.file(absolute)) throw new FsError('ENOTDIR', 'scandir', absolute);
    if (!this.isDir(absolute)) throw new FsError('ENOENT', 'scandir', absolute);
    const prefix = absolute === '/' ? '/' : `${absolute}/`;
    const names = new Set<string>();
    for (const entry of [...ownKeys(this.files), ...ownKeys(this.dirs)]) {
      if (entry.startsWith(prefix) && entry !== absolute) names.add(entry.slice(prefix.length).split('/')[0] ?? '');
    }
    names.delete('');
    return [...names].sort();
  }

  stat(path: string): FileStat {
    const absolute = this.resolve(path);
    const file = this.file(absolute);
    if (file) return { isFile: true, size: new TextEncoder().encode(file.text).length, mtimeMs: file.mtimeMs };
    if (this.isDir(absolute)) return { isFile: false, size: 4096, mtimeMs: 0 };
    throw new FsError('ENOENT', 'stat', absolute);
  }

  /** Subscribes to every change; returns the unsubscribe function. */
  watch(listener: (change: FsChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: FsChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }

  /** Files the program created or changed, with their final text. */
  writtenFiles(): Record<string, string> {
    const out = dictionary<string>();
    const paths = ownKeys(this.written);
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i]!;
      const file = this.file(path);
      if (file) defineValue(out, path, file.text);
    }
    return out;
  }
}

function formatChars(chars: number): string {
  return chars >= 1024 * 1024 ? `${Math.round((chars / 1024 / 1024) * 10) / 10} MB` : `${Math.round(chars / 1024)} KB`;
}

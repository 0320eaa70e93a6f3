/**
 * The program's file system: a map of absolute paths to text, seeded by the sandbox
 * (`/app/index.ts`, `/run/secrets/db_password`, `/app/.env`), with directories implied by the files
 * plus `/app` and `/tmp`. Remembers what the program wrote (grading reads it) and tells watchers
 * about changes. Errors carry Node's codes and wording so learners can handle `ENOENT`.
 */
import { SANDBOX_CWD, dirname, resolveFrom } from './path-shim.ts';

export class FsError extends Error {
  readonly errno: number;

  readonly code: 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EEXIST' | 'ENOTEMPTY';
  readonly syscall: string;
  readonly path: string;

  constructor(code: FsError['code'], syscall: string, path: string) {
    const descriptions = {
      ENOENT: 'no such file or directory',
      EISDIR: 'illegal operation on a directory',
      ENOTDIR: 'not a directory',
      EEXIST: 'file already exists',
      ENOTEMPTY: 'directory not empty',
    } as const;
    const errnos = { ENOENT: -2, EISDIR: -21, ENOTDIR: -20, EEXIST: -17, ENOTEMPTY: -39 } as const;
    super(`${code}: ${descriptions[code]}, ${syscall} '${path}'`);
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

export class VirtualFs {
  private readonly files = new Map<string, { text: string; mtimeMs: number }>();
  private readonly dirs = new Set<string>(['/']);
  private readonly written = new Set<string>();
  private readonly listeners = new Set<(change: FsChange) => void>();

  private readonly now: () => number;

  constructor(seed: Record<string, string>, now: () => number = () => Date.now()) {
    this.now = now;
    this.mkdirp(SANDBOX_CWD);
    this.mkdirp('/tmp');
    for (const [path, text] of Object.entries(seed)) {
      const absolute = this.resolve(path);
      this.mkdirp(dirname(absolute));
      this.files.set(absolute, { text, mtimeMs: this.now() });
    }
  }

  resolve(path: string): string {
    return resolveFrom(SANDBOX_CWD, path);
  }

  private mkdirp(dir: string): void {
    for (let current = dir; !this.dirs.has(current); current = dirname(current)) this.dirs.add(current);
  }

  exists(path: string): boolean {
    const absolute = this.resolve(path);
    return this.files.has(absolute) || this.dirs.has(absolute);
  }

  isDirectory(path: string): boolean {
    return this.dirs.has(this.resolve(path));
  }

  readFile(path: string): string {
    const absolute = this.resolve(path);
    if (this.dirs.has(absolute)) throw new FsError('EISDIR', 'read', absolute);
    const file = this.files.get(absolute);
    if (!file) throw new FsError('ENOENT', 'open', absolute);
    return file.text;
  }

  writeFile(path: string, text: string, mode: 'replace' | 'append' = 'replace'): void {
    const absolute = this.resolve(path);
    if (this.dirs.has(absolute)) throw new FsError('EISDIR', 'open', absolute);
    if (!this.dirs.has(dirname(absolute))) throw new FsError('ENOENT', 'open', absolute);
    const existing = this.files.get(absolute);
    const next = mode === 'append' && existing ? existing.text + text : text;
    this.files.set(absolute, { text: next, mtimeMs: this.now() });
    this.written.add(absolute);
    this.emit({ path: absolute, kind: existing ? 'change' : 'rename' });
  }

  unlink(path: string): void {
    const absolute = this.resolve(path);
    if (!this.files.delete(absolute)) throw new FsError(this.dirs.has(absolute) ? 'EISDIR' : 'ENOENT', 'unlink', absolute);
    this.written.delete(absolute);
    this.emit({ path: absolute, kind: 'rename' });
  }

  mkdir(path: string, recursive: boolean): void {
    const absolute = this.resolve(path);
    if (this.dirs.has(absolute)) {
      if (recursive) return;
      throw new FsError('EEXIST', 'mkdir', absolute);
    }
    if (this.files.has(absolute)) throw new FsError('EEXIST', 'mkdir', absolute);
    if (!recursive && !this.dirs.has(dirname(absolute))) throw new FsError('ENOENT', 'mkdir', absolute);
    this.mkdirp(absolute);
  }

  readdir(path: string): string[] {
    const absolute = this.resolve(path);
    if (this.files.has(absolute)) throw new FsError('ENOTDIR', 'scandir', absolute);
    if (!this.dirs.has(absolute)) throw new FsError('ENOENT', 'scandir', absolute);
    const prefix = absolute === '/' ? '/' : `${absolute}/`;
    const names = new Set<string>();
    for (const entry of [...this.files.keys(), ...this.dirs]) {
      if (entry.startsWith(prefix) && entry !== absolute) names.add(entry.slice(prefix.length).split('/')[0] ?? '');
    }
    names.delete('');
    return [...names].sort();
  }

  stat(path: string): FileStat {
    const absolute = this.resolve(path);
    const file = this.files.get(absolute);
    if (file) return { isFile: true, size: new TextEncoder().encode(file.text).length, mtimeMs: file.mtimeMs };
    if (this.dirs.has(absolute)) return { isFile: false, size: 4096, mtimeMs: 0 };
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
    const out: Record<string, string> = {};
    for (const path of this.written) {
      const file = this.files.get(path);
      if (file) out[path] = file.text;
    }
    return out;
  }
}

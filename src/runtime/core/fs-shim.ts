/**
 * `node:fs` over the VirtualFs: the sync, callback and promise forms lessons use, plus `watch` and
 * `watchFile` for the "reload the secret when the file changes" example. Callbacks and watcher
 * events arrive asynchronously like in Node, and through the EventLoop so they keep the run alive;
 * an open watcher keeps the program running until it is closed (as in Node).
 */
import { SandboxBuffer, type BufferEncoding } from './buffer-shim.ts';
import { Emitter } from './emitter.ts';
import type { EventLoop, LoopHandle } from './event-loop.ts';
import { basename } from './path-shim.ts';
import { FsError, type FileStat, type VirtualFs } from './virtual-fs.ts';

type Callback = (error: unknown, value?: unknown) => void;
type EncodingOption = BufferEncoding | { encoding?: BufferEncoding | null; flag?: string } | null | undefined;

function encodingOf(options: unknown): BufferEncoding | undefined {
  if (typeof options === 'string') return options as BufferEncoding;
  if (typeof options === 'object' && options !== null && 'encoding' in options) {
    const encoding = (options as { encoding?: unknown }).encoding;
    return typeof encoding === 'string' ? (encoding as BufferEncoding) : undefined;
  }
  return undefined;
}

/** The VirtualFs holds text: bytes are decoded as UTF-8 (the files of these lessons are text). */
function toText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof Uint8Array) return SandboxBuffer.wrap(data).toString('utf8');
  return String(data);
}

export class Stats {
  readonly size: number;
  readonly mtimeMs: number;
  readonly mtime: Date;
  readonly mode: number;
  private readonly file: boolean;

  constructor(stat: FileStat) {
    this.size = stat.size;
    this.mtimeMs = stat.mtimeMs;
    this.mtime = new Date(stat.mtimeMs);
    this.mode = stat.isFile ? 0o100644 : 0o40755;
    this.file = stat.isFile;
  }

  isFile(): boolean {
    return this.file;
  }

  isDirectory(): boolean {
    return !this.file;
  }

  isSymbolicLink(): boolean {
    return false;
  }
}

/** What `fs.watch` returns: emits `change` (eventType, filename) until closed. */
export class FSWatcher extends Emitter {
  private readonly handle: LoopHandle;
  private readonly unsubscribe: () => void;

  constructor(handle: LoopHandle, unsubscribe: () => void) {
    super();
    this.handle = handle;
    this.unsubscribe = unsubscribe;
  }

  close(): void {
    this.unsubscribe();
    this.handle.close();
    this.emit('close');
  }

  ref(): this {
    this.handle.ref();
    return this;
  }

  unref(): this {
    this.handle.unref();
    return this;
  }
}

export function createFsModule(vfs: VirtualFs, loop: EventLoop): Record<string, unknown> {
  /** Runs `work` now and delivers its outcome to a Node-style callback on a later turn. */
  const later = (callback: unknown, work: () => unknown): void => {
    if (typeof callback !== 'function') throw new TypeError('The "cb" argument must be of type function. Received undefined');
    let outcome: [unknown, unknown?];
    try {
      outcome = [null, work()];
    } catch (error) {
      outcome = [error];
    }
    const handle = loop.openHandle();
    void loop.nextTurn().then(() => {
      handle.close();
      loop.invoke(callback as Callback, outcome);
    });
  };

  const readFileSync = (path: string, options?: EncodingOption): string | SandboxBuffer => {
    const text = vfs.readFile(String(path));
    const encoding = encodingOf(options);
    const bytes = SandboxBuffer.from(text);
    return encoding ? bytes.toString(encoding) : bytes;
  };
  const writeFileSync = (path: string, data: unknown, _options?: unknown): void => vfs.writeFile(String(path), toText(data));
  const appendFileSync = (path: string, data: unknown, _options?: unknown): void => vfs.writeFile(String(path), toText(data), 'append');
  const readdirSync = (path: string): string[] => vfs.readdir(String(path));
  const statSync = (path: string): Stats => new Stats(vfs.stat(String(path)));
  const mkdirSync = (path: string, options?: { recursive?: boolean }): void => vfs.mkdir(String(path), options?.recursive === true);
  const unlinkSync = (path: string): void => vfs.unlink(String(path));
  const accessSync = (path: string): void => void vfs.stat(String(path));
  const rmSync = (path: string, options?: { force?: boolean }): void => {
    if (options?.force && !vfs.exists(String(path))) return;
    vfs.unlink(String(path));
  };

  /** `fs.readFile(path[, options], callback)`: the options argument is optional, like in Node. */
  const withOptionalOptions =
    (work: (path: string, options: unknown) => unknown) =>
    (path: string, ...rest: unknown[]): void => {
      const callback = rest.pop();
      later(callback, () => work(path, rest[0]));
    };

  const watch = (path: string, ...rest: unknown[]): FSWatcher => {
    const absolute = vfs.resolve(String(path));
    if (!vfs.exists(absolute)) throw new FsError('ENOENT', 'watch', absolute);
    const listener = rest.find((arg): arg is (...args: unknown[]) => void => typeof arg === 'function');
    const options = rest.find((arg): arg is { persistent?: boolean } => typeof arg === 'object' && arg !== null);
    const handle = loop.openHandle();
    if (options?.persistent === false) handle.unref();
    const unsubscribe = vfs.watch((change) => {
      const inside = change.path === absolute || change.path.startsWith(`${absolute}/`);
      if (!inside || !handle.isOpen) return;
      void loop.nextTurn().then(() => {
        if (handle.isOpen) loop.invoke(() => watcher.emit('change', change.kind, basename(change.path)));
      });
    });
    const watcher = new FSWatcher(handle, unsubscribe);
    if (listener) watcher.on('change', listener);
    return watcher;
  };

  type StatListener = (current: Stats, previous: Stats) => void;
  const fileWatchers = new Map<string, { handle: LoopHandle; listeners: Set<StatListener>; unsubscribe: () => void; previous: Stats }>();
  const statOrEmpty = (path: string): Stats => (vfs.exists(path) ? new Stats(vfs.stat(path)) : new Stats({ isFile: true, size: 0, mtimeMs: 0 }));

  /** Node polls; here the VirtualFs announces writes, which is what polling would notice. */
  const watchFile = (path: string, ...rest: unknown[]): void => {
    const absolute = vfs.resolve(String(path));
    const listener = rest.find((arg): arg is StatListener => typeof arg === 'function');
    if (!listener) throw new TypeError('The "listener" argument must be of type function. Received undefined');
    let entry = fileWatchers.get(absolute);
    if (!entry) {
      const created = { handle: loop.openHandle(), listeners: new Set<StatListener>(), unsubscribe: () => {}, previous: statOrEmpty(absolute) };
      created.unsubscribe = vfs.watch((change) => {
        if (change.path !== absolute) return;
        void loop.nextTurn().then(() => {
          if (!created.handle.isOpen) return;
          const current = statOrEmpty(absolute);
          const previous = created.previous;
          created.previous = current;
          for (const each of created.listeners) loop.invoke(each as (...args: unknown[]) => void, [current, previous]);
        });
      });
      fileWatchers.set(absolute, created);
      entry = created;
    }
    entry.listeners.add(listener);
  };

  const unwatchFile = (path: string, listener?: StatListener): void => {
    const absolute = vfs.resolve(String(path));
    const entry = fileWatchers.get(absolute);
    if (!entry) return;
    if (listener) entry.listeners.delete(listener);
    else entry.listeners.clear();
    if (entry.listeners.size === 0) {
      entry.unsubscribe();
      entry.handle.close();
      fileWatchers.delete(absolute);
    }
  };

  const promises = {
    readFile: async (path: string, options?: EncodingOption) => readFileSync(path, options),
    writeFile: async (path: string, data: unknown, options?: unknown) => writeFileSync(path, data, options),
    appendFile: async (path: string, data: unknown, options?: unknown) => appendFileSync(path, data, options),
    readdir: async (path: string) => readdirSync(path),
    stat: async (path: string) => statSync(path),
    lstat: async (path: string) => statSync(path),
    mkdir: async (path: string, options?: { recursive?: boolean }) => mkdirSync(path, options),
    unlink: async (path: string) => unlinkSync(path),
    rm: async (path: string, options?: { force?: boolean }) => rmSync(path, options),
    access: async (path: string) => accessSync(path),
  };

  return {
    readFileSync,
    writeFileSync,
    appendFileSync,
    existsSync: (path: string) => vfs.exists(String(path)),
    readdirSync,
    statSync,
    lstatSync: statSync,
    mkdirSync,
    unlinkSync,
    rmSync,
    accessSync,
    readFile: withOptionalOptions((path, options) => readFileSync(path, options as EncodingOption)),
    writeFile: (path: string, data: unknown, ...rest: unknown[]) => later(rest.pop(), () => writeFileSync(path, data, rest[0])),
    appendFile: (path: string, data: unknown, ...rest: unknown[]) => later(rest.pop(), () => appendFileSync(path, data, rest[0])),
    readdir: withOptionalOptions((path) => readdirSync(path)),
    stat: withOptionalOptions((path) => statSync(path)),
    mkdir: withOptionalOptions((path, options) => mkdirSync(path, options as { recursive?: boolean })),
    unlink: withOptionalOptions((path) => unlinkSync(path)),
    exists: (path: string, callback: (exists: boolean) => void) => later((_: unknown, value: unknown) => callback(value === true), () => vfs.exists(String(path))),
    watch,
    watchFile,
    unwatchFile,
    promises,
    Stats,
    FSWatcher,
    constants: { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 },
  };
}


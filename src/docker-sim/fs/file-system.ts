/**
 * The one file-system interface every simulated place shares: the learner's host, an image's
 * layers, a container's root (layers + mounts + /proc), a tmpfs. Shell commands only see this.
 */

export type FileKind = "file" | "dir";

export interface FileStat {
  kind: FileKind;
  /** Permission bits, e.g. 0o644 (setuid, setgid and sticky above them, as chmod sets them). */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: Date;
}

export interface WriteOptions {
  mode?: number;
  uid?: number;
  gid?: number;
  append?: boolean;
  /** Create missing parent directories (scenario setup; a real shell would fail). */
  parents?: boolean;
}

export type FsErrorCode = "ENOENT" | "ENOTDIR" | "EISDIR" | "EROFS" | "EEXIST" | "ENOTEMPTY" | "EACCES" | "EPERM";

const FS_ERROR_TEXT: Record<FsErrorCode, string> = {
  ENOENT: "No such file or directory",
  ENOTDIR: "Not a directory",
  EISDIR: "Is a directory",
  EROFS: "Read-only file system",
  EEXIST: "File exists",
  ENOTEMPTY: "Directory not empty",
  EACCES: "Permission denied",
  EPERM: "Operation not permitted",
};

/** A failed file operation; `text` is the strerror a tool would print after the path. */
export class FsError extends Error {
  readonly code: FsErrorCode;
  readonly path: string;
  constructor(code: FsErrorCode, path: string) {
    super(`${path}: ${FS_ERROR_TEXT[code]}`);
    this.name = "FsError";
    this.code = code;
    this.path = path;
  }
  get text(): string {
    return FS_ERROR_TEXT[this.code];
  }
}

export interface FileSystem {
  stat(path: string): FileStat | undefined;
  /** File contents, or throws FsError (ENOENT, EISDIR). */
  readFile(path: string): string;
  writeFile(path: string, content: string, options?: WriteOptions): void;
  /** Sorted entry names of a directory, or throws FsError. */
  readdir(path: string): string[];
  mkdir(path: string, options?: { parents?: boolean; mode?: number }): void;
  rm(path: string, options?: { recursive?: boolean }): void;
  /** Set the mode bits (chmod(2)); throws FsError (ENOENT, EROFS, EPERM). */
  chmod(path: string, mode: number): void;
  /** Set the owner (chown(2)); throws FsError (ENOENT, EROFS, EPERM). */
  chown(path: string, uid: number, gid: number): void;
}

/** Byte length as UTF-8, which is what sizes and the 500 KB secret limit count. */
export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Every file below `dir` (inclusive of nested dirs), as absolute path -> content. */
export function collectFiles(fs: FileSystem, dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (path: string): void => {
    const st = fs.stat(path);
    if (!st) return;
    if (st.kind === "file") {
      out.set(path, fs.readFile(path));
      return;
    }
    for (const name of fs.readdir(path)) walk(path === "/" ? `/${name}` : `${path}/${name}`);
  };
  walk(dir);
  return out;
}

/**
 * A read-only file system computed on demand, used for /proc inside containers: its content
 * (for instance `/proc/1/environ`) always reflects the container's current process.
 */
import { FsError, byteLength, type FileStat, type FileSystem } from "./file-system.ts";
import { basename, dirname, isWithin } from "./path.ts";

export class VirtualFs implements FileSystem {
  private readonly files: () => Map<string, string>;
  private readonly owner: () => { uid: number; gid: number };
  /** `owner`: whose files these are (/proc/1/* belong to the main process's user). */
  constructor(files: () => Map<string, string>, owner: () => { uid: number; gid: number } = () => ({ uid: 0, gid: 0 })) {
    this.files = files;
    this.owner = owner;
  }

  private isDir(path: string): boolean {
    if (path === "/") return true;
    for (const key of this.files().keys()) if (key !== path && isWithin(key, path)) return true;
    return false;
  }

  stat(path: string): FileStat | undefined {
    const content = this.files().get(path);
    const mtime = new Date(0);
    if (content !== undefined) return { kind: "file", mode: 0o400, ...this.owner(), size: byteLength(content), mtime };
    if (this.isDir(path)) return { kind: "dir", mode: 0o555, uid: 0, gid: 0, size: 0, mtime };
    return undefined;
  }

  readFile(path: string): string {
    const content = this.files().get(path);
    if (content !== undefined) return content;
    throw new FsError(this.isDir(path) ? "EISDIR" : "ENOENT", path);
  }

  writeFile(path: string): void {
    throw new FsError("EACCES", path);
  }

  readdir(path: string): string[] {
    if (!this.isDir(path)) throw new FsError(this.files().has(path) ? "ENOTDIR" : "ENOENT", path);
    const names = new Set<string>();
    for (const key of this.files().keys()) {
      let p = key;
      while (p !== "/" && dirname(p) !== path) p = dirname(p);
      if (p !== "/" && dirname(p) === path) names.add(basename(p));
    }
    return [...names].sort();
  }

  mkdir(path: string): void {
    throw new FsError("EACCES", path);
  }

  rm(path: string): void {
    throw new FsError("EACCES", path);
  }

  /** The kernel owns /proc: even root cannot change its files' modes or owners. */
  chmod(path: string): void {
    throw new FsError(this.stat(path) ? "EPERM" : "ENOENT", path);
  }

  chown(path: string): void {
    throw new FsError(this.stat(path) ? "EPERM" : "ENOENT", path);
  }
}

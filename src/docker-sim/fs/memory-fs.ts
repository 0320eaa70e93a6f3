/**
 * A flat in-memory file system: the learner's host, tmpfs mounts and named volumes.
 * Directories are explicit entries so `ls` and "no such directory" behave like a real disk.
 */
import { FsError, byteLength, type FileStat, type FileSystem, type WriteOptions } from "./file-system.ts";
import { dirname, basename } from "./path.ts";

export interface MemoryEntry {
  kind: "file" | "dir";
  content: string;
  mode: number;
  uid: number;
  gid: number;
  mtime: Date;
}

export class MemoryFs implements FileSystem {
  protected readonly entries = new Map<string, MemoryEntry>();
  private readonly now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.now = now;
    this.entries.set("/", { kind: "dir", content: "", mode: 0o755, uid: 0, gid: 0, mtime: now() });
  }

  stat(path: string): FileStat | undefined {
    const e = this.entries.get(path);
    if (!e) return undefined;
    return { kind: e.kind, mode: e.mode, uid: e.uid, gid: e.gid, size: e.kind === "file" ? byteLength(e.content) : 4096, mtime: e.mtime };
  }

  readFile(path: string): string {
    const e = this.entries.get(path);
    if (!e) throw new FsError("ENOENT", path);
    if (e.kind === "dir") throw new FsError("EISDIR", path);
    return e.content;
  }

  writeFile(path: string, content: string, options: WriteOptions = {}): void {
    const parent = dirname(path);
    if (options.parents) this.mkdir(parent, { parents: true });
    const p = this.entries.get(parent);
    if (!p) throw new FsError("ENOENT", path);
    if (p.kind !== "dir") throw new FsError("ENOTDIR", path);
    const existing = this.entries.get(path);
    if (existing?.kind === "dir") throw new FsError("EISDIR", path);
    this.entries.set(path, {
      kind: "file",
      content: options.append && existing ? existing.content + content : content,
      mode: options.mode ?? existing?.mode ?? 0o644,
      uid: options.uid ?? existing?.uid ?? 0,
      gid: options.gid ?? existing?.gid ?? 0,
      mtime: this.now(),
    });
  }

  readdir(path: string): string[] {
    const e = this.entries.get(path);
    if (!e) throw new FsError("ENOENT", path);
    if (e.kind !== "dir") throw new FsError("ENOTDIR", path);
    const names: string[] = [];
    for (const key of this.entries.keys()) {
      if (key !== "/" && dirname(key) === path) names.push(basename(key));
    }
    return names.sort();
  }

  mkdir(path: string, options: { parents?: boolean; mode?: number } = {}): void {
    const existing = this.entries.get(path);
    if (existing) {
      if (options.parents && existing.kind === "dir") return;
      throw new FsError("EEXIST", path);
    }
    const parent = dirname(path);
    if (!this.entries.has(parent)) {
      if (!options.parents) throw new FsError("ENOENT", path);
      this.mkdir(parent, { parents: true });
    } else if (this.entries.get(parent)?.kind !== "dir") {
      throw new FsError("ENOTDIR", path);
    }
    this.entries.set(path, { kind: "dir", content: "", mode: options.mode ?? 0o755, uid: 0, gid: 0, mtime: this.now() });
  }

  chmod(path: string, mode: number): void {
    const e = this.entries.get(path);
    if (!e) throw new FsError("ENOENT", path);
    e.mode = mode;
  }

  chown(path: string, uid: number, gid: number): void {
    const e = this.entries.get(path);
    if (!e) throw new FsError("ENOENT", path);
    e.uid = uid;
    e.gid = gid;
  }

  rm(path: string, options: { recursive?: boolean } = {}): void {
    const e = this.entries.get(path);
    if (!e || path === "/") throw new FsError("ENOENT", path);
    if (e.kind === "dir") {
      const children = [...this.entries.keys()].filter((k) => k.startsWith(`${path}/`));
      if (children.length > 0 && !options.recursive) throw new FsError("ENOTEMPTY", path);
      for (const k of children) this.entries.delete(k);
    }
    this.entries.delete(path);
  }
}

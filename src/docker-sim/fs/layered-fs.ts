/**
 * A container's (or a build step's) root file system: read-only image layers, one writable layer
 * on top, and mounts over both (bind mounts of host files, tmpfs, secrets, /proc). Lookups go
 * mounts first (longest target wins), then the writable layer, then image layers top-down.
 */
import { FsError, byteLength, type FileStat, type FileSystem, type WriteOptions } from "./file-system.ts";
import type { Layer, LayerDiff } from "./layer.ts";
import type { MemoryEntry } from "./memory-fs.ts";
import { basename, dirname, isWithin, relativeTo } from "./path.ts";

export interface FsMount {
  /** Absolute path inside the container. */
  target: string;
  /** The file system that holds the data (host fs, a tmpfs, a volume, /proc). */
  fs: FileSystem;
  /** Path of the mounted file or directory inside `fs`. */
  sourcePath: string;
  readOnly: boolean;
}

export class LayeredFs implements FileSystem {
  readonly upper: LayerDiff = new Map();
  private readonly lowers: readonly Layer[];
  private readonly mounts: FsMount[];
  private readonly now: () => Date;
  /** `docker run --read-only`: the writable layer refuses writes; mounts (tmpfs, volumes) still take them. */
  readOnlyRoot = false;

  constructor(lowers: readonly Layer[], mounts: FsMount[] = [], now: () => Date = () => new Date()) {
    this.lowers = lowers;
    this.mounts = mounts;
    this.now = now;
  }

  /** Mounts can change while a container lives (swarm secret rotation replaces the task instead). */
  addMount(mount: FsMount): void {
    this.mounts.push(mount);
  }

  mountAt(path: string): FsMount | undefined {
    let best: FsMount | undefined;
    for (const m of this.mounts) {
      if (isWithin(path, m.target) && (!best || m.target.length > best.target.length)) best = m;
    }
    return best;
  }

  private inMount(m: FsMount, path: string): string {
    const rel = relativeTo(path, m.target);
    if (rel === "") return m.sourcePath;
    return m.sourcePath === "/" ? `/${rel}` : `${m.sourcePath}/${rel}`;
  }

  private layerEntry(path: string): MemoryEntry | undefined {
    if (this.upper.has(path)) return this.upper.get(path) ?? undefined;
    for (let i = this.lowers.length - 1; i >= 0; i--) {
      const files = this.lowers[i]!.files;
      if (files.has(path)) return files.get(path) ?? undefined;
    }
    return undefined;
  }

  /** Mountpoints exist even if no layer created their parent directories. */
  private isMountAncestor(path: string): boolean {
    return this.mounts.some((m) => m.target !== path && isWithin(m.target, path));
  }

  stat(path: string): FileStat | undefined {
    const m = this.mountAt(path);
    if (m) return m.fs.stat(this.inMount(m, path));
    const e = this.layerEntry(path);
    if (e) return { kind: e.kind, mode: e.mode, uid: e.uid, gid: e.gid, size: e.kind === "file" ? byteLength(e.content) : 4096, mtime: e.mtime };
    if (path === "/" || this.isMountAncestor(path)) return { kind: "dir", mode: 0o755, uid: 0, gid: 0, size: 4096, mtime: this.now() };
    return undefined;
  }

  readFile(path: string): string {
    const m = this.mountAt(path);
    if (m) return m.fs.readFile(this.inMount(m, path));
    const e = this.layerEntry(path);
    if (!e) throw new FsError(this.isMountAncestor(path) ? "EISDIR" : "ENOENT", path);
    if (e.kind === "dir") throw new FsError("EISDIR", path);
    return e.content;
  }

  writeFile(path: string, content: string, options: WriteOptions = {}): void {
    const m = this.mountAt(path);
    if (m) {
      if (m.readOnly) throw new FsError("EROFS", path);
      m.fs.writeFile(this.inMount(m, path), content, options);
      return;
    }
    if (this.readOnlyRoot) throw new FsError("EROFS", path);
    const parent = dirname(path);
    if (options.parents) this.mkdir(parent, { parents: true });
    const p = this.stat(parent);
    if (!p) throw new FsError("ENOENT", path);
    if (p.kind !== "dir") throw new FsError("ENOTDIR", path);
    const existing = this.layerEntry(path);
    if (existing?.kind === "dir") throw new FsError("EISDIR", path);
    this.upper.set(path, {
      kind: "file",
      content: options.append && existing ? existing.content + content : content,
      mode: options.mode ?? existing?.mode ?? 0o644,
      uid: options.uid ?? existing?.uid ?? 0,
      gid: options.gid ?? existing?.gid ?? 0,
      mtime: this.now(),
    });
  }

  readdir(path: string): string[] {
    const m = this.mountAt(path);
    if (m) return m.fs.readdir(this.inMount(m, path));
    const st = this.stat(path);
    if (!st) throw new FsError("ENOENT", path);
    if (st.kind !== "dir") throw new FsError("ENOTDIR", path);
    const names = new Set<string>();
    const consider = (key: string): void => {
      if (key !== "/" && dirname(key) === path && this.stat(key)) names.add(basename(key));
    };
    for (const key of this.upper.keys()) consider(key);
    for (const layer of this.lowers) for (const key of layer.files.keys()) consider(key);
    for (const mount of this.mounts) {
      // The first path segment of a mount target below `path` shows up as an entry.
      if (mount.target !== path && isWithin(mount.target, path)) {
        const rest = relativeTo(mount.target, path);
        names.add(rest.split("/")[0]!);
      }
    }
    return [...names].sort();
  }

  mkdir(path: string, options: { parents?: boolean; mode?: number } = {}): void {
    const m = this.mountAt(path);
    if (m) {
      if (m.readOnly) throw new FsError("EROFS", path);
      m.fs.mkdir(this.inMount(m, path), options);
      return;
    }
    const existing = this.stat(path);
    if (existing) {
      if (options.parents && existing.kind === "dir") return;
      throw new FsError("EEXIST", path);
    }
    if (this.readOnlyRoot) throw new FsError("EROFS", path);
    const parent = dirname(path);
    const p = this.stat(parent);
    if (!p) {
      if (!options.parents) throw new FsError("ENOENT", path);
      this.mkdir(parent, { parents: true });
    } else if (p.kind !== "dir") {
      throw new FsError("ENOTDIR", path);
    }
    this.upper.set(path, { kind: "dir", content: "", mode: options.mode ?? 0o755, uid: 0, gid: 0, mtime: this.now() });
  }

  chmod(path: string, mode: number): void {
    this.changeAttributes(path, (e) => ({ ...e, mode }), (fs, p) => fs.chmod(p, mode));
  }

  chown(path: string, uid: number, gid: number): void {
    this.changeAttributes(path, (e) => ({ ...e, uid, gid }), (fs, p) => fs.chown(p, uid, gid));
  }

  /**
   * Metadata changes copy the entry up into the writable layer, as overlayfs does: the image's
   * layers keep the old mode and owner, the container sees the new ones.
   */
  private changeAttributes(path: string, change: (e: MemoryEntry) => MemoryEntry, inMount: (fs: FileSystem, p: string) => void): void {
    const m = this.mountAt(path);
    if (m) {
      if (m.readOnly) throw new FsError("EROFS", path);
      inMount(m.fs, this.inMount(m, path));
      return;
    }
    if (this.readOnlyRoot) throw new FsError("EROFS", path);
    const e = this.layerEntry(path);
    if (e) {
      this.upper.set(path, change(e));
      return;
    }
    const st = this.stat(path);
    if (!st) throw new FsError("ENOENT", path);
    // "/" or a directory that exists only because a mount lies below it.
    this.upper.set(path, change({ kind: "dir", content: "", mode: st.mode, uid: st.uid, gid: st.gid, mtime: st.mtime }));
  }

  rm(path: string, options: { recursive?: boolean } = {}): void {
    const m = this.mountAt(path);
    if (m) {
      // Removing a mountpoint itself is refused by the kernel ("Resource busy"); read-only wins first.
      if (m.readOnly || m.target === path) throw new FsError("EROFS", path);
      m.fs.rm(this.inMount(m, path), options);
      return;
    }
    const st = this.stat(path);
    if (!st) throw new FsError("ENOENT", path);
    if (this.readOnlyRoot) throw new FsError("EROFS", path);
    if (st.kind === "dir") {
      const children = this.readdir(path);
      if (children.length > 0 && !options.recursive) throw new FsError("ENOTEMPTY", path);
      for (const child of children) this.rm(path === "/" ? `/${child}` : `${path}/${child}`, { recursive: true });
    }
    // A whiteout hides the path; lower layers still hold the bytes.
    this.upper.set(path, null);
  }
}

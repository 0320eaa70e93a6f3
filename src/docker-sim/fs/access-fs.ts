/**
 * A process's view of a file system when it does not run as root: the kernel's permission checks
 * in front of another FileSystem. Root (uid 0) needs no wrapper: it passes every check here.
 *
 * The rules are the classic Unix ones: owner bits if the uid owns the file, else group bits if
 * the file's group is one of the process's groups, else the "other" bits; searching a directory
 * (x) on every ancestor; creating or removing an entry needs write and search on the directory;
 * only the owner may chmod, only root may chown.
 */
import { FsError, type FileStat, type FileSystem, type WriteOptions } from "./file-system.ts";
import { dirname } from "./path.ts";

/** Who a process is: its uid, primary gid and every group it belongs to (gid included). */
export interface Credentials {
  uid: number;
  gid: number;
  groups: readonly number[];
}

export const ROOT: Credentials = { uid: 0, gid: 0, groups: [0] };

const R = 4;
const W = 2;
const X = 1;

/** May `who` read (4), write (2) or search/execute (1) a file with this stat? */
export function mayAccess(st: FileStat, who: Credentials, want: number): boolean {
  if (who.uid === 0) return true;
  const shift = st.uid === who.uid ? 6 : who.groups.includes(st.gid) ? 3 : 0;
  return ((st.mode >> shift) & want) === want;
}

export class AccessFs implements FileSystem {
  constructor(
    private readonly inner: FileSystem,
    readonly who: Credentials,
  ) {}

  /** Every directory above `path` must be searchable. */
  private searchable(path: string): void {
    const dirs: string[] = [];
    for (let d = dirname(path); ; d = dirname(d)) {
      dirs.unshift(d);
      if (d === "/") break;
    }
    for (const d of dirs) {
      const st = this.inner.stat(d);
      if (!st) return; // the inner file system reports the missing part itself
      if (st.kind === "dir" && !mayAccess(st, this.who, X)) throw new FsError("EACCES", path);
    }
  }

  private require(path: string, want: number): FileStat | undefined {
    if (path !== "/") this.searchable(path);
    const st = this.inner.stat(path);
    if (st && !mayAccess(st, this.who, want)) throw new FsError("EACCES", path);
    return st;
  }

  /** Creating or deleting a name needs write and search permission on its directory. */
  private requireParent(path: string): void {
    try {
      this.require(dirname(path), W | X);
    } catch (e) {
      // The error names the path being created or removed, as the system call's does.
      if (e instanceof FsError && e.code === "EACCES") throw new FsError("EACCES", path);
      throw e;
    }
  }

  stat(path: string): FileStat | undefined {
    try {
      this.searchable(path);
    } catch {
      // stat(2) fails with EACCES here; the interface only knows "not there", which callers
      // that then open the path turn into the right error.
      return undefined;
    }
    return this.inner.stat(path);
  }

  readFile(path: string): string {
    this.require(path, R);
    return this.inner.readFile(path);
  }

  writeFile(path: string, content: string, options: WriteOptions = {}): void {
    // Missing parents are made (and checked) one by one, as `mkdir -p` would.
    if (options.parents) this.mkdir(dirname(path), { parents: true });
    const existing = this.require(path, W);
    if (!existing) this.requireParent(path);
    // A new file belongs to the process that creates it.
    const owner = existing || options.uid !== undefined ? {} : { uid: this.who.uid, gid: this.who.gid };
    this.inner.writeFile(path, content, { ...options, ...owner, parents: false });
  }

  readdir(path: string): string[] {
    this.require(path, R);
    return this.inner.readdir(path);
  }

  mkdir(path: string, options: { parents?: boolean; mode?: number } = {}): void {
    if (this.inner.stat(path)) {
      // An existing name is EEXIST (or fine with -p) before any permission question.
      this.inner.mkdir(path, options);
      return;
    }
    if (options.parents && path !== "/" && !this.inner.stat(dirname(path))) this.mkdir(dirname(path), options);
    this.requireParent(path);
    this.inner.mkdir(path, { mode: options.mode });
    try {
      // A directory belongs to the process that makes it.
      this.inner.chown(path, this.who.uid, this.who.gid);
    } catch {
      // Nothing to own on a file system that refuses owners; the mkdir itself succeeded.
    }
  }

  rm(path: string, options?: { recursive?: boolean }): void {
    this.requireParent(path);
    this.inner.rm(path, options);
  }

  chmod(path: string, mode: number): void {
    const st = this.require(path, 0);
    if (st && st.uid !== this.who.uid) throw new FsError("EPERM", path);
    this.inner.chmod(path, mode);
  }

  chown(path: string, uid: number, gid: number): void {
    const st = this.require(path, 0);
    // An owner may only change the group, and only to a group it is in.
    if (st && (st.uid !== this.who.uid || uid !== st.uid || !this.who.groups.includes(gid))) throw new FsError("EPERM", path);
    this.inner.chown(path, uid, gid);
  }
}

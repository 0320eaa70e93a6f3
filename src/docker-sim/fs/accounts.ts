/**
 * The user and group databases of a file system (/etc/passwd, /etc/group), as the C library reads
 * them: what `id`, `chown node f`, `ls -l` and `docker run --user node` look names up in. Each
 * image has its own; a file system without them simply has no names, only numbers.
 */
import type { FileSystem } from "./file-system.ts";

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

function records(fs: FileSystem, path: string): string[][] {
  let text: string;
  try {
    text = fs.readFile(path);
  } catch {
    return [];
  }
  return text.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split(":"));
}

const isId = (s: string | undefined): s is string => s !== undefined && /^[0-9]+$/.test(s);

export function passwdEntries(fs: FileSystem): PasswdEntry[] {
  return records(fs, "/etc/passwd")
    .filter((f) => f[0] && isId(f[2]) && isId(f[3]))
    .map((f) => ({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? "/" }));
}

export function groupEntries(fs: FileSystem): GroupEntry[] {
  return records(fs, "/etc/group")
    .filter((f) => f[0] && isId(f[2]))
    .map((f) => ({ name: f[0]!, gid: Number(f[2]), members: (f[3] ?? "").split(",").filter(Boolean) }));
}

/** A user by name, or by number when the text is all digits (getpwnam, then getpwuid). */
export function findUser(fs: FileSystem, nameOrId: string): PasswdEntry | undefined {
  const all = passwdEntries(fs);
  return all.find((e) => e.name === nameOrId) ?? (isId(nameOrId) ? all.find((e) => e.uid === Number(nameOrId)) : undefined);
}

export function findGroup(fs: FileSystem, nameOrId: string): GroupEntry | undefined {
  const all = groupEntries(fs);
  return all.find((e) => e.name === nameOrId) ?? (isId(nameOrId) ? all.find((e) => e.gid === Number(nameOrId)) : undefined);
}

export function userNameOf(fs: FileSystem, uid: number): string | undefined {
  return passwdEntries(fs).find((e) => e.uid === uid)?.name;
}

export function groupNameOf(fs: FileSystem, gid: number): string | undefined {
  return groupEntries(fs).find((e) => e.gid === gid)?.name;
}

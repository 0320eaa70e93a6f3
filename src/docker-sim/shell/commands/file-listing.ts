/**
 * `ls -l` and `stat` rendering: permission strings, owner names from /etc/passwd, and the two
 * layouts learners meet (GNU coreutils on the host, BusyBox inside Alpine containers).
 */
import type { FileStat, FileSystem } from "../../fs/file-system.ts";
import type { ShellFlavor } from "../types.ts";

export function modeString(st: FileStat): string {
  const bits = "rwxrwxrwx";
  const chars = [...bits].map((c, i) => (st.mode & (1 << (8 - i)) ? c : "-"));
  // setuid, setgid and sticky take the x column: lowercase over x, uppercase without it.
  const special: [number, number, string][] = [[0o4000, 2, "s"], [0o2000, 5, "s"], [0o1000, 8, "t"]];
  for (const [bit, col, c] of special) if (st.mode & bit) chars[col] = chars[col] === "x" ? c : c.toUpperCase();
  return `${st.kind === "dir" ? "d" : "-"}${chars.join("")}`;
}

export function octalMode(mode: number): string {
  return mode.toString(8).padStart(3, "0");
}

function namesFrom(fs: FileSystem, file: string): Map<number, string> {
  const names = new Map<number, string>([[0, "root"]]);
  try {
    for (const line of fs.readFile(file).split("\n")) {
      const [name, , id] = line.split(":");
      if (name && id && /^[0-9]+$/.test(id)) names.set(Number(id), name);
    }
  } catch {
    // No passwd file: numeric ids, as ls prints them.
  }
  return names;
}

export function userName(fs: FileSystem, uid: number): string {
  return namesFrom(fs, "/etc/passwd").get(uid) ?? String(uid);
}

export function groupName(fs: FileSystem, gid: number): string {
  return namesFrom(fs, "/etc/group").get(gid) ?? String(gid);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function lsDate(d: Date): string {
  const day = String(d.getUTCDate()).padStart(2, " ");
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${MONTHS[d.getUTCMonth()]} ${day} ${hh}:${mm}`;
}

/** Rows of `ls -l`, aligned the way the flavor's ls aligns them. */
export function longListing(fs: FileSystem, entries: { name: string; st: FileStat }[], flavor: ShellFlavor): string[] {
  const rows = entries.map(({ name, st }) => ({
    mode: modeString(st),
    links: st.kind === "dir" ? "2" : "1",
    user: userName(fs, st.uid),
    group: groupName(fs, st.gid),
    size: String(st.size),
    date: lsDate(st.mtime),
    name,
  }));
  if (flavor === "busybox") {
    return rows.map((r) => `${r.mode} ${r.links.padStart(4)} ${r.user.padEnd(8)} ${r.group.padEnd(8)} ${r.size.padStart(9)} ${r.date} ${r.name}`);
  }
  const w = (k: "links" | "user" | "group" | "size"): number => Math.max(...rows.map((r) => r[k].length));
  return rows.map(
    (r) => `${r.mode} ${r.links.padStart(w("links"))} ${r.user.padEnd(w("user"))} ${r.group.padEnd(w("group"))} ${r.size.padStart(w("size"))} ${r.date} ${r.name}`,
  );
}

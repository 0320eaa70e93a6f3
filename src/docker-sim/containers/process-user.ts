/**
 * `--user <name|uid>[:<group|gid>]` (docker run, docker exec) and a Dockerfile's USER, resolved the
 * way the daemon does it: names against the container's own /etc/passwd and /etc/group, numbers
 * taken as they are even with no entry (then the primary group is 0 and HOME is /). The process's
 * groups are its primary group plus every group that lists the user as a member.
 */
import { findGroup, findUser, groupEntries } from "../fs/accounts.ts";
import type { Credentials } from "../fs/access-fs.ts";
import type { FileSystem } from "../fs/file-system.ts";

export interface ProcessUser extends Credentials {
  /** What the runtime sets HOME to when the image and `-e` set none. */
  home: string;
}

export type UserLookup = { ok: true; value: ProcessUser } | { ok: false; error: string };

export function resolveUser(spec: string, fs: FileSystem): UserLookup {
  const colon = spec.indexOf(":");
  const userPart = colon === -1 ? spec : spec.slice(0, colon);
  const groupPart = colon === -1 ? "" : spec.slice(colon + 1);
  const numeric = (s: string): boolean => /^[0-9]+$/.test(s);

  // No user at all is uid 0, passwd file or not (a scratch image has none).
  const name = userPart || "0";
  const entry = findUser(fs, name);
  if (!entry && !numeric(name)) return { ok: false, error: `unable to find user ${name}: no matching entries in passwd file` };
  const uid = entry ? entry.uid : Number(name);
  let gid = entry ? entry.gid : 0;
  if (groupPart) {
    const group = findGroup(fs, groupPart);
    if (!group && !numeric(groupPart)) return { ok: false, error: `unable to find group ${groupPart}: no matching entries in group file` };
    gid = group ? group.gid : Number(groupPart);
  }
  const member = entry ? groupEntries(fs).filter((g) => g.members.includes(entry.name)).map((g) => g.gid) : [];
  return { ok: true, value: { uid, gid, groups: [...new Set([gid, ...member])], home: entry?.home || (uid === 0 ? "/root" : "/") } };
}

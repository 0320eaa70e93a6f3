/**
 * chmod's MODE argument, as GNU coreutils reads it: octal (`600`, `0755`) or symbolic clauses
 * (`u+x`, `go-rwx`, `a=r,u+w`, `+x`, `g=u`). Without a who-letter a clause acts as `a` but leaves
 * the bits set in the umask alone, which is why `chmod +w f` only gives the owner write access.
 */

const WHO: Record<string, number> = { u: 0o4700, g: 0o2070, o: 0o1007, a: 0o7777 };
const CLAUSE = /^([ugoa]*)((?:[-+=](?:[ugo]|[rwxXst]*))+)$/;
export const DEFAULT_UMASK = 0o022;

/** The new mode, or undefined when `spec` is not a valid mode. */
export function applyMode(spec: string, current: number, isDir: boolean, umask = DEFAULT_UMASK): number | undefined {
  if (/^[0-7]{1,4}$/.test(spec)) return parseInt(spec, 8);
  let mode = current;
  for (const clause of spec.split(",")) {
    const m = CLAUSE.exec(clause);
    if (!m) return undefined;
    const who = m[1]!;
    const affected = who ? [...who].reduce((bits, c) => bits | WHO[c]!, 0) : 0o7777;
    const allowed = who ? 0o7777 : ~umask;
    for (const action of m[2]!.matchAll(/([-+=])([ugo]|[rwxXst]*)/g)) {
      const op = action[1]!;
      const perms = permBits(action[2]!, mode, isDir);
      const value = perms & affected & allowed;
      if (op === "+") mode |= value;
      else if (op === "-") mode &= ~value;
      else mode = (mode & ~affected) | value;
    }
  }
  return mode;
}

function permBits(perms: string, mode: number, isDir: boolean): number {
  // `g=u`: copy one class's bits to the others.
  if (perms === "u" || perms === "g" || perms === "o") {
    const v = (mode >> { u: 6, g: 3, o: 0 }[perms]) & 7;
    return v | (v << 3) | (v << 6);
  }
  let bits = 0;
  for (const p of perms) {
    if (p === "r") bits |= 0o444;
    else if (p === "w") bits |= 0o222;
    else if (p === "x") bits |= 0o111;
    else if (p === "X" && (isDir || mode & 0o111)) bits |= 0o111;
    else if (p === "s") bits |= 0o6000;
    else if (p === "t") bits |= 0o1000;
  }
  return bits;
}

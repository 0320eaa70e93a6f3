/**
 * POSIX path helpers for the simulated file systems. Paths inside the engine are always absolute
 * and normalised ("/a/b", never "/a/./b/" or "a/b"), so every store can key on them directly.
 */

/** Normalise `path` against `cwd`: resolves ".", ".." and repeated slashes. */
export function resolvePath(cwd: string, path: string): string {
  const joined = path.startsWith("/") ? path : `${cwd}/${path}`;
  const out: string[] = [];
  for (const part of joined.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return `/${out.join("/")}`;
}

export function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

export function basename(path: string): string {
  const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** True when `path` is `dir` itself or lies below it. */
export function isWithin(path: string, dir: string): boolean {
  return dir === "/" || path === dir || path.startsWith(`${dir}/`);
}

/** `path` relative to `dir` ("" when equal); callers check `isWithin` first. */
export function relativeTo(path: string, dir: string): string {
  if (path === dir) return "";
  return dir === "/" ? path.slice(1) : path.slice(dir.length + 1);
}

/** Shell-style glob (`*`, `?`) to a RegExp that matches one path segment or a whole name. */
export function globToRegExp(glob: string): RegExp {
  let src = "";
  for (const ch of glob) {
    if (ch === "*") src += "[^/]*";
    else if (ch === "?") src += "[^/]";
    else src += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${src}$`);
}

export function hasGlob(word: string): boolean {
  return /[*?]/.test(word);
}

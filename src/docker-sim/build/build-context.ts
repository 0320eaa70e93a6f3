/**
 * The build context: the files `docker build` sends to BuildKit, minus what `.dockerignore`
 * excludes. Keeping `.env` out of `COPY . .` is a lesson of its own.
 */
import { globToRegExp } from "../fs/path.ts";

export type BuildContext = ReadonlyMap<string, string>;

function ignoreMatcher(dockerignore: string | undefined): (rel: string) => boolean {
  if (!dockerignore) return () => false;
  const rules = dockerignore
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const negate = l.startsWith("!");
      const pattern = (negate ? l.slice(1) : l).replace(/^\/+/, "").replace(/\/+$/, "");
      const re = globToRegExp(pattern.replace(/\*\*\//g, "\u0001")).source.replace(/\u0001/g, "(?:.*/)?");
      return { negate, re: new RegExp(re.replace(/\$$/, "(?:/.*)?$")) };
    });
  return (rel) => {
    let ignored = false;
    for (const r of rules) if (r.re.test(rel)) ignored = !r.negate;
    return ignored;
  };
}

/** Apply `.dockerignore` (if the context has one). */
export function filterContext(context: BuildContext): Map<string, string> {
  const ignored = ignoreMatcher(context.get(".dockerignore"));
  const out = new Map<string, string>();
  for (const [rel, content] of context) if (!ignored(rel)) out.set(rel, content);
  return out;
}

/** Files selected by one COPY source (`.`, a dir, a file, or a glob), keyed by path relative to what is copied. */
export function selectSources(context: ReadonlyMap<string, string>, source: string): Map<string, string> | undefined {
  const src = source.replace(/^\.(\/|$)/, "").replace(/^\/+/, "").replace(/\/+$/, "");
  const out = new Map<string, string>();
  if (src === "") {
    for (const [rel, c] of context) out.set(rel, c);
    return out;
  }
  if (/[*?]/.test(src)) {
    const re = globToRegExp(src);
    for (const [rel, c] of context) {
      if (re.test(rel)) out.set(rel.slice(rel.lastIndexOf("/") + 1), c);
      else {
        // A glob naming a directory copies that directory's contents.
        const top = rel.split("/").slice(0, src.split("/").length).join("/");
        if (top !== rel && re.test(top)) out.set(rel.slice(top.length + 1), c);
      }
    }
    return out.size ? out : undefined;
  }
  if (context.has(src)) {
    out.set(src.slice(src.lastIndexOf("/") + 1), context.get(src)!);
    return out;
  }
  for (const [rel, c] of context) if (rel.startsWith(`${src}/`)) out.set(rel.slice(src.length + 1), c);
  return out.size ? out : undefined;
}

export function contextSize(context: ReadonlyMap<string, string>): number {
  let n = 0;
  for (const c of context.values()) n += new TextEncoder().encode(c).length;
  return n;
}

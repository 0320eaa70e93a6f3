/**
 * Word expansion in POSIX order: parameters and command substitution, then field splitting of
 * unquoted results, then pathname globbing of unquoted `*` and `?`.
 */
import type { Word } from "./ast.ts";
import type { FileSystem } from "../fs/file-system.ts";
import { globToRegExp, resolvePath } from "../fs/path.ts";

export interface ExpandContext {
  lookup(name: string): string | undefined;
  substitute(source: string): Promise<string>;
  fs: FileSystem;
  cwd: string;
}

interface Field {
  text: string;
  /** Pattern with quoted glob characters escaped; set when an unquoted `*` or `?` occurs. */
  glob: string;
  hasGlob: boolean;
  quotedOrNonEmpty: boolean;
}

async function partValue(part: Word["parts"][number], ctx: ExpandContext): Promise<string> {
  if (part.kind === "text") return part.value;
  if (part.kind === "var") return ctx.lookup(part.name) ?? "";
  return (await ctx.substitute(part.source)).replace(/\n+$/, "");
}

/** Expand a word into zero or more fields (arguments). */
export async function expandWord(word: Word, ctx: ExpandContext): Promise<string[]> {
  const fields: Field[] = [];
  let cur: Field = { text: "", glob: "", hasGlob: false, quotedOrNonEmpty: false };
  for (const part of word.parts) {
    const value = await partValue(part, ctx);
    if (part.quoted || part.kind === "text") {
      cur.text += value;
      const literal = part.quoted || part.kind !== "text";
      cur.glob += literal ? value.replace(/[*?]/g, "\\$&") : value;
      if (!literal && /[*?]/.test(value)) cur.hasGlob = true;
      if (part.quoted || value) cur.quotedOrNonEmpty = true;
      continue;
    }
    // Unquoted expansion: split on blanks.
    const pieces = value.split(/[ \t\n]+/);
    pieces.forEach((piece, idx) => {
      if (idx > 0) {
        fields.push(cur);
        cur = { text: "", glob: "", hasGlob: false, quotedOrNonEmpty: false };
      }
      cur.text += piece;
      cur.glob += piece.replace(/[*?]/g, "\\$&");
      if (piece) cur.quotedOrNonEmpty = true;
    });
  }
  fields.push(cur);
  const out: string[] = [];
  for (const f of fields) {
    if (!f.quotedOrNonEmpty) continue;
    if (f.hasGlob) {
      const matches = glob(f.glob, ctx);
      if (matches.length) {
        out.push(...matches);
        continue;
      }
    }
    out.push(f.text);
  }
  return out;
}

/** Expand without splitting or globbing (assignments, redirect targets, heredoc bodies). */
export async function expandJoined(word: Word, ctx: ExpandContext): Promise<string> {
  let s = "";
  for (const part of word.parts) s += await partValue(part, ctx);
  return s;
}

/** Expand `$VAR`, `${VAR}` and `$(cmd)` inside a heredoc body. */
export async function expandText(text: string, ctx: ExpandContext): Promise<string> {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\\" && i + 1 < text.length && "$`\\".includes(text[i + 1]!)) {
      out += text[i + 1];
      i += 2;
      continue;
    }
    if (c === "$") {
      if (text[i + 1] === "(") {
        let depth = 1;
        let j = i + 2;
        while (j < text.length && depth > 0) {
          if (text[j] === "(") depth++;
          else if (text[j] === ")") depth--;
          j++;
        }
        out += (await ctx.substitute(text.slice(i + 2, j - 1))).replace(/\n+$/, "");
        i = j;
        continue;
      }
      const m = /^\{([^}]*)\}|^([A-Za-z_][A-Za-z0-9_]*|\?)/.exec(text.slice(i + 1));
      if (m) {
        out += ctx.lookup(m[1] ?? m[2]!) ?? "";
        i += 1 + m[0].length;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

/** Match a pattern segment by segment; only segments with wildcards are matched against dirs. */
function glob(pattern: string, ctx: ExpandContext): string[] {
  const absolute = pattern.startsWith("/");
  const segments = pattern.split("/").filter((s) => s !== "");
  let candidates = [absolute ? "/" : ctx.cwd];
  for (const seg of segments) {
    const next: string[] = [];
    const wild = /(^|[^\\])[*?]/.test(seg);
    const literal = seg.replace(/\\([*?])/g, "$1");
    for (const base of candidates) {
      if (!wild) {
        const p = base === "/" ? `/${literal}` : `${base}/${literal}`;
        if (ctx.fs.stat(p)) next.push(p);
        continue;
      }
      let names: string[] = [];
      try {
        names = ctx.fs.readdir(base);
      } catch {
        continue;
      }
      const re = globToRegExp(seg.replace(/\\([*?])/g, "\u0000$1")).source.replace(/\u0000\[\^\/\]\*/g, "\\*").replace(/\u0000\[\^\/\]/g, "\\?");
      const rx = new RegExp(re);
      for (const name of names) {
        if (name.startsWith(".") && !seg.startsWith(".")) continue;
        if (rx.test(name)) next.push(base === "/" ? `/${name}` : `${base}/${name}`);
      }
    }
    candidates = next;
  }
  const results = candidates.sort();
  if (absolute) return results;
  const prefix = ctx.cwd === "/" ? "/" : `${ctx.cwd}/`;
  return results.map((p) => (p.startsWith(prefix) ? p.slice(prefix.length) : resolvePath(ctx.cwd, p)));
}

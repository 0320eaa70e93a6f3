/**
 * Word expansion in POSIX order: tilde, parameters (`${VAR:-x}` and friends), command
 * substitution and arithmetic, then field splitting of unquoted results, then pathname globbing
 * of unquoted `*` and `?`. `"$@"` keeps one field per positional parameter.
 */
import type { Word, WordPart } from "./ast.ts";
import type { FileSystem } from "../fs/file-system.ts";
import { globToRegExp, resolvePath } from "../fs/path.ts";
import { findClose, tokenize } from "./lexer.ts";
import { removeAffix, replacePattern } from "./pattern.ts";

export interface ExpandContext {
  lookup(name: string): string | undefined;
  /** `${VAR:=x}` assigns. */
  assign(name: string, value: string): void;
  positional(): readonly string[];
  substitute(source: string): Promise<string>;
  arithmetic(source: string): string;
  /** `~user`'s home directory; undefined when there is no such user (the tilde stays literal). */
  home(user: string): string | undefined;
  fs: FileSystem;
  cwd: string;
}

/** `${VAR:?message}` on an unset variable, or a bad substitution: the command does not run. */
export class ExpansionError extends Error {
  override name = "ExpansionError";
}

interface Field {
  text: string;
  /** Pattern with quoted glob characters escaped; set when an unquoted `*` or `?` occurs. */
  glob: string;
  hasGlob: boolean;
  quotedOrNonEmpty: boolean;
}

type Value = string | { fields: readonly string[] };

async function partValue(part: WordPart, ctx: ExpandContext): Promise<Value> {
  switch (part.kind) {
    case "text": return part.value;
    case "tilde": return ctx.home(part.user) ?? `~${part.user}`;
    case "subst": return (await ctx.substitute(part.source)).replace(/\n+$/, "");
    case "arith": {
      // The expression is expanded first ($x, $(cmd)), as bash does, then evaluated.
      const expanded = await expandText(part.source, ctx);
      return ctx.arithmetic(expanded);
    }
    case "var": return varValue(part, ctx);
  }
}

async function varValue(part: Extract<WordPart, { kind: "var" }>, ctx: ExpandContext): Promise<Value> {
  const { name, op } = part;
  if ((name === "@" || name === "*") && !op) {
    const args = ctx.positional();
    return name === "@" && part.quoted ? { fields: args } : args.join(" ");
  }
  const value = name === "@" || name === "*" ? ctx.positional().join(" ") : ctx.lookup(name);
  const arg = async (): Promise<string> => (part.arg ? expandJoined(part.arg, ctx) : "");
  switch (op) {
    case undefined: return value ?? "";
    case "length": return String(name === "@" || name === "*" ? ctx.positional().length : [...(value ?? "")].length);
    case ":-": return value ? value : arg();
    case "-": return value !== undefined ? value : arg();
    case ":=":
    case "=": {
      if (op === ":=" ? value : value !== undefined) return value!;
      const v = await arg();
      ctx.assign(name, v);
      return v;
    }
    case ":?":
    case "?": {
      if (op === ":?" ? value : value !== undefined) return value!;
      const msg = await arg();
      throw new ExpansionError(`${name}: ${msg || (op === ":?" ? "parameter null or not set" : "parameter not set")}`);
    }
    case ":+": return value ? arg() : "";
    case "+": return value !== undefined ? arg() : "";
    case "#":
    case "##":
    case "%":
    case "%%": return removeAffix(value ?? "", part.arg ? await expandPattern(part.arg, ctx) : "", op);
    case "/":
    case "//": return replacePattern(value ?? "", part.arg ? await expandPattern(part.arg, ctx) : "", part.arg2 ? await expandJoined(part.arg2, ctx) : "", op === "//");
    case "substring": {
      const v = [...(value ?? "")];
      let off = Number(ctx.arithmetic(await arg()));
      if (off < 0) off = Math.max(0, v.length + off);
      if (!part.arg2) return v.slice(off).join("");
      let len = Number(ctx.arithmetic(await expandJoined(part.arg2, ctx)));
      if (len < 0) {
        len = v.length - off + len;
        if (len < 0) throw new ExpansionError(`${await expandJoined(part.arg2, ctx)}: substring expression < 0`);
      }
      return v.slice(off, off + len).join("");
    }
  }
}

/** Expand a word into zero or more fields (arguments). */
export async function expandWord(word: Word, ctx: ExpandContext): Promise<string[]> {
  const fields: Field[] = [];
  const fresh = (): Field => ({ text: "", glob: "", hasGlob: false, quotedOrNonEmpty: false });
  let cur = fresh();
  for (const part of word.parts) {
    const value = await partValue(part, ctx);
    if (typeof value !== "string") {
      // "$@": the first parameter joins what came before, the last what comes after.
      value.fields.forEach((f, idx) => {
        if (idx > 0) {
          fields.push(cur);
          cur = fresh();
        }
        cur.text += f;
        cur.glob += f.replace(/[*?]/g, "\\$&");
        cur.quotedOrNonEmpty = true;
      });
      continue;
    }
    const literalText = part.kind === "text" || part.kind === "tilde";
    if (part.kind === "tilde" || (literalText && (part as { quoted: boolean }).quoted) || (part.kind !== "text" && part.quoted)) {
      cur.text += value;
      cur.glob += value.replace(/[*?]/g, "\\$&");
      cur.quotedOrNonEmpty = true;
      continue;
    }
    if (part.kind === "text") {
      cur.text += value;
      cur.glob += value;
      if (/[*?]/.test(value)) cur.hasGlob = true;
      if (value) cur.quotedOrNonEmpty = true;
      continue;
    }
    // Unquoted expansion: split on blanks (IFS's default), glob what it produced.
    const pieces = value.split(/[ \t\n]+/);
    pieces.forEach((piece, idx) => {
      if (idx > 0) {
        fields.push(cur);
        cur = fresh();
      }
      cur.text += piece;
      cur.glob += piece;
      if (/[*?]/.test(piece)) cur.hasGlob = true;
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

/** Expand without splitting or globbing (assignments, redirect targets, `[[ ]]` operands). */
export async function expandJoined(word: Word, ctx: ExpandContext): Promise<string> {
  let s = "";
  for (const part of word.parts) {
    const v = await partValue(part, ctx);
    s += typeof v === "string" ? v : v.fields.join(" ");
  }
  return s;
}

/** Expand a pattern word: quoted characters are escaped so they match only themselves. */
export async function expandPattern(word: Word, ctx: ExpandContext): Promise<string> {
  let s = "";
  for (const part of word.parts) {
    const v = await partValue(part, ctx);
    const text = typeof v === "string" ? v : v.fields.join(" ");
    const quoted = part.kind === "tilde" || (part.kind !== "text" ? part.quoted : part.quoted);
    s += quoted ? text.replace(/[*?[\]\\]/g, "\\$&") : text;
  }
  return s;
}

/** Expand `$VAR`, `${VAR...}`, `$((...))` and `$(cmd)` inside a heredoc body or an arithmetic expression. */
export async function expandText(text: string, ctx: ExpandContext): Promise<string> {
  if (!text.includes("$") && !text.includes("`") && !text.includes("\\")) return text;
  let out = "";
  let i = 0;
  let literalStart = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\\" && i + 1 < text.length && "$`\\".includes(text[i + 1]!)) {
      out += text.slice(literalStart, i) + text[i + 1];
      i += 2;
      literalStart = i;
      continue;
    }
    if (c === "$" || c === "`") {
      // Lex just this expansion as a double-quoted word and expand it.
      const rest = text.slice(i);
      const m = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|[?$#!@*0-9-])/.exec(rest);
      let source: string | undefined;
      if (m) source = m[0];
      else if (rest.startsWith("${") || rest.startsWith("$(") || c === "`") {
        const open = c === "`" ? "`" : rest[1]!;
        const end = c === "`" ? rest.indexOf("`", 1) : rest.startsWith("$((") ? rest.indexOf("))", 3) + 1 : findClose(rest, 2, open, open === "(" ? ")" : "}");
        if (end > 0) source = rest.slice(0, end + 1);
      }
      if (source) {
        out += text.slice(literalStart, i);
        const tok = tokenize(`"${source.replace(/"/g, '\\"')}"`)[0];
        if (tok?.type === "word") out += await expandJoined({ parts: tok.parts }, ctx);
        i += source.length;
        literalStart = i;
        continue;
      }
    }
    i++;
  }
  return out + text.slice(literalStart);
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

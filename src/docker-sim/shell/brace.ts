/**
 * Brace expansion, bash's first expansion: `app/{src,test}` is two words, `{1..3}` and `{a..c}`
 * sequences, nested braces included. It applies to unquoted text only (`"{a,b}"` stays), and a
 * brace without a comma or a sequence inside (`{}`, `{x}`) stays as typed, as `find -exec {}` needs.
 */
import type { Word, WordPart } from "./ast.ts";

/** The most words one brace expression may make (`{1..10000000}` would otherwise fill the page). */
export const MAX_BRACE_WORDS = 100_000;

export function braceExpand(word: Word): Word[] {
  for (let p = 0; p < word.parts.length; p++) {
    const part = word.parts[p]!;
    if (part.kind !== "text" || part.quoted || !part.value.includes("{")) continue;
    const found = findBrace(part.value);
    if (!found) continue;
    const before = part.value.slice(0, found.start);
    const after = part.value.slice(found.end + 1);
    const out: Word[] = [];
    for (const alternative of found.alternatives) {
      const middle: WordPart[] = [{ kind: "text", value: `${before}${alternative}${after}`, quoted: false }];
      out.push(...braceExpand({ parts: [...word.parts.slice(0, p), ...middle, ...word.parts.slice(p + 1)] }));
      if (out.length > MAX_BRACE_WORDS) return out.slice(0, MAX_BRACE_WORDS);
    }
    return out;
  }
  return [word];
}

/** The first `{...}` that expands: its bounds and what it stands for. */
function findBrace(text: string): { start: number; end: number; alternatives: string[] } | undefined {
  for (let start = text.indexOf("{"); start !== -1; start = text.indexOf("{", start + 1)) {
    if (text[start - 1] === "$" || text[start - 1] === "\\") continue;
    let depth = 0;
    const commas: number[] = [];
    for (let k = start; k < text.length; k++) {
      const c = text[k];
      if (c === "{") depth++;
      else if (c === "}" && --depth === 0) {
        const inner = text.slice(start + 1, k);
        if (commas.length > 0) {
          const alternatives: string[] = [];
          let from = start + 1;
          for (const comma of commas) {
            alternatives.push(text.slice(from, comma));
            from = comma + 1;
          }
          alternatives.push(text.slice(from, k));
          return { start, end: k, alternatives };
        }
        const seq = sequence(inner);
        if (seq) return { start, end: k, alternatives: seq };
        break;
      } else if (c === "," && depth === 1) commas.push(k);
    }
  }
  return undefined;
}

/** `1..5`, `5..1`, `0..10..2`, `01..10` (zero-padded), `a..e`. */
function sequence(inner: string): string[] | undefined {
  const num = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(inner);
  if (num) {
    const [a, b] = [Number(num[1]), Number(num[2])];
    const step = Math.abs(Number(num[3] ?? 1)) || 1;
    const width = /^-?0\d/.test(num[1]!) || /^-?0\d/.test(num[2]!) ? Math.max(num[1]!.length, num[2]!.length) : 0;
    const out: string[] = [];
    for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? step : -step) {
      out.push(width ? String(Math.abs(v)).padStart(v < 0 ? width - 1 : width, "0").replace(/^/, v < 0 ? "-" : "") : String(v));
      if (out.length > MAX_BRACE_WORDS) break;
    }
    return out;
  }
  const chars = /^([A-Za-z])\.\.([A-Za-z])$/.exec(inner);
  if (chars) {
    const [a, b] = [chars[1]!.charCodeAt(0), chars[2]!.charCodeAt(0)];
    const out: string[] = [];
    for (let c = a; a <= b ? c <= b : c >= b; c += a <= b ? 1 : -1) out.push(String.fromCharCode(c));
    return out;
  }
  return undefined;
}

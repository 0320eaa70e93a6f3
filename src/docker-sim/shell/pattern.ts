/**
 * Shell patterns (`*`, `?`, `[a-z]`, `[!x]`) as regular expressions, for `case`, `[[ == ]]` and
 * `${VAR#pattern}`. A backslash makes the next character literal; expansion escapes quoted
 * characters that way, so `case $x in "*")` matches only a star.
 */
export function patternSource(pattern: string): string {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\" && i + 1 < pattern.length) {
      re += escapeRe(pattern[++i]!);
    } else if (c === "*") re += "[\\s\\S]*";
    else if (c === "?") re += "[\\s\\S]";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end === -1) {
        re += "\\[";
        continue;
      }
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith("!") || body.startsWith("^");
      if (negate) body = body.slice(1);
      body = body.replace(/\[:(alpha|digit|alnum|upper|lower|space|xdigit|punct):\]/g, (_, cls: string) => CLASSES[cls] ?? "");
      re += `[${negate ? "^" : ""}${body.replace(/\\/g, "\\\\").replace(/\]/g, "\\]")}]`;
      i = end;
    } else re += escapeRe(c);
  }
  return re;
}

const CLASSES: Record<string, string> = { alpha: "a-zA-Z", digit: "0-9", alnum: "a-zA-Z0-9", upper: "A-Z", lower: "a-z", space: " \\t\\n\\r\\f\\v", xdigit: "0-9a-fA-F", punct: "!-\\/:-@\\[-`{-~" };

function escapeRe(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

export function matchPattern(pattern: string, text: string): boolean {
  return new RegExp(`^${patternSource(pattern)}$`).test(text);
}

/** `${v#p}` (shortest prefix), `${v##p}` (longest), `${v%p}`, `${v%%p}`. */
export function removeAffix(value: string, pattern: string, op: "#" | "##" | "%" | "%%"): string {
  // Lazy stars find the shortest match, greedy ones the longest; one regex pass either way.
  const greedy = patternSource(pattern);
  const lazy = greedy.replace(/\[\\s\\S\]\*/g, "[\\s\\S]*?");
  if (op === "#" || op === "##") {
    const m = new RegExp(`^(?:${op === "#" ? lazy : greedy})`).exec(value);
    return m ? value.slice(m[0].length) : value;
  }
  const m = new RegExp(op === "%" ? `^([\\s\\S]*)(?:${lazy})$` : `^([\\s\\S]*?)(?:${greedy})$`).exec(value);
  return m ? m[1]! : value;
}

/** `${v/p/r}` (first match) and `${v//p/r}` (every match); `#p`/`%p` anchor at the start/end. */
export function replacePattern(value: string, pattern: string, replacement: string, all: boolean): string {
  let anchor = "";
  if (pattern.startsWith("#") || pattern.startsWith("%")) {
    anchor = pattern[0]!;
    pattern = pattern.slice(1);
  }
  const src = patternSource(pattern).replace(/\[\\s\\S\]\*/g, "[\\s\\S]*");
  const re = new RegExp(anchor === "#" ? `^(?:${src})` : anchor === "%" ? `(?:${src})$` : src, all && !anchor ? "g" : "");
  return value.replace(re, () => replacement);
}

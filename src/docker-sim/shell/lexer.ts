/**
 * Shell lexer: turns a command line (or a multi-line script with heredocs) into words and
 * operators. Quotes are kept as word parts so expansion later knows what not to split.
 */
import type { WordPart } from "./ast.ts";

export type Token =
  | { type: "word"; parts: WordPart[]; raw: string }
  | { type: "op"; op: string }
  | { type: "newline" }
  | { type: "heredoc"; strip: boolean; delimiter: string; expand: boolean; body: string };

export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ShellSyntaxError";
  }
}

const OPERATORS = ["&&", "||", ">>", "<<-", "<<", ">&", "&>", ";", "&", "|", ">", "<"];

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const pendingHeredocs: Extract<Token, { type: "heredoc" }>[] = [];
  let i = 0;

  const readHeredocBodies = (): void => {
    for (const doc of pendingHeredocs.splice(0)) {
      const lines: string[] = [];
      for (;;) {
        if (i >= input.length) throw new ShellSyntaxError(`warning: here-document delimited by end-of-file (wanted \`${doc.delimiter}')`);
        const end = input.indexOf("\n", i);
        const line = end === -1 ? input.slice(i) : input.slice(i, end);
        i = end === -1 ? input.length : end + 1;
        const cmp = doc.strip ? line.replace(/^\t+/, "") : line;
        if (cmp === doc.delimiter) break;
        lines.push(cmp);
      }
      doc.body = lines.length ? `${lines.join("\n")}\n` : "";
    }
  };

  while (i < input.length) {
    const ch = input[i]!;
    if (ch === " " || ch === "\t") {
      i++;
      continue;
    }
    if (ch === "\\" && input[i + 1] === "\n") {
      i += 2;
      continue;
    }
    if (ch === "\n") {
      tokens.push({ type: "newline" });
      i++;
      readHeredocBodies();
      continue;
    }
    if (ch === "#") {
      while (i < input.length && input[i] !== "\n") i++;
      continue;
    }
    // A descriptor number glued to a redirection: 2>, 2>>, 2>&1, 1>&2.
    const fdMatch = /^([0-9])(>>|>&|>|<)/.exec(input.slice(i, i + 4));
    if (fdMatch) {
      tokens.push({ type: "op", op: `${fdMatch[1]}${fdMatch[2]}` });
      i += fdMatch[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => input.startsWith(o, i));
    if (op) {
      i += op.length;
      if (op === "<<" || op === "<<-") {
        while (input[i] === " " || input[i] === "\t") i++;
        const word = readWord();
        if (!word) throw new ShellSyntaxError("syntax error near unexpected token `newline'");
        const quoted = word.parts.some((p) => p.quoted);
        const delimiter = word.parts.map((p) => (p.kind === "text" ? p.value : "")).join("");
        const doc = { type: "heredoc" as const, strip: op === "<<-", delimiter, expand: !quoted, body: "" };
        tokens.push(doc);
        pendingHeredocs.push(doc);
      } else {
        tokens.push({ type: "op", op });
      }
      continue;
    }
    const word = readWord();
    if (word) tokens.push(word);
  }
  if (pendingHeredocs.length) readHeredocBodies();
  return tokens;

  function readWord(): Extract<Token, { type: "word" }> | undefined {
    const parts: WordPart[] = [];
    const start = i;
    let text = "";
    const flush = (quoted: boolean): void => {
      if (text) parts.push({ kind: "text", value: text, quoted });
      text = "";
    };
    while (i < input.length) {
      const c = input[i]!;
      if (c === " " || c === "\t" || c === "\n" || c === ";" || c === "&" || c === "|" || c === ">" || c === "<") break;
      if (c === "\\") {
        if (input[i + 1] === "\n") {
          i += 2;
          continue;
        }
        flush(false);
        if (i + 1 < input.length) parts.push({ kind: "text", value: input[i + 1]!, quoted: true });
        i += 2;
        continue;
      }
      if (c === "'") {
        flush(false);
        const end = input.indexOf("'", i + 1);
        if (end === -1) throw new ShellSyntaxError("unexpected EOF while looking for matching `''");
        parts.push({ kind: "text", value: input.slice(i + 1, end), quoted: true });
        i = end + 1;
        continue;
      }
      if (c === '"') {
        flush(false);
        i++;
        let dq = "";
        let closed = false;
        const flushDq = (): void => {
          if (dq) parts.push({ kind: "text", value: dq, quoted: true });
          dq = "";
        };
        // An empty "" still makes a (quoted, empty) word.
        parts.push({ kind: "text", value: "", quoted: true });
        while (i < input.length) {
          const d = input[i]!;
          if (d === '"') {
            closed = true;
            i++;
            break;
          }
          if (d === "\\" && i + 1 < input.length && '$`"\\\n'.includes(input[i + 1]!)) {
            if (input[i + 1] !== "\n") dq += input[i + 1];
            i += 2;
            continue;
          }
          if (d === "$") {
            const exp = readDollar(true);
            if (exp) {
              flushDq();
              parts.push(exp);
              continue;
            }
          }
          if (d === "`") {
            flushDq();
            parts.push(readBacktick(true));
            continue;
          }
          dq += d;
          i++;
        }
        if (!closed) throw new ShellSyntaxError("unexpected EOF while looking for matching `\"'");
        flushDq();
        continue;
      }
      if (c === "$") {
        const exp = readDollar(false);
        if (exp) {
          flush(false);
          parts.push(exp);
          continue;
        }
      }
      if (c === "`") {
        flush(false);
        parts.push(readBacktick(false));
        continue;
      }
      text += c;
      i++;
    }
    flush(false);
    if (parts.length === 0) return undefined;
    return { type: "word", parts, raw: input.slice(start, i) };
  }

  /** `$NAME`, `${NAME}`, `$?`, `$(cmd)`; undefined when `$` is literal. */
  function readDollar(quoted: boolean): WordPart | undefined {
    const next = input[i + 1];
    if (next === "(") {
      let depth = 1;
      let j = i + 2;
      while (j < input.length && depth > 0) {
        if (input[j] === "(") depth++;
        else if (input[j] === ")") depth--;
        j++;
      }
      if (depth > 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `)'");
      const source = input.slice(i + 2, j - 1);
      i = j;
      return { kind: "subst", source, quoted };
    }
    if (next === "{") {
      const end = input.indexOf("}", i + 2);
      if (end === -1) throw new ShellSyntaxError("unexpected EOF while looking for matching `}'");
      const name = input.slice(i + 2, end);
      i = end + 1;
      return { kind: "var", name, quoted };
    }
    if (next === "?" || next === "$" || next === "#" || (next !== undefined && /[0-9]/.test(next))) {
      i += 2;
      return { kind: "var", name: next, quoted };
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(i + 1));
    if (!m) return undefined;
    i += 1 + m[0].length;
    return { kind: "var", name: m[0], quoted };
  }

  function readBacktick(quoted: boolean): WordPart {
    const end = input.indexOf("`", i + 1);
    if (end === -1) throw new ShellSyntaxError("unexpected EOF while looking for matching ``'");
    const source = input.slice(i + 1, end);
    i = end + 1;
    return { kind: "subst", source, quoted };
  }
}

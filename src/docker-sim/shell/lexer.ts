/**
 * Shell lexer: turns a command line (or a multi-line script with heredocs) into words and
 * operators. Quotes are kept as word parts so expansion later knows what not to split.
 * Reserved words (`if`, `do`, `}`) are ordinary words here; the parser decides by position.
 *
 * Every scan is linear in the input: `$(...)` and `${...}` find their closing bracket by counting,
 * and their insides are lexed only when they run, so 20 000 nested `$(` cost one pass, not 20 000.
 */
import type { ParamOp, Word, WordPart } from "./ast.ts";
import { DEFAULT_LIMITS, formatBytes } from "./limits.ts";

export type Token =
  | { type: "word"; parts: WordPart[]; raw: string }
  | { type: "op"; op: string }
  | { type: "newline" }
  | { type: "arith"; source: string }
  | { type: "heredoc"; strip: boolean; delimiter: string; expand: boolean; body: string };

export class ShellSyntaxError extends Error {
  /**
   * The input ended too soon (an open quote, `if` without `fi`, a heredoc without its word):
   * an interactive shell asks for another line (`> `) instead of reporting it.
   */
  readonly incomplete: boolean;
  /** The input ended inside this here-document: only a line equal to its word can complete it. */
  readonly heredoc?: { delimiter: string; strip: boolean };
  constructor(message: string, incomplete = false, heredoc?: { delimiter: string; strip: boolean }) {
    super(message);
    this.name = "ShellSyntaxError";
    this.incomplete = incomplete;
    if (heredoc) this.heredoc = heredoc;
  }
}

/** A limit of the simulated shell was hit while reading the script (a huge heredoc). */
export class ShellInputLimitError extends Error {
  override name = "ShellInputLimitError";
}

const OPERATORS = ["&>>", ";;&", "<<<", "<<-", "&&", "||", ";;", ";&", ">>", "<<", ">&", "<&", "&>", ">|", ";", "&", "|", ">", "<", "(", ")"];
const WORD_END = new Set([" ", "\t", "\n", ";", "&", "|", ">", "<", "(", ")"]);

export interface LexOptions {
  maxHeredocLength?: number;
  /** Read the whole input as one word whose blanks are literal (the argument of `${x:-a b}`). */
  wordOnly?: boolean;
}

export function tokenize(input: string, options: LexOptions = {}): Token[] {
  const maxHeredoc = options.maxHeredocLength ?? DEFAULT_LIMITS.maxHeredocLength;
  const tokens: Token[] = [];
  const pendingHeredocs: Extract<Token, { type: "heredoc" }>[] = [];
  let i = 0;

  const readHeredocBodies = (): void => {
    for (const doc of pendingHeredocs.splice(0)) {
      const start = i;
      const lines: string[] = [];
      let size = 0;
      for (;;) {
        if (i >= input.length) throw new ShellSyntaxError(`warning: here-document delimited by end-of-file (wanted \`${doc.delimiter}')`, true, { delimiter: doc.delimiter, strip: doc.strip });
        const end = input.indexOf("\n", i);
        const line = end === -1 ? input.slice(i) : input.slice(i, end);
        i = end === -1 ? input.length : end + 1;
        const cmp = doc.strip ? line.replace(/^\t+/, "") : line;
        if (cmp === doc.delimiter) break;
        size += cmp.length + 1;
        if (size > maxHeredoc) throw new ShellInputLimitError(`here-document too large: over ${formatBytes(maxHeredoc)} (the simulated shell's limit; starting at offset ${start})`);
        lines.push(cmp);
      }
      doc.body = lines.length ? `${lines.join("\n")}\n` : "";
    }
  };

  if (options.wordOnly) return [{ type: "word", parts: readParts(true), raw: input }];
  while (i < input.length) {
    const ch = input[i]!;
    if (ch === " " || ch === "\t" || ch === "\r") {
      i++;
      continue;
    }
    if (ch === "\\" && input[i + 1] === "\n") {
      i += 2;
      continue;
    }
    if (ch === "\\" && i + 1 === input.length) throw new ShellSyntaxError("unexpected EOF after `\\'", true);
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
    if (ch === "(" && input[i + 1] === "(") {
      const end = findArithEnd(input, i + 2);
      if (end !== -1) {
        tokens.push({ type: "arith", source: input.slice(i + 2, end) });
        i = end + 2;
        continue;
      }
    }
    // A descriptor number glued to a redirection: 2>, 2>>, 2>&1, 1>&2, 0<.
    const fdMatch = /^([0-9])(>>|>&|>\||<&|>|<)/.exec(input.slice(i, i + 4));
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
        const quoted = word.parts.some((p) => p.kind === "text" && p.quoted);
        const delimiter = word.parts.map((p) => (p.kind === "text" ? p.value : p.kind === "var" ? `$${p.name}` : "")).join("");
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
    else i++;
  }
  if (pendingHeredocs.length) readHeredocBodies();
  return tokens;

  function readWord(): Extract<Token, { type: "word" }> | undefined {
    const start = i;
    const parts = readParts(false);
    if (parts.length === 0) return undefined;
    return { type: "word", parts, raw: input.slice(start, i) };
  }

  /** Read word parts up to a word boundary (or, with `toEnd`, to the end of the input: `${x:-a b}`). */
  function readParts(toEnd: boolean): WordPart[] {
    const parts: WordPart[] = [];
    const wordStart = i;
    let text = "";
    const flush = (quoted: boolean): void => {
      if (text) parts.push({ kind: "text", value: text, quoted });
      text = "";
    };
    while (i < input.length) {
      const c = input[i]!;
      if (!toEnd && WORD_END.has(c)) break;
      if (c === "~" && (i === wordStart || /^[A-Za-z_][A-Za-z0-9_]*=$/.test(input.slice(wordStart, i)) || (text.endsWith(":") && /^[A-Za-z_][A-Za-z0-9_]*=/.test(input.slice(wordStart, i))))) {
        const m = /^~([A-Za-z0-9_.-]*)(?=$|[/:\s;&|<>()])/.exec(input.slice(i, i + 64));
        if (m) {
          flush(false);
          parts.push({ kind: "tilde", user: m[1]! });
          i += m[0].length;
          continue;
        }
      }
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
        if (end === -1) throw new ShellSyntaxError("unexpected EOF while looking for matching `''", true);
        parts.push({ kind: "text", value: input.slice(i + 1, end), quoted: true });
        i = end + 1;
        continue;
      }
      if (c === "$" && input[i + 1] === "'") {
        // $'...': ANSI-C quoting.
        flush(false);
        const end = findAnsiEnd(input, i + 2);
        if (end === -1) throw new ShellSyntaxError("unexpected EOF while looking for matching `''", true);
        parts.push({ kind: "text", value: ansiC(input.slice(i + 2, end)), quoted: true });
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
        if (!closed) throw new ShellSyntaxError("unexpected EOF while looking for matching `\"'", true);
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
    return parts;
  }

  /** `$NAME`, `${...}`, `$?`, `$(cmd)`, `$((expr))`; undefined when `$` is literal. */
  function readDollar(quoted: boolean): WordPart | undefined {
    const next = input[i + 1];
    if (next === "(" && input[i + 2] === "(") {
      const end = findArithEnd(input, i + 3);
      if (end !== -1) {
        const source = input.slice(i + 3, end);
        i = end + 2;
        return { kind: "arith", source, quoted };
      }
    }
    if (next === "(") {
      const end = findClose(input, i + 2, "(", ")");
      if (end === -1) throw new ShellSyntaxError("unexpected EOF while looking for matching `)'", true);
      const source = input.slice(i + 2, end);
      i = end + 1;
      return { kind: "subst", source, quoted };
    }
    if (next === "{") {
      const end = findClose(input, i + 2, "{", "}");
      if (end === -1) throw new ShellSyntaxError("unexpected EOF while looking for matching `}'", true);
      const body = input.slice(i + 2, end);
      i = end + 1;
      return parseBraced(body, quoted);
    }
    if (next !== undefined && "?$#!@*-0123456789".includes(next)) {
      i += 2;
      return { kind: "var", name: next, quoted };
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(i + 1, i + 256));
    if (!m) return undefined;
    i += 1 + m[0].length;
    return { kind: "var", name: m[0], quoted };
  }

  function readBacktick(quoted: boolean): WordPart {
    const end = input.indexOf("`", i + 1);
    if (end === -1) throw new ShellSyntaxError("unexpected EOF while looking for matching ``'", true);
    const source = input.slice(i + 1, end);
    i = end + 1;
    return { kind: "subst", source, quoted };
  }
}

/** `${...}`'s inside: `#NAME`, `NAME`, `NAME:-word`, `NAME#pat`, `NAME/pat/rep`, `NAME:off:len`. */
function parseBraced(body: string, quoted: boolean): WordPart {
  const bad = (): never => {
    throw new ShellSyntaxError(`\${${body}}: bad substitution`);
  };
  if (/^#([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?])$/.test(body)) return { kind: "var", name: body.slice(1), quoted, op: "length" };
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])/.exec(body);
  if (!m) return bad();
  const name = m[1]!;
  const rest = body.slice(name.length);
  if (rest === "") return { kind: "var", name, quoted };
  const opMatch = /^(:-|:=|:\?|:\+|-|=|\?|\+|##|#|%%|%|\/\/|\/|:)/.exec(rest);
  if (!opMatch) return bad();
  const opText = opMatch[1]!;
  const argText = rest.slice(opText.length);
  if (opText === "/" || opText === "//") {
    const slash = findUnescaped(argText, "/");
    const pat = slash === -1 ? argText : argText.slice(0, slash);
    const rep = slash === -1 ? "" : argText.slice(slash + 1);
    return { kind: "var", name, quoted, op: opText, arg: lexWord(pat), arg2: lexWord(rep) };
  }
  if (opText === ":") {
    const colon = argText.indexOf(":");
    const off = colon === -1 ? argText : argText.slice(0, colon);
    return { kind: "var", name, quoted, op: "substring", arg: lexWord(off), ...(colon === -1 ? {} : { arg2: lexWord(argText.slice(colon + 1)) }) };
  }
  return { kind: "var", name, quoted, op: opText as ParamOp, arg: lexWord(argText) };
}

/** Lex a whole string as one word (blanks are literal): the argument of `${x:-a b}`. */
export function lexWord(text: string): Word {
  const tokens = tokenizeWordOnly(text);
  return { parts: tokens };
}

function tokenizeWordOnly(text: string): WordPart[] {
  const first = tokenize(text, { wordOnly: true })[0];
  return first?.type === "word" ? first.parts : [];
}

function findUnescaped(text: string, ch: string): number {
  for (let k = 0; k < text.length; k++) {
    if (text[k] === "\\") k++;
    else if (text[k] === ch) return k;
  }
  return -1;
}

/** Index of the bracket closing one opened just before `from`, skipping quotes and escapes; -1 if none. */
export function findClose(input: string, from: number, open: string, close: string): number {
  let depth = 1;
  for (let j = from; j < input.length; j++) {
    const c = input[j]!;
    if (c === "\\") {
      j++;
      continue;
    }
    if (c === "'" && open === "(") {
      const end = input.indexOf("'", j + 1);
      if (end === -1) return -1;
      j = end;
      continue;
    }
    if (c === '"') {
      let k = j + 1;
      while (k < input.length && input[k] !== '"') k += input[k] === "\\" ? 2 : 1;
      if (k >= input.length) return -1;
      j = k;
      continue;
    }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return j;
  }
  return -1;
}

/** Index of the `))` that closes `((`, or -1 when the parentheses do not pair up as arithmetic. */
function findArithEnd(input: string, from: number): number {
  let depth = 0;
  for (let j = from; j < input.length; j++) {
    const c = input[j]!;
    if (c === "\n" && depth === 0) {
      // Arithmetic does not span lines in what lessons write; `((a); (b))` subshells do.
      continue;
    }
    if (c === "(") depth++;
    else if (c === ")") {
      if (depth === 0) return input[j + 1] === ")" ? j : -1;
      depth--;
    }
  }
  return -1;
}

function findAnsiEnd(input: string, from: number): number {
  for (let j = from; j < input.length; j++) {
    if (input[j] === "\\") j++;
    else if (input[j] === "'") return j;
  }
  return -1;
}

function ansiC(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, e: string) => {
    const map: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", e: "\x1b", E: "\x1b", f: "\f", v: "\v", "\\": "\\", "'": "'", '"': '"' };
    if (e.startsWith("x")) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return map[e] ?? `\\${e}`;
  });
}

/**
 * Go's text/template, as the CLIs written in Go evaluate `--format` / `-o go-template=` strings
 * (docker, kubectl, helm). Compile once, run per object:
 *
 *   const t = compileGoTemplate('{{range $i, $e := .Names}}{{if $i}},{{end}}{{$e}}{{end}}', { funcs });
 *   if (!t.ok) print(`template parsing error: ${t.error}`);       // "template: :1: unexpected EOF"
 *   const out = t.value.execute(row);                              // { ok, value | error }
 *
 * Grammar (the parts people type): text, `{{pipeline}}`, `{{- trim -}}`, comments, `|` chains,
 * `$x := p` / `$x = p`, `if/else if/else`, `range` (with `$i, $e :=`, `else`, `break`, `continue`),
 * `with/else`, parenthesised pipelines, fields on maps and objects (a function-valued field is a
 * method: `.Label "k"`), and Go's built-in functions. Error texts follow text/template's.
 */

export type TemplateResult<T> = { ok: true; value: T } | { ok: false; error: string };
export type TemplateFunc = (...args: unknown[]) => unknown;

export interface GoTemplateOptions {
  /** Functions beyond Go's built-ins (docker adds json, join, split, upper, lower, title, pad, truncate). */
  funcs?: Record<string, TemplateFunc>;
}

export interface ExecuteOptions {
  /**
   * What a missing field does: "zero" prints `<no value>` (Go's default on maps), "error" fails
   * with `map has no entry for key` (docker inspect's raw fallback). A string names the Go type of a
   * struct context instead: `can't evaluate field X in type <name>` (docker's list formatters).
   */
  missingKey?: "zero" | "error" | { typeName: string };
}

export interface GoTemplate {
  execute(data: unknown, options?: ExecuteOptions): TemplateResult<string>;
}

// ---- lexer -------------------------------------------------------------------------------------

type Tok =
  | { t: "field"; name: string; pos: number }
  | { t: "var"; name: string; pos: number }
  | { t: "ident"; name: string; pos: number }
  | { t: "str"; value: string; pos: number }
  | { t: "num"; value: number; text: string; pos: number }
  | { t: "dot" | "(" | ")" | "|" | ":=" | "=" | ","; pos: number };

class ParseError extends Error {}

function lineOf(src: string, pos: number): number {
  return src.slice(0, pos).split("\n").length;
}

function lexAction(src: string, start: number, end: number): Tok[] {
  const toks: Tok[] = [];
  const fail = (msg: string, at: number): never => {
    throw new ParseError(`template: :${lineOf(src, at)}: ${msg}`);
  };
  let i = start;
  while (i < end) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i;
    if (c === '"') {
      let j = i + 1;
      let value = "";
      while (j < end && src[j] !== '"') {
        if (src[j] === "\\") {
          const e = src[j + 1];
          value += e === "n" ? "\n" : e === "t" ? "\t" : e === '"' ? '"' : e === "\\" ? "\\" : `\\${e}`;
          j += 2;
        } else value += src[j++];
      }
      if (j >= end) fail("unterminated quoted string", pos);
      toks.push({ t: "str", value, pos });
      i = j + 1;
    } else if (c === "`") {
      const j = src.indexOf("`", i + 1);
      if (j === -1 || j >= end) fail("unterminated raw quoted string", pos);
      toks.push({ t: "str", value: src.slice(i + 1, j), pos });
      i = j + 1;
    } else if (c === "." && /[0-9]/.test(src[i + 1] ?? "")) {
      const m = /^\.[0-9A-Za-z_.]*/.exec(src.slice(i, end))![0];
      if (!/^\.[0-9]+$/.test(m)) fail(`bad number syntax: "${m}"`, pos);
      toks.push({ t: "num", value: Number(m), text: m, pos });
      i += m.length;
    } else if (c === ".") {
      const m = /^\.[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, end));
      if (m) {
        toks.push({ t: "field", name: m[0].slice(1), pos });
        i += m[0].length;
      } else {
        toks.push({ t: "dot", pos });
        i++;
      }
    } else if (c === "$") {
      const m = /^\$[A-Za-z0-9_]*/.exec(src.slice(i, end))![0];
      toks.push({ t: "var", name: m, pos });
      i += m.length;
    } else if (/[-+0-9]/.test(c)) {
      const m = /^[-+]?[0-9][0-9A-Za-z_.]*/.exec(src.slice(i, end))?.[0];
      if (!m) fail(`bad number syntax: "${c}"`, pos);
      const n = Number(m);
      if (Number.isNaN(n)) fail(`bad number syntax: "${m}"`, pos);
      toks.push({ t: "num", value: n, text: m!, pos });
      i += m!.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, end))![0];
      toks.push({ t: "ident", name: m, pos });
      i += m.length;
    } else if (c === ":" && src[i + 1] === "=") {
      toks.push({ t: ":=", pos });
      i += 2;
    } else if (c === "(" || c === ")" || c === "|" || c === "=" || c === ",") {
      toks.push({ t: c, pos });
      i++;
    } else {
      const code = c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
      fail(`unrecognized character in action: U+${code} '${c}'`, pos);
    }
  }
  return toks;
}

// ---- parser ------------------------------------------------------------------------------------

type Operand =
  | { k: "field"; chain: string[]; pos: number; text: string }
  | { k: "var"; name: string; chain: string[]; pos: number; text: string }
  | { k: "dot"; pos: number; text: string }
  | { k: "lit"; value: unknown; pos: number; text: string }
  | { k: "func"; name: string; pos: number; text: string }
  | { k: "pipe"; pipe: Pipe; chain: string[]; pos: number; text: string };

interface Cmd {
  args: Operand[];
  pos: number;
}
interface Pipe {
  decl: string[];
  assign: boolean;
  cmds: Cmd[];
  pos: number;
}
type Node =
  | { k: "text"; text: string }
  | { k: "action"; pipe: Pipe }
  | { k: "if" | "with" | "range"; pipe: Pipe; list: Node[]; elseList: Node[] }
  | { k: "break" | "continue" };

const BUILTINS = new Set(["and", "or", "not", "len", "index", "slice", "eq", "ne", "lt", "le", "gt", "ge", "print", "printf", "println", "html", "js", "urlquery", "call"]);

interface Action {
  start: number;
  end: number;
}

function parseTemplate(src: string, funcNames: ReadonlySet<string>): Node[] {
  // Split into text and actions, applying the trim markers.
  const parts: ({ k: "text"; text: string } | { k: "act"; a: Action })[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf("{{", i);
    if (open === -1) {
      parts.push({ k: "text", text: src.slice(i) });
      break;
    }
    let text = src.slice(i, open);
    let start = open + 2;
    if (src[start] === "-" && /\s/.test(src[start + 1] ?? "")) {
      text = text.replace(/\s+$/, "");
      start += 2;
    }
    if (text) parts.push({ k: "text", text });
    const close = src.indexOf("}}", start);
    if (close === -1) throw new ParseError(`template: :${lineOf(src, open)}: unclosed action`);
    let end = close;
    let next = close + 2;
    if (src[close - 1] === "-" && /\s/.test(src[close - 2] ?? "")) {
      end = close - 2;
      const rest = /^\s*/.exec(src.slice(next))![0];
      next += rest.length;
    }
    parts.push({ k: "act", a: { start, end } });
    i = next;
  }

  let p = 0;
  const vars: string[][] = [["$"]];
  const defined = (name: string): boolean => vars.some((scope) => scope.includes(name));
  const fail = (msg: string, at: number): never => {
    throw new ParseError(`template: :${lineOf(src, at)}: ${msg}`);
  };

  const parsePipe = (toks: Tok[], at: number, ctx: string): Pipe => {
    let j = 0;
    const decl: string[] = [];
    let assign = false;
    // `$x :=`, `$i, $e :=`, `$x =`
    const look = toks.findIndex((t) => t.t === ":=" || t.t === "=");
    if (look > 0 && toks.slice(0, look).every((t) => t.t === "var" || t.t === ",")) {
      for (const t of toks.slice(0, look)) if (t.t === "var") decl.push(t.name);
      assign = toks[look]!.t === "=";
      if (assign) for (const d of decl) if (!defined(d)) fail(`undefined variable "${d}"`, toks[0]!.pos);
      j = look + 1;
    }
    const cmds: Cmd[] = [];
    let args: Operand[] = [];
    let cmdPos = toks[j]?.pos ?? at;
    const operand = (): Operand => {
      const t = toks[j++]!;
      const chainAfter = (): string[] => {
        const chain: string[] = [];
        while (toks[j]?.t === "field" && toks[j]!.pos === toksEnd(toks[j - 1]!)) chain.push((toks[j++] as { name: string }).name);
        return chain;
      };
      const textOf = (from: number): string => src.slice(from, toksEnd(toks[j - 1]!));
      switch (t.t) {
        case "field": {
          const chain = [t.name, ...chainAfter()];
          return { k: "field", chain, pos: t.pos, text: textOf(t.pos) };
        }
        case "var": {
          if (!defined(t.name)) fail(`undefined variable "${t.name}"`, t.pos);
          const chain = chainAfter();
          return { k: "var", name: t.name, chain, pos: t.pos, text: textOf(t.pos) };
        }
        case "dot":
          return { k: "dot", pos: t.pos, text: "." };
        case "str":
          return { k: "lit", value: t.value, pos: t.pos, text: JSON.stringify(t.value) };
        case "num":
          return { k: "lit", value: t.value, pos: t.pos, text: t.text };
        case "ident": {
          if (t.name === "true" || t.name === "false") return { k: "lit", value: t.name === "true", pos: t.pos, text: t.name };
          if (t.name === "nil") return { k: "lit", value: null, pos: t.pos, text: "nil" };
          if (!funcNames.has(t.name)) fail(`function "${t.name}" not defined`, t.pos);
          return { k: "func", name: t.name, pos: t.pos, text: t.name };
        }
        case "(": {
          let depth = 1;
          const from = j;
          while (j < toks.length && depth > 0) {
            if (toks[j]!.t === "(") depth++;
            if (toks[j]!.t === ")") depth--;
            j++;
          }
          if (depth > 0) fail("unclosed left paren", t.pos);
          const inner = parsePipe(toks.slice(from, j - 1), t.pos, "parenthesized pipeline");
          const chain = chainAfter();
          return { k: "pipe", pipe: inner, chain, pos: t.pos, text: textOf(t.pos) };
        }
        default:
          return fail(`unexpected "${t.t}" in ${ctx === "command" ? "operand" : ctx}`, t.pos);
      }
    };
    while (j < toks.length) {
      if (toks[j]!.t === "|") {
        if (args.length === 0) fail("missing value for command", toks[j]!.pos);
        cmds.push({ args, pos: cmdPos });
        args = [];
        j++;
        cmdPos = toks[j]?.pos ?? at;
        continue;
      }
      args.push(operand());
    }
    if (args.length === 0) fail(cmds.length === 0 ? `missing value for ${ctx}` : "missing value for command", at);
    cmds.push({ args, pos: cmdPos });
    for (const [n, c] of cmds.entries()) {
      const head = c.args[0]!;
      if (c.args.length > 1 && head.k !== "func" && !(head.k === "field" || head.k === "var" || head.k === "pipe")) {
        fail(`can't give argument to non-function ${head.text}`, head.pos);
      }
      if (n > 0 && head.k === "lit") fail(`non executable command in pipeline stage ${n + 1}`, head.pos);
    }
    if (decl.length && !assign) vars[vars.length - 1]!.push(...decl);
    return { decl, assign, cmds, pos: at };
  };

  const toksEnd = (t: Tok): number => {
    switch (t.t) {
      case "field":
        return t.pos + t.name.length + 1;
      case "var":
      case "ident":
        return t.pos + t.name.length;
      case "num":
        return t.pos + t.text.length;
      case ":=":
        return t.pos + 2;
      case "str":
        return Infinity; // a chain never follows a string literal
      default:
        return t.pos + 1;
    }
  };

  /** Parse nodes until an `{{end}}`/`{{else}}` (returned as the terminator) or the end of input. */
  const parseList = (inside: string | undefined, inLoop: boolean): { nodes: Node[]; term?: { word: "end" | "else"; toks: Tok[]; a: Action } } => {
    const nodes: Node[] = [];
    while (p < parts.length) {
      const part = parts[p++]!;
      if (part.k === "text") {
        nodes.push({ k: "text", text: part.text });
        continue;
      }
      const { start, end } = part.a;
      const raw = src.slice(start, end).trim();
      if (raw.startsWith("/*")) {
        if (!raw.endsWith("*/")) fail("unclosed comment", start);
        continue;
      }
      const toks = lexAction(src, start, end);
      const first = toks[0];
      if (!first) fail("missing value for command", start);
      const word = first!.t === "ident" ? first!.name : undefined;
      if (word === "end" || word === "else") {
        if (!inside) fail(`unexpected {{${word}}}`, start);
        return { nodes, term: { word, toks: toks.slice(1), a: part.a } };
      }
      if (word === "break" || word === "continue") {
        if (!inLoop) fail(`{{${word}}} outside {{range}}`, start);
        nodes.push({ k: word });
        continue;
      }
      if (word === "if" || word === "with" || word === "range") {
        nodes.push(parseControl(word, toks.slice(1), start, inLoop));
        continue;
      }
      if (word === "define" || word === "template" || word === "block") fail(`{{${word}}} is not supported here`, start);
      nodes.push({ k: "action", pipe: parsePipe(toks, first!.pos, "command") });
    }
    if (inside) fail("unexpected EOF", src.length);
    return { nodes };
  };

  const parseControl = (word: "if" | "with" | "range", toks: Tok[], at: number, inLoop: boolean): Node => {
    vars.push([]);
    const pipe = parsePipe(toks, at, word);
    const body = parseList(word, inLoop || word === "range");
    let elseList: Node[] = [];
    if (body.term?.word === "else") {
      const rest = body.term.toks;
      if (rest[0]?.t === "ident" && (rest[0].name === "if" || rest[0].name === "with") && word !== "range") {
        // `{{else if p}}` is `{{else}}{{if p}}...{{end}}{{end}}` sharing one {{end}}.
        vars.pop();
        vars.push([]);
        elseList = [parseControlChained(rest[0].name, rest.slice(1), body.term.a.start, inLoop)];
        vars.pop();
        return { k: word, pipe, list: body.nodes, elseList };
      }
      const tail = parseList(word, inLoop);
      if (tail.term?.word !== "end") fail("expected end; found {{else}}", tail.term?.a.start ?? src.length);
      elseList = tail.nodes;
    }
    vars.pop();
    return { k: word, pipe, list: body.nodes, elseList };
  };
  const parseControlChained = (word: "if" | "with", toks: Tok[], at: number, inLoop: boolean): Node => parseControl(word, toks, at, inLoop);

  return parseList(undefined, false).nodes;
}

// ---- evaluation --------------------------------------------------------------------------------

class ExecError extends Error {}
/** `{{break}}`/`{{continue}}` unwinding to the nearest range, carrying the output written so far. */
class LoopSignal {
  out = "";
  constructor(readonly kind: "break" | "continue") {}
}

/** Go's fmt `%v` for the JSON-shaped values the CLIs format. */
export function goFormatValue(v: unknown): string {
  if (v === undefined) return "<no value>";
  if (v === null) return "<nil>";
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return `[${v.map(goFormatValue).join(" ")}]`;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.toString === "function" && o.toString !== Object.prototype.toString) return String(o);
    return `map[${Object.keys(o)
      .sort()
      .map((k) => `${k}:${goFormatValue(o[k])}`)
      .join(" ")}]`;
  }
  return String(v);
}

function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object" && !(v instanceof Date)) return Object.keys(v as object).length > 0;
  return true;
}

function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return "interface {}";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float64";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "[]interface {}";
  return "map[string]interface {}";
}

function printf(format: string, args: unknown[]): string {
  let n = 0;
  return format.replace(/%([-+ 0#]*)(\d*)([sdvqxtf%])/g, (_m, _flags: string, width: string, verb: string) => {
    if (verb === "%") return "%";
    const a = args[n++];
    let s: string;
    if (verb === "q") s = JSON.stringify(goFormatValue(a));
    else if (verb === "x") s = typeof a === "number" ? a.toString(16) : [...new TextEncoder().encode(String(a))].map((b) => b.toString(16).padStart(2, "0")).join("");
    else if (verb === "d") s = typeof a === "number" ? String(Math.trunc(a)) : `%!d(${goTypeName(a)}=${goFormatValue(a)})`;
    else s = goFormatValue(a);
    return width ? (_flags.includes("-") ? s.padEnd(Number(width)) : s.padStart(Number(width))) : s;
  });
}

function compare(op: string, a: unknown, b: unknown): boolean {
  if (op === "eq") return a === b || (a == null && b == null);
  if (op === "ne") return !compare("eq", a, b);
  if (typeof a !== typeof b || (typeof a !== "number" && typeof a !== "string")) throw new ExecError(`error calling ${op}: incompatible types for comparison`);
  const x = a as number | string;
  const y = b as number | string;
  return op === "lt" ? x < y : op === "le" ? x <= y : op === "gt" ? x > y : x >= y;
}

function lengthOf(v: unknown): number {
  if (typeof v === "string") return new TextEncoder().encode(v).length;
  if (Array.isArray(v)) return v.length;
  if (v && typeof v === "object") return Object.keys(v).length;
  throw new ExecError(`error calling len: len of type ${goTypeName(v)}`);
}

const builtinFuncs: Record<string, TemplateFunc> = {
  not: (a) => !truthy(a),
  len: lengthOf,
  index: (base, ...keys) => {
    let cur = base;
    for (const k of keys) {
      if (Array.isArray(cur)) {
        if (typeof k !== "number" || k < 0 || k >= cur.length) throw new ExecError(`error calling index: index out of range: ${goFormatValue(k)}`);
        cur = cur[k];
      } else if (cur && typeof cur === "object") cur = (cur as Record<string, unknown>)[String(k)];
      else if (cur === undefined || cur === null) throw new ExecError("error calling index: index of untyped nil");
      else throw new ExecError(`error calling index: can't index item of type ${goTypeName(cur)}`);
    }
    return cur;
  },
  slice: (base, ...idx) => {
    if (typeof base !== "string" && !Array.isArray(base)) throw new ExecError(`error calling slice: can't slice item of type ${goTypeName(base)}`);
    const [from = 0, to] = idx as number[];
    return base.slice(from, to);
  },
  print: (...a) => a.map(goFormatValue).join(a.every((x) => typeof x === "string") ? "" : " "),
  println: (...a) => `${a.map(goFormatValue).join(" ")}\n`,
  printf: (f, ...a) => printf(String(f), a),
  html: (...a) => a.map(goFormatValue).join("").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" })[c]!),
  js: (...a) => a.map(goFormatValue).join("").replace(/[\\'"<>&=]/g, (c) => `\\u00${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`),
  urlquery: (...a) => encodeURIComponent(a.map(goFormatValue).join("")),
  call: (fn, ...a) => {
    if (typeof fn !== "function") throw new ExecError(`error calling call: non-function of type ${goTypeName(fn)}`);
    return (fn as TemplateFunc)(...a);
  },
};

export function compileGoTemplate(source: string, options: GoTemplateOptions = {}): TemplateResult<GoTemplate> {
  const funcs: Record<string, TemplateFunc> = { ...builtinFuncs, ...options.funcs };
  const names = new Set([...BUILTINS, ...Object.keys(funcs)]);
  let nodes: Node[];
  try {
    nodes = parseTemplate(source, names);
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message };
    throw e;
  }
  return {
    ok: true,
    value: {
      execute(data, exec = {}) {
        const missing = exec.missingKey ?? "zero";
        const where = (pos: number, text: string): string => {
          const before = source.slice(0, pos);
          const line = before.split("\n").length;
          const col = pos - (before.lastIndexOf("\n") + 1);
          return `template: :${line}:${col}: executing "" at <${text}>`;
        };
        const field = (base: unknown, name: string, args: unknown[], op: Operand): unknown => {
          if (base && typeof base === "object" && !Array.isArray(base)) {
            const o = base as Record<string, unknown>;
            if (name in o) {
              const v = o[name];
              if (typeof v === "function") return (v as TemplateFunc).call(o, ...args);
              if (args.length) throw new ExecError(`${where(op.pos, op.text)}: ${name} has arguments but cannot be invoked as function`);
              return v;
            }
            if (typeof missing === "object") throw new ExecError(`${where(op.pos, op.text)}: can't evaluate field ${name} in type ${missing.typeName}`);
            if (missing === "error") throw new ExecError(`${where(op.pos, op.text)}: map has no entry for key "${name}"`);
            return undefined;
          }
          if (base === undefined || base === null) {
            if (missing === "error") throw new ExecError(`${where(op.pos, op.text)}: nil pointer evaluating interface {}.${name}`);
            return undefined;
          }
          throw new ExecError(`${where(op.pos, op.text)}: can't evaluate field ${name} in type ${goTypeName(base)}`);
        };
        const chainOn = (base: unknown, chain: string[], args: unknown[], op: Operand): unknown => {
          let cur = base;
          chain.forEach((name, n) => {
            cur = field(cur, name, n === chain.length - 1 ? args : [], op);
          });
          return cur;
        };
        const scopes: Map<string, unknown>[] = [new Map([["$", data]])];
        const lookup = (name: string): unknown => {
          for (let s = scopes.length - 1; s >= 0; s--) if (scopes[s]!.has(name)) return scopes[s]!.get(name);
          return undefined;
        };
        const evalArg = (op: Operand, dot: unknown): unknown => evalOperand(op, dot, []);
        const evalOperand = (op: Operand, dot: unknown, args: unknown[]): unknown => {
          switch (op.k) {
            case "dot":
              return dot;
            case "lit":
              return op.value;
            case "field":
              return chainOn(dot, op.chain, args, op);
            case "var":
              return chainOn(lookup(op.name), op.chain, args, op);
            case "pipe":
              return chainOn(evalPipe(op.pipe, dot), op.chain, args, op);
            case "func":
              return callFunc(op, dot, args);
          }
        };
        const callFunc = (op: Operand & { k: "func" }, _dot: unknown, args: unknown[]): unknown => {
          try {
            return funcs[op.name]!(...args);
          } catch (e) {
            if (e instanceof ExecError) throw new ExecError(`${where(op.pos, op.text)}: ${e.message}`);
            throw new ExecError(`${where(op.pos, op.text)}: error calling ${op.name}: ${(e as Error).message}`);
          }
        };
        const evalCmd = (cmd: Cmd, dot: unknown, piped: unknown[]): unknown => {
          const [head, ...rest] = cmd.args;
          if (head!.k === "func" && (head!.name === "and" || head!.name === "or")) {
            // and/or evaluate lazily, as Go 1.18+ does.
            const all = [...rest, ...piped.map((v): Operand => ({ k: "lit", value: v, pos: head!.pos, text: "" }))];
            if (all.length === 0) throw new ExecError(`${where(head!.pos, head!.text)}: wrong number of args for ${head!.name}: want at least 1 got 0`);
            let v: unknown;
            for (const a of all) {
              v = evalArg(a, dot);
              if (head!.name === "and" ? !truthy(v) : truthy(v)) return v;
            }
            return v;
          }
          if (head!.k === "func" && ["eq", "ne", "lt", "le", "gt", "ge"].includes(head!.name)) {
            const vals = [...rest.map((a) => evalArg(a, dot)), ...piped];
            try {
              if (head!.name === "eq" && vals.length > 2) return vals.slice(1).some((b) => compare("eq", vals[0], b));
              if (vals.length !== 2) throw new ExecError(`wrong number of args for ${head!.name}: want 2 got ${vals.length}`);
              return compare(head!.name, vals[0], vals[1]);
            } catch (e) {
              if (e instanceof ExecError) throw new ExecError(`${where(head!.pos, head!.text)}: ${e.message}`);
              throw e;
            }
          }
          const args = [...rest.map((a) => evalArg(a, dot)), ...piped];
          if (head!.k === "lit" || head!.k === "dot") {
            if (args.length) throw new ExecError(`${where(head!.pos, head!.text)}: can't give argument to non-function ${head!.text}`);
            return evalArg(head!, dot);
          }
          return evalOperand(head!, dot, args);
        };
        const evalPipe = (pipe: Pipe, dot: unknown): unknown => {
          let v: unknown;
          pipe.cmds.forEach((cmd, n) => {
            v = evalCmd(cmd, dot, n === 0 ? [] : [v]);
          });
          if (pipe.decl.length) {
            const target = pipe.assign ? scopes.findLast((s) => s.has(pipe.decl[0]!)) : scopes[scopes.length - 1];
            target!.set(pipe.decl[0]!, v);
          }
          return v;
        };
        const run = (list: Node[], dot: unknown): string => {
          let out = "";
          for (const n of list) {
            switch (n.k) {
              case "text":
                out += n.text;
                break;
              case "action": {
                const v = evalPipe(n.pipe, dot);
                if (!n.pipe.decl.length) out += goFormatValue(v);
                break;
              }
              case "break":
              case "continue": {
                const signal = new LoopSignal(n.k);
                signal.out = out;
                throw signal;
              }
              case "if":
              case "with": {
                scopes.push(new Map());
                const v = evalPipe(n.pipe, dot);
                try {
                  out += truthy(v) ? run(n.list, n.k === "with" ? v : dot) : run(n.elseList, dot);
                } catch (e) {
                  if (e instanceof LoopSignal) e.out = out + e.out;
                  throw e;
                } finally {
                  scopes.pop();
                }
                break;
              }
              case "range": {
                scopes.push(new Map());
                const decl = n.pipe.decl;
                const v = evalPipe({ ...n.pipe, decl: [] }, dot);
                let entries: [unknown, unknown][];
                if (Array.isArray(v)) entries = v.map((x, i) => [i, x]);
                else if (v && typeof v === "object") entries = Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]);
                else if (typeof v === "number" && Number.isInteger(v)) entries = Array.from({ length: Math.max(0, v) }, (_, i) => [i, i]);
                else if (v === undefined || v === null) entries = [];
                else throw new ExecError(`${where(n.pipe.pos, "range")}: range can't iterate over ${goFormatValue(v)}`);
                if (entries.length === 0) out += run(n.elseList, dot);
                for (const [key, item] of entries) {
                  const scope = scopes[scopes.length - 1]!;
                  if (decl.length === 1) scope.set(decl[0]!, item);
                  if (decl.length === 2) {
                    scope.set(decl[0]!, key);
                    scope.set(decl[1]!, item);
                  }
                  try {
                    out += run(n.list, item);
                  } catch (e) {
                    if (!(e instanceof LoopSignal)) throw e;
                    out += e.out;
                    if (e.kind === "break") break;
                  }
                }
                scopes.pop();
                break;
              }
            }
          }
          return out;
        };
        try {
          return { ok: true, value: run(nodes, data) };
        } catch (e) {
          if (e instanceof ExecError) return { ok: false, error: e.message };
          throw e;
        }
      },
    },
  };
}

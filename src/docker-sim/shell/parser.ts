/**
 * Shell parser: tokens -> Script (see ast.ts for the grammar). Syntax errors carry bash's wording
 * ("syntax error near unexpected token `fi'") so the terminal can print them as bash would; an
 * input that merely stops too soon (`if true; then`) throws an *incomplete* error, on which an
 * interactive terminal asks for the next line instead.
 */
import type { AndOr, CaseClause, Command, List, Pipeline, Redirect, Script, SimpleCommand, TestExpr, Word } from "./ast.ts";
import { ShellSyntaxError, tokenize, type LexOptions, type Token } from "./lexer.ts";

/** What can carry redirects after its closing word (`fi > log`, `done < list`). */
type CompoundCommand = Exclude<Command, SimpleCommand | { type: "function" }>;

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\+?)=/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Words that end a list: the parser stops there and the enclosing construct checks which one. */
const LIST_END = new Set(["then", "elif", "else", "fi", "do", "done", "esac", "}"]);
const MAX_PARSE_DEPTH = 200;

export function parseScript(source: string, options: LexOptions = {}): Script {
  const tokens = tokenize(source, options);
  let pos = 0;
  let depth = 0;
  const peek = (offset = 0): Token | undefined => tokens[pos + offset];
  const isWord = (t: Token | undefined, ...words: string[]): boolean => t?.type === "word" && words.includes(t.raw);
  const isOp = (t: Token | undefined, ...ops: string[]): boolean => t?.type === "op" && ops.includes(t.op);
  const tokenText = (t: Token): string => (t.type === "newline" ? "newline" : t.type === "op" ? t.op : t.type === "heredoc" ? "<<" : t.type === "arith" ? `((${t.source}))` : t.raw);
  const unexpected = (t: Token | undefined): ShellSyntaxError => {
    if (!t) return new ShellSyntaxError("syntax error: unexpected end of file", true);
    return new ShellSyntaxError(`syntax error near unexpected token \`${tokenText(t)}'`);
  };
  // A line always ends with a newline for bash, so `echo >` names the newline, not the end of file.
  const missingTarget = (t: Token | undefined): ShellSyntaxError =>
    t ? unexpected(t) : new ShellSyntaxError("syntax error near unexpected token `newline'");
  const skipNewlines = (): void => {
    while (peek()?.type === "newline") pos++;
  };
  const expectWord = (word: string): void => {
    skipNewlines();
    if (!isWord(peek(), word)) throw unexpected(peek());
    pos++;
  };

  const script = parseList(true);
  if (pos < tokens.length) throw unexpected(peek());
  return script;

  /** A list of and-or items; at top level it runs to the end, inside a construct it stops at a closing word. */
  function parseList(top: boolean): List {
    if (++depth > MAX_PARSE_DEPTH) throw new ShellSyntaxError(`syntax error: nesting deeper than ${MAX_PARSE_DEPTH} levels`);
    const items: AndOr[] = [];
    for (;;) {
      skipNewlines();
      const t = peek();
      if (!t) break;
      if (t.type === "word" && LIST_END.has(t.raw)) {
        if (top) throw unexpected(t);
        break;
      }
      if (isOp(t, ")", ";;", ";&", ";;&")) {
        if (top) throw unexpected(t);
        break;
      }
      if (isOp(t, ";", "&")) throw unexpected(t);
      const item = parseAndOr();
      items.push(item);
      const sep = peek();
      if (!sep) break;
      if (isOp(sep, ";", "&")) {
        if (sep.type === "op" && sep.op === "&") item.background = true;
        pos++;
        continue;
      }
      if (sep.type === "newline") continue;
      if (!top && ((sep.type === "word" && LIST_END.has(sep.raw)) || isOp(sep, ")", ";;", ";&", ";;&"))) break;
      throw unexpected(sep);
    }
    depth--;
    return { items };
  }

  function parseAndOr(): AndOr {
    const first = parsePipeline();
    const rest: AndOr["rest"] = [];
    for (;;) {
      const t = peek();
      if (t?.type === "op" && (t.op === "&&" || t.op === "||")) {
        pos++;
        skipNewlines();
        if (!peek()) throw unexpected(undefined);
        rest.push({ op: t.op, pipeline: parsePipeline() });
      } else break;
    }
    return { first, rest };
  }

  function parsePipeline(): Pipeline {
    let negate = false;
    if (isWord(peek(), "!")) {
      negate = true;
      pos++;
    }
    const commands = [parseCommand()];
    for (;;) {
      const t = peek();
      if (t?.type === "op" && (t.op === "|" || t.op === "|&")) {
        pos++;
        skipNewlines();
        if (!peek()) throw unexpected(undefined);
        commands.push(parseCommand());
      } else break;
    }
    return { negate, commands };
  }

  function parseCommand(): Command {
    const t = peek();
    if (!t) throw unexpected(undefined);
    if (t.type === "word" && !t.parts.some((p) => p.kind !== "text" || p.quoted)) {
      switch (t.raw) {
        case "if": return withRedirects(parseIf());
        case "for": return withRedirects(parseFor());
        case "while":
        case "until": return withRedirects(parseLoop(t.raw));
        case "case": return withRedirects(parseCase());
        case "{": {
          pos++;
          const body = parseList(false);
          expectClose("}");
          return withRedirects({ type: "group", body, redirects: [] });
        }
        case "[[": return withRedirects(parseCond());
        case "function": return parseFunctionKeyword();
        default:
          if (LIST_END.has(t.raw)) throw unexpected(t);
      }
      // NAME () compound
      if (NAME.test(t.raw) || /^[A-Za-z_:.][A-Za-z0-9_:.-]*$/.test(t.raw)) {
        if (isOp(peek(1), "(") && isOp(peek(2), ")")) {
          pos += 3;
          return { type: "function", name: t.raw, body: parseFunctionBody() };
        }
      }
    }
    if (isOp(t, "(")) {
      pos++;
      const body = parseList(false);
      if (!isOp(peek(), ")")) throw unexpected(peek());
      pos++;
      return withRedirects({ type: "subshell", body, redirects: [] });
    }
    if (t.type === "arith") {
      pos++;
      return withRedirects({ type: "arith", source: t.source, redirects: [] });
    }
    return parseSimple();
  }

  function expectClose(word: string): void {
    skipNewlines();
    const t = peek();
    if (!t) throw unexpected(undefined);
    if (!isWord(t, word)) throw unexpected(t);
    pos++;
  }

  function withRedirects<C extends CompoundCommand>(cmd: C): C {
    for (;;) {
      const t = peek();
      if (t?.type === "heredoc") {
        pos++;
        cmd.redirects.push({ fd: 0, op: "<<", heredoc: { body: t.body, expand: t.expand } });
        continue;
      }
      if (t?.type !== "op") break;
      const r = parseRedirect(t.op);
      if (!r) break;
      cmd.redirects.push(r);
    }
    return cmd;
  }

  function parseFunctionKeyword(): Command {
    pos++;
    const name = peek();
    if (name?.type !== "word") throw unexpected(name);
    pos++;
    if (isOp(peek(), "(")) {
      if (!isOp(peek(1), ")")) throw unexpected(peek(1));
      pos += 2;
    }
    return { type: "function", name: name.raw, body: parseFunctionBody() };
  }

  function parseFunctionBody(): Command {
    skipNewlines();
    const t = peek();
    if (!t) throw unexpected(undefined);
    const body = parseCommand();
    if (body.type === "simple" || body.type === "function") throw unexpected(t);
    return body;
  }

  function parseIf(): CompoundCommand {
    pos++;
    const branches: { condition: List; body: List }[] = [];
    let otherwise: List | undefined;
    const condition = parseList(false);
    expectClose("then");
    branches.push({ condition, body: nonEmpty(parseList(false)) });
    for (;;) {
      skipNewlines();
      const t = peek();
      if (!t) throw unexpected(undefined);
      if (isWord(t, "elif")) {
        pos++;
        const c = parseList(false);
        expectClose("then");
        branches.push({ condition: c, body: nonEmpty(parseList(false)) });
        continue;
      }
      if (isWord(t, "else")) {
        pos++;
        otherwise = nonEmpty(parseList(false));
        expectClose("fi");
        break;
      }
      if (isWord(t, "fi")) {
        pos++;
        break;
      }
      throw unexpected(t);
    }
    return { type: "if", branches, otherwise, redirects: [] };
  }

  /** bash refuses `then fi` with nothing between: the closing word is the unexpected token. */
  function nonEmpty(list: List): List {
    if (list.items.length === 0) throw unexpected(peek());
    return list;
  }

  function parseFor(): CompoundCommand {
    pos++;
    const name = peek();
    if (name?.type !== "word" || !NAME.test(name.raw)) throw name ? new ShellSyntaxError(`\`${name.type === "word" ? name.raw : tokenText(name)}': not a valid identifier`) : unexpected(undefined);
    pos++;
    let items: Word[] | undefined;
    skipNewlines();
    if (isWord(peek(), "in")) {
      pos++;
      items = [];
      for (;;) {
        const t = peek();
        if (t?.type !== "word") break;
        items.push({ parts: t.parts });
        pos++;
      }
      if (isOp(peek(), ";")) pos++;
      else if (peek()?.type !== "newline") throw unexpected(peek());
    } else if (isOp(peek(), ";")) pos++;
    expectWord("do");
    const body = nonEmpty(parseList(false));
    expectClose("done");
    return { type: "for", name: name.raw, items, body, redirects: [] };
  }

  function parseLoop(kind: "while" | "until"): CompoundCommand {
    pos++;
    const condition = parseList(false);
    expectClose("do");
    const body = nonEmpty(parseList(false));
    expectClose("done");
    return { type: kind, condition, body, redirects: [] };
  }

  function parseCase(): CompoundCommand {
    pos++;
    const subject = peek();
    if (subject?.type !== "word") throw unexpected(subject);
    pos++;
    expectWord("in");
    const arms: CaseClause["arms"] = [];
    for (;;) {
      skipNewlines();
      const t = peek();
      if (!t) throw unexpected(undefined);
      if (isWord(t, "esac")) {
        pos++;
        break;
      }
      if (isOp(t, "(")) pos++;
      const patterns: Word[] = [];
      for (;;) {
        const p = peek();
        if (p?.type !== "word") throw unexpected(p);
        patterns.push({ parts: p.parts });
        pos++;
        if (isOp(peek(), "|")) {
          pos++;
          continue;
        }
        if (isOp(peek(), ")")) {
          pos++;
          break;
        }
        throw unexpected(peek());
      }
      const body = parseList(false);
      skipNewlines();
      const end = peek();
      let fallthrough: ";;" | ";&" | ";;&" = ";;";
      if (end?.type === "op" && (end.op === ";;" || end.op === ";&" || end.op === ";;&")) {
        fallthrough = end.op;
        pos++;
      } else if (!isWord(end, "esac")) throw unexpected(end);
      arms.push({ patterns, body, fallthrough });
    }
    return { type: "case", subject: { parts: subject.parts }, arms, redirects: [] };
  }

  /** `[[ expr ]]` with `!`, `&&`, `||`, `( )`, unary `-n -z -f -d -e ...` and binary `== != = < > =~ -eq ...`. */
  function parseCond(): CompoundCommand {
    pos++;
    const expr = parseOr();
    if (!isWord(peek(), "]]")) throw peek() ? unexpected(peek()) : unexpected(undefined);
    pos++;
    return { type: "cond", expr, redirects: [] };

    function parseOr(): TestExpr {
      let left = parseAnd();
      while (isOp(peek(), "||")) {
        pos++;
        left = { kind: "or", left, right: parseAnd() };
      }
      return left;
    }
    function parseAnd(): TestExpr {
      let left = parseNot();
      while (isOp(peek(), "&&")) {
        pos++;
        left = { kind: "and", left, right: parseNot() };
      }
      return left;
    }
    function parseNot(): TestExpr {
      if (isWord(peek(), "!")) {
        pos++;
        return { kind: "not", expr: parseNot() };
      }
      if (isOp(peek(), "(")) {
        pos++;
        const inner = parseOr();
        if (!isOp(peek(), ")")) throw unexpected(peek());
        pos++;
        return inner;
      }
      const a = operand();
      const next = peek();
      const binop = next?.type === "word" ? next.raw : next?.type === "op" && (next.op === "<" || next.op === ">") ? next.op : undefined;
      if (binop && /^(==|=|!=|<|>|=~|-eq|-ne|-lt|-le|-gt|-ge|-nt|-ot)$/.test(binop)) {
        pos++;
        return { kind: "binary", op: binop, left: a.word, right: operand().word };
      }
      if (/^-[a-zA-Z]$/.test(a.raw) && next && !isWord(next, "]]") && !isOp(next, "&&", "||", ")")) {
        return { kind: "unary", op: a.raw, operand: operand().word };
      }
      return { kind: "word", word: a.word };
    }
    function operand(): { word: Word; raw: string } {
      const t = peek();
      if (t?.type !== "word" || t.raw === "]]") throw unexpected(t);
      pos++;
      return { word: { parts: t.parts }, raw: t.raw };
    }
  }

  function parseSimple(): SimpleCommand {
    const cmd: SimpleCommand = { type: "simple", assignments: [], words: [], redirects: [] };
    for (;;) {
      const t = peek();
      if (!t || t.type === "newline" || t.type === "arith") break;
      if (t.type === "heredoc") {
        pos++;
        cmd.redirects.push({ fd: 0, op: "<<", heredoc: { body: t.body, expand: t.expand } });
        continue;
      }
      if (t.type === "op") {
        if (t.op === "(" && cmd.words.length > 0) {
          // `name (` reads as the start of a function definition: bash names what follows the `(`.
          if (cmd.words.length === 1 && cmd.assignments.length === 0) throw missingTarget(peek(1));
          throw unexpected(t);
        }
        const redirect = parseRedirect(t.op);
        if (!redirect) break;
        cmd.redirects.push(redirect);
        continue;
      }
      // A reserved word after the first word is an ordinary argument (`echo done`).
      pos++;
      const first = t.parts[0];
      const m = first?.kind === "text" && !first.quoted ? ASSIGNMENT.exec(first.value) : null;
      if (cmd.words.length === 0 && first?.kind === "text" && m) {
        const eq = first.value.indexOf("=");
        const rest = first.value.slice(eq + 1);
        const parts: Word["parts"] = rest ? [{ kind: "text", value: rest, quoted: false }, ...t.parts.slice(1)] : t.parts.slice(1);
        const name = first.value.slice(0, m[1] ? eq - 1 : eq);
        // `x+=y` appends: expand it as `x=${x}y`.
        const value: Word = m[1] ? { parts: [{ kind: "var", name, quoted: true }, ...parts] } : { parts };
        cmd.assignments.push({ name, value });
      } else {
        cmd.words.push({ parts: t.parts });
      }
    }
    if (cmd.words.length === 0 && cmd.assignments.length === 0 && cmd.redirects.length === 0) throw unexpected(peek());
    return cmd;
  }

  function parseRedirect(op: string): Redirect | undefined {
    const m = /^([0-9]?)(>>|>&|<&|>\||>|<<<|<|&>>|&>)$/.exec(op);
    if (!m) return undefined;
    pos++;
    const fdText = m[1];
    const kind = m[2]!;
    const target = peek();
    // A redirection with nothing after it: bash names the newline, even at the end of input.
    if (!target) throw new ShellSyntaxError("syntax error near unexpected token `newline'");
    if (kind === ">&" || kind === "<&") {
      // 2>&1, >&2: the target is a descriptor number; `>&file` is `&>file`.
      if (target?.type === "word" && /^[0-9]$/.test(target.raw)) {
        pos++;
        return { fd: fdText ? Number(fdText) : kind === "<&" ? 0 : 1, op: ">&", dupTo: Number(target.raw) };
      }
      if (target?.type === "word" && target.raw === "-") {
        pos++;
        return { fd: fdText ? Number(fdText) : 1, op: ">", target: { parts: [{ kind: "text", value: "/dev/null", quoted: true }] } };
      }
      if (target?.type !== "word" || kind === "<&") throw missingTarget(target);
      pos++;
      return { fd: 1, op: ">", both: true, target: { parts: target.parts } };
    }
    if (target?.type !== "word") throw missingTarget(target);
    pos++;
    if (kind === "&>") return { fd: 1, op: ">", both: true, target: { parts: target.parts } };
    if (kind === "&>>") return { fd: 1, op: ">>", both: true, target: { parts: target.parts } };
    if (kind === "<<<") return { fd: 0, op: "<<<", target: { parts: target.parts } };
    const fd = fdText ? Number(fdText) : kind === "<" ? 0 : 1;
    return { fd, op: kind === ">|" ? ">" : (kind as ">" | ">>" | "<"), target: { parts: target.parts } };
  }
}

/**
 * Whether an interactive shell would ask for another line (`> `) before running `source`:
 * an open quote, heredoc, `if`/`for`/`while`/`case`/`{`, a trailing `|`, `&&` or `\`.
 */
export function needsMoreInput(source: string, options: LexOptions = {}): boolean {
  return inputContinuation(source, options) !== false;
}

/** What an interactive shell still waits for; `false` when `source` is complete (or wrong past repair). */
export type InputContinuation = false | { heredoc?: { delimiter: string; strip: boolean } };

/**
 * Like `needsMoreInput`, and when the input stopped inside a here-document, its closing word: a
 * terminal reading a 5 000-line heredoc compares each line with it instead of parsing the whole
 * script again per line.
 */
export function inputContinuation(source: string, options: LexOptions = {}): InputContinuation {
  try {
    parseScript(source, options);
    return false;
  } catch (e) {
    if (!(e instanceof ShellSyntaxError) || !e.incomplete) return false;
    return e.heredoc ? { heredoc: e.heredoc } : {};
  }
}

/**
 * Shell parser: tokens -> Script (see ast.ts for the grammar). Syntax errors carry bash's wording
 * ("syntax error near unexpected token `|'") so the terminal can print them as bash would.
 */
import type { AndOr, Pipeline, Redirect, Script, SimpleCommand, Word } from "./ast.ts";
import { ShellSyntaxError, tokenize, type Token } from "./lexer.ts";

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

export function parseScript(source: string): Script {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const unexpected = (t: Token | undefined): ShellSyntaxError => {
    const text = !t || t.type === "newline" ? "newline" : t.type === "op" ? t.op : t.type === "heredoc" ? "<<" : "word";
    return new ShellSyntaxError(`syntax error near unexpected token \`${text}'`);
  };

  const items: AndOr[] = [];
  for (;;) {
    while (peek()?.type === "newline" || (peek()?.type === "op" && isSeparator(peek()))) {
      const t = peek();
      if (t?.type === "op" && items.length === 0) throw unexpected(t);
      pos++;
    }
    if (pos >= tokens.length) break;
    items.push(parseAndOr());
    const t = peek();
    if (t && t.type !== "newline" && !(t.type === "op" && isSeparator(t))) throw unexpected(t);
  }
  return { items };

  function isSeparator(t: Token | undefined): boolean {
    return t?.type === "op" && (t.op === ";" || t.op === "&");
  }

  function parseAndOr(): AndOr {
    const first = parsePipeline();
    const rest: AndOr["rest"] = [];
    for (;;) {
      const t = peek();
      if (t?.type === "op" && (t.op === "&&" || t.op === "||")) {
        pos++;
        while (peek()?.type === "newline") pos++;
        rest.push({ op: t.op, pipeline: parsePipeline() });
      } else break;
    }
    return { first, rest };
  }

  function parsePipeline(): Pipeline {
    let negate = false;
    const t0 = peek();
    if (t0?.type === "word" && t0.raw === "!") {
      negate = true;
      pos++;
    }
    const commands = [parseCommand()];
    for (;;) {
      const t = peek();
      if (t?.type === "op" && t.op === "|") {
        pos++;
        while (peek()?.type === "newline") pos++;
        commands.push(parseCommand());
      } else break;
    }
    return { negate, commands };
  }

  function parseCommand(): SimpleCommand {
    const cmd: SimpleCommand = { assignments: [], words: [], redirects: [] };
    for (;;) {
      const t = peek();
      if (!t || t.type === "newline") break;
      if (t.type === "heredoc") {
        pos++;
        cmd.redirects.push({ fd: 0, op: "<<", heredoc: { body: t.body, expand: t.expand } });
        continue;
      }
      if (t.type === "op") {
        const redirect = parseRedirect(t.op);
        if (!redirect) break;
        cmd.redirects.push(redirect);
        continue;
      }
      pos++;
      const first = t.parts[0];
      if (cmd.words.length === 0 && first?.kind === "text" && !first.quoted && ASSIGNMENT.test(first.value)) {
        const eq = first.value.indexOf("=");
        const rest = first.value.slice(eq + 1);
        const parts: Word["parts"] = rest ? [{ kind: "text", value: rest, quoted: false }, ...t.parts.slice(1)] : t.parts.slice(1);
        cmd.assignments.push({ name: first.value.slice(0, eq), value: { parts } });
      } else {
        cmd.words.push({ parts: t.parts });
      }
    }
    if (cmd.words.length === 0 && cmd.assignments.length === 0 && cmd.redirects.length === 0) throw unexpected(peek());
    return cmd;
  }

  function parseRedirect(op: string): Redirect | undefined {
    const m = /^([0-9]?)(>>|>&|>|<|&>)$/.exec(op);
    if (!m) return undefined;
    pos++;
    const fdText = m[1];
    const kind = m[2]!;
    const target = peek();
    if (kind === ">&") {
      // 2>&1, >&2: the target is a descriptor number.
      if (target?.type !== "word" || !/^[0-9]$/.test(target.raw)) throw unexpected(target);
      pos++;
      return { fd: fdText ? Number(fdText) : 1, op: ">&", dupTo: Number(target.raw) };
    }
    if (target?.type !== "word") throw unexpected(target);
    pos++;
    if (kind === "&>") return { fd: -1, op: ">", target: { parts: target.parts } };
    const fd = fdText ? Number(fdText) : kind === "<" ? 0 : 1;
    return { fd, op: kind as ">" | ">>" | "<", target: { parts: target.parts } };
  }
}

/**
 * `test EXPR` / `[ EXPR ]` as bash's builtin evaluates them (POSIX rules by argument count), and
 * the unary and binary operators `[[ ]]` shares. Returns an exit status; a malformed expression
 * is status 2 with bash's message.
 */
import type { FileSystem } from "../fs/file-system.ts";
import { resolvePath } from "../fs/path.ts";

export type TestOutcome = { status: 0 | 1 } | { status: 2; error: string };

const UNARY_FILE = new Set(["-e", "-f", "-d", "-s", "-r", "-w", "-x", "-L", "-h", "-p", "-S", "-b", "-c", "-g", "-u", "-k", "-O", "-G", "-N"]);
const BINARY = new Set(["=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef"]);

export function unaryTest(op: string, operand: string, fs: FileSystem, cwd: string): boolean | undefined {
  if (op === "-n") return operand !== "";
  if (op === "-z") return operand === "";
  if (op === "-v") return undefined;
  if (!UNARY_FILE.has(op)) return undefined;
  if (operand === "") return false;
  const st = fs.stat(resolvePath(cwd, operand));
  if (!st) return false;
  switch (op) {
    case "-f": return st.kind === "file";
    case "-d": return st.kind === "dir";
    case "-L":
    case "-h": return (st.kind as string) === "symlink";
    case "-s": return st.kind === "dir" || (st.size ?? 0) > 0;
    case "-x": return st.kind === "dir" || ((st.mode ?? 0) & 0o111) !== 0;
    case "-r": return ((st.mode ?? 0o644) & 0o444) !== 0;
    case "-w": return ((st.mode ?? 0o644) & 0o222) !== 0;
    default: return true;
  }
}

/** Integer operand check with bash's wording: `[: abc: integer expression expected`. */
function integer(text: string, who: string): number | string {
  const t = text.trim();
  if (!/^[-+]?[0-9]+$/.test(t)) return `${who}: ${text}: integer expression expected`;
  return Number(t);
}

export function binaryTest(op: string, a: string, b: string, who: string): boolean | string {
  switch (op) {
    case "=":
    case "==": return a === b;
    case "!=": return a !== b;
    case "<": return a < b;
    case ">": return a > b;
    case "-nt":
    case "-ot":
    case "-ef": return false;
  }
  const x = integer(a, who);
  if (typeof x === "string") return x;
  const y = integer(b, who);
  if (typeof y === "string") return y;
  switch (op) {
    case "-eq": return x === y;
    case "-ne": return x !== y;
    case "-lt": return x < y;
    case "-le": return x <= y;
    case "-gt": return x > y;
    case "-ge": return x >= y;
  }
  return `${who}: ${op}: binary operator expected`;
}

/** `test` with its arguments (for `[`, without the closing `]`). */
export function evaluateTest(args: readonly string[], fs: FileSystem, cwd: string, who: "test" | "["): TestOutcome {
  const prefix = `bash: ${who}`;
  let pos = 0;
  const fail = (msg: string): never => {
    throw new TestSyntax(msg);
  };
  try {
    if (args.length === 0) return { status: 1 };
    const v = orExpr();
    if (pos < args.length) fail(`${prefix}: too many arguments`);
    return { status: v ? 0 : 1 };
  } catch (e) {
    if (e instanceof TestSyntax) return { status: 2, error: e.message };
    throw e;
  }

  function orExpr(): boolean {
    let v = andExpr();
    while (args[pos] === "-o") {
      pos++;
      const r = andExpr();
      v = v || r;
    }
    return v;
  }
  function andExpr(): boolean {
    let v = notExpr();
    while (args[pos] === "-a") {
      pos++;
      const r = notExpr();
      v = v && r;
    }
    return v;
  }
  function notExpr(): boolean {
    if (args[pos] === "!" && pos + 1 < args.length) {
      pos++;
      return !notExpr();
    }
    return primary();
  }
  function primary(): boolean {
    const a = args[pos];
    if (a === undefined) return fail(`${prefix}: argument expected`);
    if (a === "(" && args.length - pos > 2) {
      pos++;
      const v = orExpr();
      if (args[pos] !== ")") fail(`${prefix}: \`)' expected`);
      pos++;
      return v;
    }
    const op = args[pos + 1];
    if (op !== undefined && BINARY.has(op) && pos + 2 < args.length) {
      const b = args[pos + 2]!;
      pos += 3;
      const r = binaryTest(op, a, b, prefix);
      if (typeof r === "string") fail(r);
      return r as boolean;
    }
    if (/^-[a-zA-Z]$/.test(a) && op !== undefined) {
      const r = unaryTest(a, op, fs, cwd);
      if (r === undefined) fail(`${prefix}: ${a}: unary operator expected`);
      pos += 2;
      return r as boolean;
    }
    if (op !== undefined && !["-a", "-o", ")"].includes(op)) {
      fail(pos + 2 < args.length || /^-/.test(op) ? `${prefix}: ${op}: binary operator expected` : `${prefix}: too many arguments`);
    }
    pos++;
    return a !== "";
  }
}

class TestSyntax extends Error {}

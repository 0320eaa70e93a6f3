/**
 * `$(( ))` and `(( ))`: bash's integer arithmetic (64-bit in bash; JS numbers truncated to
 * integers here, which covers what lessons compute). Precedence climbing over:
 *
 *   , = += -= *= /= %= <<= >>= &= |= ^=   ?:   ||   &&   |   ^   &   == !=   < <= > >=
 *   << >>   + -   * / %   **   unary + - ! ~ ++ --   NAME  NUMBER  0x1F  010  2#101  ( expr )
 *
 * Errors use bash's wording: `1 / 0` -> "division by 0 (error token is "0")".
 */
export class ArithmeticError extends Error {
  override name = "ArithmeticError";
}

export interface ArithmeticScope {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Tok = { t: "num"; v: number } | { t: "name"; v: string } | { t: "op"; v: string };

const OPS = ["<<=", ">>=", "**", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "+", "-", "*", "/", "%", "<", ">", "=", "!", "~", "&", "|", "^", "?", ":", "(", ")", ","];

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(?:0[xX][0-9a-fA-F]+|[0-9]+#[0-9a-zA-Z@_]+|[0-9]+)/.exec(src.slice(i));
    if (num) {
      out.push({ t: "num", v: parseNumber(num[0], src.slice(i)) });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      out.push({ t: "name", v: name[0] });
      i += name[0].length;
      continue;
    }
    if (c === "$") {
      const m = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/.exec(src.slice(i));
      if (m) {
        out.push({ t: "name", v: m[1]! });
        i += m[0].length;
        continue;
      }
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ArithmeticError(`${src.trim()}: syntax error: invalid arithmetic operator (error token is "${src.slice(i)}")`);
    out.push({ t: "op", v: op });
    i += op.length;
  }
  return out;
}

function parseNumber(text: string, rest: string): number {
  if (/^0[xX]/.test(text)) return parseInt(text.slice(2), 16);
  const based = /^([0-9]+)#(.+)$/.exec(text);
  if (based) {
    const base = Number(based[1]);
    const v = parseInt(based[2]!, base);
    if (base < 2 || base > 64 || Number.isNaN(v)) throw new ArithmeticError(`${rest.trim()}: invalid number (error token is "${text}")`);
    return v;
  }
  if (text.length > 1 && text.startsWith("0")) {
    if (/[89]/.test(text)) throw new ArithmeticError(`${text}: value too great for base (error token is "${text}")`);
    return parseInt(text, 8);
  }
  return Number(text);
}

const BINARY: Record<string, number> = {
  "||": 1, "&&": 2, "|": 3, "^": 4, "&": 5, "==": 6, "!=": 6, "<": 7, "<=": 7, ">": 7, ">=": 7,
  "<<": 8, ">>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10, "**": 11,
};
const ASSIGN = new Set(["=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "|=", "^="]);

export function evaluateArithmetic(source: string, scope: ArithmeticScope): number {
  if (source.trim() === "") return 0;
  const toks = lex(source);
  let pos = 0;
  const peek = (): Tok | undefined => toks[pos];
  const isOp = (v: string): boolean => {
    const t = peek();
    return t?.t === "op" && t.v === v;
  };
  const syntax = (): never => {
    const rest = toks.slice(pos).map((t) => String(t.v)).join(" ");
    throw new ArithmeticError(`${source.trim()}: syntax error: ${rest ? "invalid arithmetic operator" : "operand expected"} (error token is "${rest}")`);
  };
  const valueOf = (name: string, depth = 0): number => {
    const raw = scope.get(name);
    if (raw === undefined || raw === "") return 0;
    if (/^-?[0-9]+$/.test(raw.trim())) return Number(raw.trim());
    // bash evaluates a variable holding an expression (`x=1+2; echo $((x))` is 3).
    if (depth > 10) throw new ArithmeticError(`${name}: expression recursion level exceeded`);
    return evaluateArithmetic(raw, scope);
  };
  const result = parseComma();
  if (pos < toks.length) syntax();
  return result;

  function parseComma(): number {
    let v = parseAssign();
    while (isOp(",")) {
      pos++;
      v = parseAssign();
    }
    return v;
  }

  function parseAssign(): number {
    const t = peek();
    const next = toks[pos + 1];
    if (t?.t === "name" && next?.t === "op" && ASSIGN.has(next.v)) {
      pos += 2;
      const rhs = parseAssign();
      const cur = valueOf(t.v);
      const op = next.v.slice(0, -1);
      const v = op === "" ? rhs : applyBinary(op, cur, rhs);
      scope.set(t.v, String(v));
      return v;
    }
    return parseTernary();
  }

  function parseTernary(): number {
    const cond = parseBinary(1);
    if (!isOp("?")) return cond;
    pos++;
    const a = parseAssign();
    if (!isOp(":")) syntax();
    pos++;
    const b = parseAssign();
    return cond !== 0 ? a : b;
  }

  function parseBinary(min: number): number {
    let left = parseUnary();
    for (;;) {
      const t = peek();
      if (t?.t !== "op") break;
      const prec = BINARY[t.v];
      if (prec === undefined || prec < min) break;
      pos++;
      // ** is right-associative; the rest are left-associative.
      const right = parseBinary(t.v === "**" ? prec : prec + 1);
      left = applyBinary(t.v, left, right);
    }
    return left;
  }

  function parseUnary(): number {
    const t = peek();
    if (t?.t === "op") {
      if (t.v === "++" || t.v === "--") {
        pos++;
        const n = peek();
        if (n?.t !== "name") syntax();
        pos++;
        const v = valueOf((n as { v: string }).v) + (t.v === "++" ? 1 : -1);
        scope.set((n as { v: string }).v, String(v));
        return v;
      }
      if (t.v === "-" || t.v === "+" || t.v === "!" || t.v === "~") {
        pos++;
        const v = parseUnary();
        return t.v === "-" ? -v : t.v === "+" ? v : t.v === "!" ? (v === 0 ? 1 : 0) : ~v;
      }
      if (t.v === "(") {
        pos++;
        const v = parseComma();
        if (!isOp(")")) syntax();
        pos++;
        return v;
      }
      syntax();
    }
    if (!t) return syntax();
    pos++;
    if (t.t === "num") return t.v;
    const name = t.v as string;
    if (isOp("++") || isOp("--")) {
      const op = (peek() as { v: string }).v;
      pos++;
      const v = valueOf(name);
      scope.set(name, String(v + (op === "++" ? 1 : -1)));
      return v;
    }
    return valueOf(name);
  }

  function applyBinary(op: string, a: number, b: number): number {
    switch (op) {
      case "+": return Math.trunc(a + b);
      case "-": return Math.trunc(a - b);
      case "*": return Math.trunc(a * b);
      case "/":
      case "%":
        if (b === 0) throw new ArithmeticError(`${source.trim()}: division by 0 (error token is "${String(toks[toks.length - 1]?.v ?? "0")}")`);
        return op === "/" ? Math.trunc(a / b) : a % b;
      case "**":
        if (b < 0) throw new ArithmeticError(`${source.trim()}: exponent less than 0 (error token is "${b}")`);
        return Math.trunc(a ** b);
      case "<<": return a << b;
      case ">>": return a >> b;
      case "&": return a & b;
      case "|": return a | b;
      case "^": return a ^ b;
      case "<": return a < b ? 1 : 0;
      case "<=": return a <= b ? 1 : 0;
      case ">": return a > b ? 1 : 0;
      case ">=": return a >= b ? 1 : 0;
      case "==": return a === b ? 1 : 0;
      case "!=": return a !== b ? 1 : 0;
      case "&&": return a !== 0 && b !== 0 ? 1 : 0;
      case "||": return a !== 0 || b !== 0 ? 1 : 0;
    }
    return syntax();
  }
}

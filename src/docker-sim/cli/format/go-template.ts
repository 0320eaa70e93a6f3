/**
 * The subset of Go templates people type after `--format`: `{{.A.B}}`, `{{json .X}}`,
 * `{{range .X}}...{{end}}`, `{{println .}}`, `{{index .Labels "k"}}`, `{{upper/lower .X}}`,
 * and `table ` prefixes. Values print as Go's fmt prints them (`[a b]`, `map[k:v]`).
 */
import { goJson } from "./json.ts";

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

function goString(v: unknown): string {
  if (v === null || v === undefined) return "<no value>";
  if (Array.isArray(v)) return `[${v.map(goString).join(" ")}]`;
  if (typeof v === "object") {
    return `map[${Object.keys(v as object)
      .sort()
      .map((k) => `${k}:${goString((v as Record<string, unknown>)[k])}`)
      .join(" ")}]`;
  }
  return String(v);
}

function resolve(path: string, dot: unknown): unknown {
  if (path === ".") return dot;
  let cur: unknown = dot;
  for (const key of path.slice(1).split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function evalExpr(expr: string, dot: unknown): unknown {
  const words = expr.match(/"[^"]*"|\S+/g) ?? [];
  const arg = (w: string | undefined): unknown => (w === undefined ? undefined : w.startsWith('"') ? w.slice(1, -1) : resolve(w, dot));
  const [fn, ...rest] = words;
  switch (fn) {
    case "json":
      return goJson(arg(rest[0]), 0);
    case "println":
      return `${rest.map((r) => goString(arg(r))).join(" ")}\n`;
    case "upper":
      return goString(arg(rest[0])).toUpperCase();
    case "lower":
      return goString(arg(rest[0])).toLowerCase();
    case "index": {
      const base = arg(rest[0]);
      const key = arg(rest[1]);
      return base && typeof base === "object" ? (base as Record<string, unknown>)[String(key)] : undefined;
    }
    default:
      return arg(fn);
  }
}

/** Render `template` against `data`; unknown syntax yields a template parse error. */
export function renderTemplate(template: string, data: unknown): ParseResult<string> {
  const tokens = template.split(/(\{\{-?\s*[\s\S]*?\s*-?\}\})/).filter((t) => t !== "");
  let pos = 0;
  const render = (dot: unknown, stopAtEnd: boolean): ParseResult<string> => {
    let out = "";
    while (pos < tokens.length) {
      const t = tokens[pos++]!;
      const m = /^\{\{-?\s*([\s\S]*?)\s*-?\}\}$/.exec(t);
      if (!m) {
        out += t.replace(/\\t/g, "\t").replace(/\\n/g, "\n");
        continue;
      }
      const expr = m[1]!;
      if (expr === "end") {
        if (stopAtEnd) return { ok: true, value: out };
        return { ok: false, error: `template: :1: unexpected {{end}}` };
      }
      if (expr.startsWith("range ")) {
        const list = evalExpr(expr.slice(6).trim(), dot);
        const start = pos;
        let body = "";
        const items = Array.isArray(list) ? list : list && typeof list === "object" ? Object.values(list) : [];
        if (items.length === 0) {
          const skipped = render(dot, true);
          if (!skipped.ok) return skipped;
        }
        for (const item of items) {
          pos = start;
          const r = render(item, true);
          if (!r.ok) return r;
          body += r.value;
        }
        out += body;
        continue;
      }
      const v = evalExpr(expr, dot);
      out += typeof v === "string" ? v : goString(v);
    }
    if (stopAtEnd) return { ok: false, error: "template: :1: unexpected EOF" };
    return { ok: true, value: out };
  };
  return render(data, false);
}

/** The functions docker/cli adds to Go's built-ins (its `templates` package). */
import type { TemplateFunc } from "../../../lib/cli/go-template.ts";
import { goFormatValue } from "../../../lib/cli/go-template.ts";

const str = (v: unknown): string => (typeof v === "string" ? v : goFormatValue(v));

export const dockerTemplateFuncs: Record<string, TemplateFunc> = {
  // encoding/json with SetEscapeHTML(false), trailing newline trimmed.
  json: (v) => JSON.stringify(v === undefined ? null : v),
  split: (s, sep) => str(s).split(str(sep)),
  join: (list, sep) => (Array.isArray(list) ? list.map(str).join(str(sep)) : str(list)),
  title: (s) => str(s).replace(/\b\w/g, (c) => c.toUpperCase()),
  lower: (s) => str(s).toLowerCase(),
  upper: (s) => str(s).toUpperCase(),
  pad: (s, before, after) => `${" ".repeat(Number(before))}${str(s)}${" ".repeat(Number(after))}`,
  truncate: (s, n) => [...str(s)].slice(0, Number(n)).join(""),
};

/**
 * Every `--format` a docker list command takes, in one place, as docker/cli's formatter does it:
 * no format or `table` prints the default table; `table TEMPLATE` prints TEMPLATE per row under a
 * header row built from the same template (each `{{.Field}}` replaced by its column title) and
 * aligned by tabwriter; `json` prints `{{json .}}` per row; anything else is a Go template per row.
 * A template that does not parse, or fails on a row, is an error (docker exits 1 for lists, 64 for
 * a template inspect cannot parse).
 */
import { compileGoTemplate } from "../../../lib/cli/go-template.ts";
import { dockerTemplateFuncs } from "./template-funcs.ts";
import { formatTable, tabwriter } from "./table.ts";

export type RowsResult = { ok: true; value: string } | { ok: false; error: string };

export interface RowsSpec<Row> {
  rows: readonly Row[];
  format: string | undefined;
  /** The default table: its template, e.g. "table {{.ID}}\t{{.Name}}". */
  defaultFormat: string;
  /** Column title for each field a template may name (`ID` -> `CONTAINER ID`). */
  headers: Readonly<Record<string, string>>;
  /** The Go type of one row, named in "can't evaluate field" errors. */
  typeName: string;
}

export function renderRows<Row>(spec: RowsSpec<Row>): RowsResult {
  // `json` is `{{json .}}` over docker/cli's context, which marshals a map: keys sorted, methods (Label) left out.
  if (spec.format === "json") {
    const sorted = (row: Row): string => JSON.stringify(Object.fromEntries(Object.entries(row as object).filter(([, v]) => typeof v !== "function").sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
    return { ok: true, value: spec.rows.map((r) => `${sorted(r)}\n`).join("") };
  }
  let format = spec.format === undefined || spec.format === "" || spec.format === "table" ? spec.defaultFormat : spec.format;
  const table = format.startsWith("table");
  if (table) format = format.slice("table".length);
  else if (format === "json") format = "{{json .}}";
  format = format.trim().replace(/\\t/g, "\t").replace(/\\n/g, "\n");
  const compiled = compileGoTemplate(format, { funcs: dockerTemplateFuncs });
  if (!compiled.ok) return { ok: false, error: `template parsing error: ${compiled.error}` };
  const lines: string[] = [];
  for (const row of spec.rows) {
    const r = compiled.value.execute(row, { missingKey: { typeName: spec.typeName } });
    if (!r.ok) return { ok: false, error: `template parsing error: ${r.error}` };
    lines.push(r.value);
  }
  if (!table) return { ok: true, value: lines.map((l) => `${l}\n`).join("") };
  // The header row: the same template run over the column titles (docker's FullHeader()).
  const header = compiled.value.execute(spec.headers, { missingKey: "zero" });
  const headerLine = header.ok ? header.value : "";
  return { ok: true, value: tabwriter([headerLine, ...lines].join("\n") + "\n") };
}

export { formatTable };

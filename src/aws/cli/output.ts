import jmespath from "jmespath";

/**
 * How AWS CLI v2 prints a response: JSON indented by 4 (the default), `--output text`
 * (scalars of an object tab-separated in key order, then each nested list/object on its own
 * line prefixed by its key in capitals), `--query` a JMESPath expression applied first.
 * Timestamps print as ISO 8601 with microseconds and offset, as v2's default
 * `cli_timestamp_format = iso8601`.
 */
export type OutputFormat = "json" | "text";

export function isoMicros(epochSeconds: number): string {
  const d = new Date(Math.round(epochSeconds * 1000));
  return d.toISOString().replace(/\.(\d{3})Z$/, ".$1000+00:00");
}

const TIMESTAMP_KEYS = /Date$/;

/** Wire epoch numbers -> CLI timestamps, for keys that are timestamps in the service model. */
export function withCliTimestamps(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => withCliTimestamps(v, key));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withCliTimestamps(v, k)]));
  }
  if (typeof value === "number" && TIMESTAMP_KEYS.test(key)) return isoMicros(value);
  return value;
}

export function applyQuery(value: unknown, query: string | undefined): unknown {
  if (query === undefined) return value;
  return jmespath.search(value, query) as unknown;
}

export function render(value: unknown, format: OutputFormat): string {
  if (value === null || value === undefined) return format === "json" ? "null\n" : "None\n";
  if (format === "json") return `${JSON.stringify(value, null, 4)}\n`;
  const lines: string[] = [];
  textLines(value, undefined, lines);
  return lines.length ? `${lines.join("\n")}\n` : "";
}

const scalar = (v: unknown): boolean => v === null || typeof v !== "object";
const textScalar = (v: unknown): string => (v === null ? "None" : typeof v === "boolean" ? (v ? "True" : "False") : String(v));

function textLines(value: unknown, prefix: string | undefined, out: string[]): void {
  if (Array.isArray(value)) {
    if (value.every(scalar)) {
      out.push([...(prefix ? [prefix] : []), ...value.map(textScalar)].join("\t"));
      return;
    }
    for (const item of value) textLines(item, prefix, out);
    return;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const scalars = entries.filter(([, v]) => scalar(v));
    if (scalars.length) out.push([...(prefix ? [prefix] : []), ...scalars.map(([, v]) => textScalar(v))].join("\t"));
    for (const [k, v] of entries.filter(([, v]) => !scalar(v))) textLines(v, k.toUpperCase(), out);
    return;
  }
  out.push(textScalar(value));
}

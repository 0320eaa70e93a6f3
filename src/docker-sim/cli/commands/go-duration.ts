/** Go's time.ParseDuration (pflag's DurationVar): "10s", "1m30s", "500ms", "0"; the result in ns. */
const UNITS: Record<string, number> = { ns: 1, us: 1e3, "µs": 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

export function parseGoDuration(text: string): number | undefined {
  if (text === "0") return 0;
  const m = /^([-+]?)((?:\d*\.?\d*(?:ns|us|µs|ms|s|m|h))+)$/.exec(text);
  if (!m) return undefined;
  let total = 0;
  for (const part of m[2]!.matchAll(/(\d*\.?\d*)(ns|us|µs|ms|s|m|h)/g)) {
    if (part[1] === "" || part[1] === ".") return undefined;
    total += Number(part[1]) * UNITS[part[2]!]!;
  }
  return m[1] === "-" ? -total : total;
}

/** Go's Duration.String() for whole values: "10s", "1m30s", "0s". */
export function goDurationString(ns: number): string {
  if (ns === 0) return "0s";
  if (ns < 1e9) return ns % 1e6 === 0 ? `${ns / 1e6}ms` : ns % 1e3 === 0 ? `${ns / 1e3}µs` : `${ns}ns`;
  const h = Math.floor(ns / 3600e9);
  const m = Math.floor((ns % 3600e9) / 60e9);
  const s = (ns % 60e9) / 1e9;
  return `${h ? `${h}h` : ""}${h || m ? `${m}m` : ""}${s}s`;
}

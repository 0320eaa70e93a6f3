/**
 * A pflag-compatible flag parser: `--name value`, `--name=value`, `-e K=V`, `-eK=V`, grouped
 * booleans (`-it`), repeatable list flags, and for commands like `docker run` no interspersing:
 * everything after IMAGE belongs to the container command. Errors use pflag's wording.
 */

export type FlagKind = "bool" | "string" | "list";

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
  /** Shown in `--help`: the value type word (string, list...) and the description. */
  description: string;
  hidden?: boolean;
}

export interface ParsedFlags {
  flags: Map<string, string | boolean | string[]>;
  positionals: string[];
  help: boolean;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseFlags(args: readonly string[], specs: readonly FlagSpec[], interspersed = true): ParseResult<ParsedFlags> {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const flags = new Map<string, string | boolean | string[]>();
  const positionals: string[] = [];
  let help = false;
  const set = (spec: FlagSpec, value: string | boolean): void => {
    if (spec.kind === "list") flags.set(spec.name, [...((flags.get(spec.name) as string[] | undefined) ?? []), String(value)]);
    else flags.set(spec.name, value);
  };

  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      if (name === "help") {
        help = true;
        continue;
      }
      const spec = byName.get(name);
      if (!spec) return { ok: false, error: `unknown flag: --${name}` };
      if (spec.kind === "bool") {
        set(spec, eq === -1 ? true : a.slice(eq + 1) !== "false");
        continue;
      }
      if (eq !== -1) set(spec, a.slice(eq + 1));
      else if (i + 1 < args.length) set(spec, args[++i]!);
      else return { ok: false, error: `flag needs an argument: --${name}` };
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      const chars = a.slice(1);
      for (let j = 0; j < chars.length; j++) {
        const c = chars[j]!;
        // -h is help unless the command has its own -h (docker run's --hostname).
        if (c === "h" && !byShort.has("h")) {
          help = true;
          continue;
        }
        const spec = byShort.get(c);
        if (!spec) return { ok: false, error: `unknown shorthand flag: '${c}' in ${a}` };
        if (spec.kind === "bool") {
          set(spec, true);
          continue;
        }
        const rest = chars.slice(j + 1).replace(/^=/, "");
        if (rest) set(spec, rest);
        else if (i + 1 < args.length) set(spec, args[++i]!);
        else return { ok: false, error: `flag needs an argument: '${c}' in -${c}` };
        break;
      }
      continue;
    }
    positionals.push(a);
    if (!interspersed) {
      positionals.push(...args.slice(i + 1));
      break;
    }
  }
  return { ok: true, value: { flags, positionals, help } };
}

export function flagString(p: ParsedFlags, name: string): string | undefined {
  const v = p.flags.get(name);
  return typeof v === "string" ? v : undefined;
}

export function flagBool(p: ParsedFlags, name: string): boolean {
  return p.flags.get(name) === true;
}

export function flagList(p: ParsedFlags, name: string): string[] {
  const v = p.flags.get(name);
  return Array.isArray(v) ? v : [];
}

/** The "Options:" block of `--help`, aligned as cobra aligns it. */
export function optionsHelp(specs: readonly FlagSpec[]): string {
  const rows = specs
    .filter((s) => !s.hidden)
    .map((s) => {
      const left = `${s.short ? `-${s.short}, ` : "    "}--${s.name}${s.kind === "bool" ? "" : ` ${s.kind}`}`;
      return { left, desc: s.description };
    });
  const width = Math.max(...rows.map((r) => r.left.length), 0);
  return rows.map((r) => `  ${r.left.padEnd(width)}   ${r.desc}`).join("\n");
}

/**
 * Loading a compose file: YAML (via js-yaml), `${VAR}` interpolation from the client env and the
 * project's `.env`, and normalisation of the parts the course uses: image/build, environment
 * (list or map), env_file, service secrets (short and long syntax), top-level secrets.
 */
import { load } from "js-yaml";
import { expandBuildWord } from "../build/dockerfile-parser.ts";
import type { ParseResult } from "../cli/flags.ts";

export interface ComposeSecretRef {
  source: string;
  target: string | undefined;
  uid: string | undefined;
  gid: string | undefined;
  mode: number | undefined;
  short: boolean;
}

export interface ComposeBuild {
  context: string;
  dockerfile: string | undefined;
  args: Record<string, string>;
  secrets: string[];
}

export interface ComposeService {
  name: string;
  image: string | undefined;
  build: ComposeBuild | undefined;
  /** Inline `environment:` entries; null means "take it from the client env". */
  environment: Record<string, string | null>;
  envFiles: string[];
  secrets: ComposeSecretRef[];
  command: string[] | undefined;
  entrypoint: string[] | undefined;
}

export type ComposeSecretSource = { kind: "file"; file: string } | { kind: "environment"; variable: string } | { kind: "external"; name: string };

export interface ComposeProject {
  name: string;
  services: ComposeService[];
  secrets: Map<string, ComposeSecretSource>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function interpolate(value: unknown, lookup: (k: string) => string | undefined): unknown {
  if (typeof value === "string") return expandBuildWord(value.replace(/\$\$/g, "\\$"), lookup);
  if (Array.isArray(value)) return value.map((v) => interpolate(v, lookup));
  if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, lookup)]));
  return value;
}

function words(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.map(String);
  return String(v).split(/\s+/).filter(Boolean);
}

/** Parse `.env`-style text as Compose does (quotes removed, `#` comments). */
export function parseDotEnv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2]!;
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    else v = v.replace(/\s+#.*$/, "");
    out.set(m[1]!, v);
  }
  return out;
}

export function loadComposeFile(text: string, projectName: string, lookup: (k: string) => string | undefined): ParseResult<ComposeProject> {
  let doc: unknown;
  try {
    doc = load(text);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message.split("\n")[0]! : String(e) };
  }
  if (!isObj(doc)) return { ok: false, error: "Top-level object must be a mapping" };
  const data = interpolate(doc, lookup) as Obj;
  if (!isObj(data.services)) return { ok: false, error: "no service selected" };
  const secrets = new Map<string, ComposeSecretSource>();
  if (isObj(data.secrets)) {
    for (const [name, def] of Object.entries(data.secrets)) {
      if (!isObj(def)) return { ok: false, error: `secrets.${name} must be a mapping` };
      if (typeof def.file === "string") secrets.set(name, { kind: "file", file: def.file });
      else if (typeof def.environment === "string") secrets.set(name, { kind: "environment", variable: def.environment });
      else if (def.external === true) secrets.set(name, { kind: "external", name: typeof def.name === "string" ? def.name : name });
      else return { ok: false, error: `secret "${name}" must declare either \`file\`, \`environment\` or \`external\`` };
    }
  }
  const services: ComposeService[] = [];
  for (const [name, raw] of Object.entries(data.services)) {
    if (!isObj(raw)) return { ok: false, error: `services.${name} must be a mapping` };
    const environment: Record<string, string | null> = {};
    if (Array.isArray(raw.environment)) {
      for (const e of raw.environment.map(String)) {
        const eq = e.indexOf("=");
        environment[eq === -1 ? e : e.slice(0, eq)] = eq === -1 ? null : e.slice(eq + 1);
      }
    } else if (isObj(raw.environment)) {
      for (const [k, v] of Object.entries(raw.environment)) environment[k] = v === null || v === undefined ? null : String(v);
    }
    const serviceSecrets: ComposeSecretRef[] = [];
    for (const s of Array.isArray(raw.secrets) ? raw.secrets : []) {
      if (typeof s === "string") serviceSecrets.push({ source: s, target: undefined, uid: undefined, gid: undefined, mode: undefined, short: true });
      else if (isObj(s) && typeof s.source === "string") {
        serviceSecrets.push({
          source: s.source,
          target: typeof s.target === "string" ? s.target : undefined,
          uid: s.uid === undefined ? undefined : String(s.uid),
          gid: s.gid === undefined ? undefined : String(s.gid),
          // YAML 1.2 reads `mode: 0400` as decimal 400; Compose means octal, so the digits are re-read as octal.
          mode: s.mode === undefined ? undefined : parseInt(String(s.mode), 8),
          short: false,
        });
      }
    }
    for (const s of serviceSecrets) {
      if (!secrets.has(s.source)) return { ok: false, error: `service "${name}" refers to undefined secret ${s.source}: invalid compose project` };
    }
    let build: ComposeBuild | undefined;
    if (typeof raw.build === "string") build = { context: raw.build, dockerfile: undefined, args: {}, secrets: [] };
    else if (isObj(raw.build)) {
      const args: Record<string, string> = {};
      if (isObj(raw.build.args)) for (const [k, v] of Object.entries(raw.build.args)) args[k] = String(v ?? lookup(k) ?? "");
      else if (Array.isArray(raw.build.args)) for (const a of raw.build.args.map(String)) args[a.split("=")[0]!] = a.includes("=") ? a.slice(a.indexOf("=") + 1) : (lookup(a) ?? "");
      build = {
        context: typeof raw.build.context === "string" ? raw.build.context : ".",
        dockerfile: typeof raw.build.dockerfile === "string" ? raw.build.dockerfile : undefined,
        args,
        secrets: (Array.isArray(raw.build.secrets) ? raw.build.secrets : []).map((s) => (isObj(s) ? String(s.source) : String(s))),
      };
    }
    services.push({
      name,
      image: typeof raw.image === "string" ? raw.image : undefined,
      build,
      environment,
      envFiles: raw.env_file === undefined ? [] : Array.isArray(raw.env_file) ? raw.env_file.map((f) => (isObj(f) ? String(f.path) : String(f))) : [String(raw.env_file)],
      secrets: serviceSecrets,
      command: words(raw.command),
      entrypoint: words(raw.entrypoint),
    });
  }
  const name = typeof data.name === "string" ? data.name : projectName;
  return { ok: true, value: { name, services, secrets } };
}

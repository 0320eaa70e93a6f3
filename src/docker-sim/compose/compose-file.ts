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
  /** `deploy:` (docker stack deploy reads it; plain Compose reads only replicas). */
  deploy: { replicas: number | undefined; mode: string | undefined };
  /** The networks the service lists (none: the project's default network). */
  networks: string[];
  /** `configs:` references, short or long syntax, as for secrets. */
  configs: ComposeSecretRef[];
}

export interface ComposeNetwork {
  external: boolean;
  /** The network's own name when external (`name:` or the key). */
  name: string;
  driver: string | undefined;
}

export type ComposeSecretSource = { kind: "file"; file: string } | { kind: "environment"; variable: string } | { kind: "external"; name: string };

export interface ComposeProject {
  name: string;
  services: ComposeService[];
  secrets: Map<string, ComposeSecretSource>;
  configs: Map<string, ComposeSecretSource>;
  networks: Map<string, ComposeNetwork>;
}

function fileObject(kind: "secret" | "config", name: string, def: unknown): ComposeSecretSource | string {
  if (!isObj(def)) return `${kind}s.${name} must be a mapping`;
  if (typeof def.file === "string") return { kind: "file", file: def.file };
  if (typeof def.environment === "string") return { kind: "environment", variable: def.environment };
  if (def.external === true) return { kind: "external", name: typeof def.name === "string" ? def.name : name };
  return `${kind} "${name}" must declare either \`file\`, \`environment\` or \`external\``;
}

function fileObjectRefs(list: unknown): ComposeSecretRef[] {
  const refs: ComposeSecretRef[] = [];
  for (const s of Array.isArray(list) ? list : []) {
    if (typeof s === "string") refs.push({ source: s, target: undefined, uid: undefined, gid: undefined, mode: undefined, short: true });
    else if (isObj(s) && typeof s.source === "string") {
      refs.push({
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
  return refs;
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
  const configs = new Map<string, ComposeSecretSource>();
  for (const [kind, map, defs] of [["secret", secrets, data.secrets], ["config", configs, data.configs]] as const) {
    if (!isObj(defs)) continue;
    for (const [name, def] of Object.entries(defs)) {
      const source = fileObject(kind, name, def);
      if (typeof source === "string") return { ok: false, error: source };
      map.set(name, source);
    }
  }
  const networks = new Map<string, ComposeNetwork>();
  if (isObj(data.networks)) {
    for (const [name, def] of Object.entries(data.networks)) {
      const d = isObj(def) ? def : {};
      networks.set(name, { external: d.external === true, name: typeof d.name === "string" ? d.name : name, driver: typeof d.driver === "string" ? d.driver : undefined });
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
    const serviceSecrets = fileObjectRefs(raw.secrets);
    for (const s of serviceSecrets) {
      if (!secrets.has(s.source)) return { ok: false, error: `service "${name}" refers to undefined secret ${s.source}: invalid compose project` };
    }
    const serviceConfigs = fileObjectRefs(raw.configs);
    for (const c of serviceConfigs) {
      if (!configs.has(c.source)) return { ok: false, error: `service "${name}" refers to undefined config ${c.source}: invalid compose project` };
    }
    const serviceNetworks = Array.isArray(raw.networks) ? raw.networks.map(String) : isObj(raw.networks) ? Object.keys(raw.networks) : [];
    for (const n of serviceNetworks) {
      if (n !== "default" && !networks.has(n)) return { ok: false, error: `service "${name}" refers to undefined network ${n}: invalid compose project` };
    }
    const deploy = isObj(raw.deploy) ? raw.deploy : {};
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
      deploy: { replicas: deploy.replicas === undefined ? undefined : Number(deploy.replicas), mode: typeof deploy.mode === "string" ? deploy.mode : undefined },
      networks: serviceNetworks,
      configs: serviceConfigs,
    });
  }
  const name = typeof data.name === "string" ? data.name : projectName;
  return { ok: true, value: { name, services, secrets, configs, networks } };
}

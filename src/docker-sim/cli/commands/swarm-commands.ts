/** Swarm, secret and service commands. */
import { goTime, GoTimeValue, goTimeString, since } from "../../engine/clock.ts";
import { DaemonErrors } from "../../engine/errors.ts";
import { FsError } from "../../fs/file-system.ts";
import { resolvePath } from "../../fs/path.ts";
import type { ConfigReference, SecretReference, Service, ServiceSpec, SwarmSecret } from "../../swarm/swarm.ts";
import type { BindSpec } from "../../containers/container-store.ts";
import { eachRefResult, forEachRef, result, rowsResult, type DockerCliContext, type DockerSubcommand } from "../command.ts";
import { flagBool, flagList, flagString, type ParsedFlags, type ParseResult } from "../flags.ts";
import { ellipsis } from "../format/table.ts";
import { renderRows } from "../format/render-rows.ts";
import { ensureImage } from "./container-commands.ts";
import { renderInspect } from "./image-commands.ts";
import { parseMountFlag, resolveEnvFlags } from "./run-options.ts";
import { goDurationString, parseGoDuration } from "./go-duration.ts";
import { labelsFrom } from "./labels.ts";
import { filterByKeys, SWARM_OBJECT_FILTERS } from "./config-commands.ts";

export const swarmInitCommand: DockerSubcommand = {
  path: "docker swarm init",
  usage: "docker swarm init [OPTIONS]",
  short: "Initialize a swarm",
  args: { max: 0 },
  flags: [{ name: "advertise-addr", kind: "string", description: "Advertised address (format: \"<ip|interface>[:port]\")" }],
  run(p, ctx) {
    const swarm = ctx.engine.swarm;
    swarm.init(flagString(p, "advertise-addr"));
    return result(
      `Swarm initialized: current node (${swarm.nodeId}) is now a manager.\n\nTo add a worker to this swarm, run the following command:\n\n    docker swarm join --token ${swarm.joinToken} ${swarm.advertiseAddr}:2377\n\nTo add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n\n`,
    );
  },
};

export const swarmLeaveCommand: DockerSubcommand = {
  path: "docker swarm leave",
  usage: "docker swarm leave [OPTIONS]",
  short: "Leave the swarm",
  args: { max: 0 },
  flags: [{ name: "force", short: "f", kind: "bool", description: "Force this node to leave the swarm, ignoring warnings" }],
  run(p, ctx) {
    ctx.engine.swarm.leave(flagBool(p, "force"));
    return result("Node left the swarm.\n");
  },
};

export const swarmJoinTokenCommand: DockerSubcommand = {
  path: "docker swarm join-token",
  usage: "docker swarm join-token [OPTIONS] (worker|manager)",
  short: "Manage join tokens",
  args: { min: 1, max: 1 },
  flags: [
    { name: "quiet", short: "q", kind: "bool", description: "Only display token" },
    { name: "rotate", kind: "bool", description: "Rotate join token" },
  ],
  run(p, ctx) {
    const role = p.positionals[0]!;
    if (role !== "worker" && role !== "manager") return result("", "Error: unknown role " + role + "\n", 1);
    const swarm = ctx.engine.swarm;
    if (!swarm.active) throw DaemonErrors.notSwarmManager();
    const token = role === "worker" ? swarm.joinToken : swarm.managerToken;
    if (flagBool(p, "quiet")) return result(`${token}\n`);
    return result(`To add a ${role} to this swarm, run the following command:\n\n    docker swarm join --token ${token} ${swarm.advertiseAddr}:2377\n\n`);
  },
};

export const nodeLsCommand: DockerSubcommand = {
  path: "docker node ls",
  usage: "docker node ls [OPTIONS]",
  short: "List nodes in the swarm",
  args: { max: 0 },
  flags: [
    { name: "filter", short: "f", kind: "list", description: "Filter output based on conditions provided" },
    { name: "format", kind: "string", description: "Format output using a custom template" },
    { name: "quiet", short: "q", kind: "bool", description: "Only display IDs" },
  ],
  run(p, ctx) {
    const swarm = ctx.engine.swarm;
    if (!swarm.active) throw DaemonErrors.notSwarmManager();
    // One node: this one, the leader (marked with * as the node the client talks to).
    const rows = [{ ID: `${swarm.nodeId} *`, Self: true, Hostname: swarm.nodeHostname, Status: "Ready", Availability: "Active", ManagerStatus: "Leader", EngineVersion: "28.0.1", TLSStatus: "Ready" }];
    if (flagBool(p, "quiet")) return result(`${swarm.nodeId}\n`);
    return rowsResult(
      renderRows({
        rows,
        format: flagString(p, "format"),
        defaultFormat: "table {{.ID}}\t{{.Hostname}}\t{{.Status}}\t{{.Availability}}\t{{.ManagerStatus}}\t{{.EngineVersion}}",
        headers: { ID: "ID", Hostname: "HOSTNAME", Status: "STATUS", Availability: "AVAILABILITY", ManagerStatus: "MANAGER STATUS", EngineVersion: "ENGINE VERSION", TLSStatus: "TLS STATUS", Self: "SELF" },
        typeName: "*node.nodeContext",
      }),
    );
  },
};

// ---- secrets ---------------------------------------------------------------------------------

export function secretInspectJson(s: SwarmSecret): Record<string, unknown> {
  return {
    ID: s.id,
    Version: { Index: s.version },
    CreatedAt: new GoTimeValue(s.createdAt),
    UpdatedAt: new GoTimeValue(s.updatedAt),
    Spec: { Name: s.name, Labels: s.labels },
  };
}

export const secretCreateCommand: DockerSubcommand = {
  path: "docker secret create",
  usage: "docker secret create [OPTIONS] SECRET [file|-]",
  short: "Create a secret from a file or STDIN as content",
  args: { min: 1, max: 2 },
  flags: [
    { name: "driver", short: "d", kind: "string", description: "Secret driver" },
    { name: "label", short: "l", kind: "list", description: "Secret labels" },
    { name: "template-driver", kind: "string", description: "Template driver" },
  ],
  run(p, ctx) {
    const [name, file] = p.positionals as [string, string?];
    let data = "";
    if (file === "-") data = ctx.stdin;
    else if (file !== undefined) {
      try {
        data = ctx.fs.readFile(resolvePath(ctx.cwd, file));
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        return result("", `Error reading content from "${file}": open ${file}: ${e.text.toLowerCase()}\n`, 1);
      }
    }
    const labels = labelsFrom(flagList(p, "label"));
    const secret = ctx.engine.swarm.createSecret(name, data, labels);
    return result(`${secret.id}\n`);
  },
};

export const secretLsCommand: DockerSubcommand = {
  path: "docker secret ls",
  usage: "docker secret ls [OPTIONS]",
  short: "List secrets",
  args: { max: 0 },
  flags: [
    { name: "filter", short: "f", kind: "list", description: "Filter output based on conditions provided" },
    { name: "format", kind: "string", description: "Format output using a custom template" },
    { name: "quiet", short: "q", kind: "bool", description: "Only display IDs" },
  ],
  run(p, ctx) {
    const now = ctx.engine.clock.now();
    const filtered = filterByKeys(flagList(p, "filter"), { ...SWARM_OBJECT_FILTERS, driver: (_s, v) => v === "" }, ctx.engine.swarm.listSecrets());
    if (!filtered.ok) throw DaemonErrors.invalidFilter(filtered.error);
    const rows = filtered.value.map((s) => ({ ID: s.id, Name: s.name, Driver: "", CreatedAt: since(s.createdAt, now), UpdatedAt: since(s.updatedAt, now), Labels: Object.entries(s.labels).map(([k, v]) => `${k}=${v}`).join(","), Label: (k: unknown) => s.labels[String(k)] ?? "" }));
    if (flagBool(p, "quiet")) return result(rows.map((r) => `${r.ID}\n`).join(""));
    return rowsResult(
      renderRows({
        rows,
        format: flagString(p, "format"),
        defaultFormat: "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.CreatedAt}}\t{{.UpdatedAt}}",
        headers: { ID: "ID", Name: "NAME", Driver: "DRIVER", CreatedAt: "CREATED", UpdatedAt: "UPDATED", Labels: "LABELS" },
        typeName: "*secret.secretContext",
      }),
    );
  },
};

export const secretInspectCommand: DockerSubcommand = {
  path: "docker secret inspect",
  usage: "docker secret inspect [OPTIONS] SECRET [SECRET...]",
  short: "Display detailed information on one or more secrets",
  args: { min: 1 },
  flags: [
    { name: "format", short: "f", kind: "string", description: "Format output using a custom template" },
    { name: "pretty", kind: "bool", description: "Print the information in a human friendly format" },
  ],
  async run(p, ctx) {
    const { values: docs, stderr } = await forEachRef(p.positionals, (ref) => ctx.engine.swarm.getSecret(ref));
    // `--format pretty` is docker/cli's other spelling of --pretty.
    if (flagBool(p, "pretty") || flagString(p, "format") === "pretty") {
      // docker/cli's secretInspectPrettyTemplate: labels when there are some, times as Go prints a time.Time.
      const out = docs
        .map((s) => {
          const labels = Object.keys(s.labels).length ? `Labels:\n${Object.entries(s.labels).sort().map(([k, v]) => ` - ${k}${v ? `=${v}` : ""}\n`).join("")}` : "";
          return `ID:              ${s.id}\nName:              ${s.name}\n${labels}Driver:            \nCreated at:        ${goTimeString(s.createdAt)}\nUpdated at:        ${goTimeString(s.updatedAt)}\n`;
        })
        .join("\n");
      return result(out, stderr, stderr ? 1 : 0);
    }
    return renderInspect(docs.map(secretInspectJson), flagString(p, "format"), stderr);
  },
};

export const secretRmCommand: DockerSubcommand = {
  path: "docker secret rm",
  usage: "docker secret rm SECRET [SECRET...]",
  short: "Remove one or more secrets",
  args: { min: 1 },
  flags: [],
  run(p, ctx) {
    return eachRefResult(p.positionals, (ref) => ctx.engine.swarm.removeSecret(ref));
  },
};

// ---- services --------------------------------------------------------------------------------

/** `--secret NAME` or `--secret source=,target=,uid=,gid=,mode=` (mode default 0444). */
export function parseSecretFlag(value: string): ParseResult<{ source: string; target: string; uid: string; gid: string; mode: number }> {
  if (!value.includes("=")) return { ok: true, value: { source: value, target: value, uid: "0", gid: "0", mode: 0o444 } };
  const spec = { source: "", target: "", uid: "0", gid: "0", mode: 0o444 };
  for (const field of value.split(",")) {
    const eq = field.indexOf("=");
    if (eq === -1) return { ok: false, error: `invalid argument "${value}" for "--secret" flag: invalid field '${field}' must be a key=value pair` };
    const k = field.slice(0, eq).toLowerCase();
    const v = field.slice(eq + 1);
    if (k === "source" || k === "src") spec.source = v;
    else if (k === "target") spec.target = v;
    else if (k === "uid") spec.uid = v;
    else if (k === "gid") spec.gid = v;
    else if (k === "mode") {
      const m = parseInt(v, 8);
      if (Number.isNaN(m)) return { ok: false, error: `invalid argument "${value}" for "--secret" flag: invalid mode specified: ${v}` };
      spec.mode = m;
    } else return { ok: false, error: `invalid argument "${value}" for "--secret" flag: invalid field key: ${k}` };
  }
  if (!spec.source) return { ok: false, error: `invalid argument "${value}" for "--secret" flag: source is required` };
  if (!spec.target) spec.target = spec.source;
  return { ok: true, value: spec };
}

function resolveSecretRefs(values: readonly string[], ctx: DockerCliContext): ParseResult<SecretReference[]> {
  const refs: SecretReference[] = [];
  for (const v of values) {
    const parsed = parseSecretFlag(v);
    if (!parsed.ok) return parsed;
    const secret = ctx.engine.swarm.findSecret(parsed.value.source);
    if (!secret) return { ok: false, error: `secret not found: ${parsed.value.source}` };
    refs.push({ secretId: secret.id, secretName: secret.name, target: parsed.value.target, uid: parsed.value.uid, gid: parsed.value.gid, mode: parsed.value.mode });
  }
  return { ok: true, value: refs };
}

function progress(replicas: number): string {
  const bars = Array.from({ length: replicas }, (_, i) => `${i + 1}/${replicas}: running   [==================================================>]\n`).join("");
  return `overall progress: ${replicas} out of ${replicas} tasks\n${bars}verify: Service converged\n`;
}

export const serviceCreateCommand: DockerSubcommand = {
  path: "docker service create",
  usage: "docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]",
  short: "Create a new service",
  interspersed: false,
  args: { min: 1 },
  flags: [
    { name: "config", kind: "list", description: "Specify configurations to expose to the service" },
    { name: "detach", short: "d", kind: "bool", description: "Exit immediately instead of waiting for the service to converge" },
    { name: "env", short: "e", kind: "list", description: "Set environment variables" },
    { name: "hostname", kind: "string", description: "Container hostname" },
    { name: "label", short: "l", kind: "list", description: "Service labels" },
    { name: "mode", kind: "string", description: 'Service mode ("replicated", "global", "replicated-job", "global-job") (default "replicated")' },
    { name: "mount", kind: "list", description: "Attach a filesystem mount to the service" },
    { name: "name", kind: "string", description: "Service name" },
    { name: "network", kind: "list", description: "Network attachments" },
    { name: "publish", short: "p", kind: "list", description: "Publish a port as a node port" },
    { name: "replicas", kind: "string", description: "Number of tasks" },
    { name: "secret", kind: "list", description: "Specify secrets to expose to the service" },
    { name: "update-delay", kind: "string", description: "Delay between updates (ns|us|ms|s|m|h) (default 0s)" },
    { name: "update-order", kind: "string", description: 'Update order ("start-first", "stop-first")' },
    { name: "update-parallelism", kind: "string", description: "Maximum number of tasks updated simultaneously (0 to update all at once) (default 1)" },
  ],
  async run(p, ctx) {
    const usageError = (msg: string) => result("", `${msg}\n\nUsage:  ${this.usage}\n\nRun '${this.path} --help' for more information\n`, 125);
    const mode = flagString(p, "mode") ?? "replicated";
    if (mode !== "replicated" && mode !== "global") return result("", `unknown mode: ${mode}, only replicated and global supported\n`, 1);
    if (mode === "global" && flagString(p, "replicas") !== undefined) return result("", "replicas can only be used with replicated or replicated-job mode\n", 1);
    const update = parseUpdateFlags(p, { parallelism: 1, delay: 0, order: "stop-first" });
    if (!update.ok) return usageError(update.error);
    const mounts = parseServiceMounts(flagList(p, "mount"), ctx.cwd);
    if (!mounts.ok) return usageError(mounts.error);
    const ports = parseServicePorts(flagList(p, "publish"));
    if (!ports.ok) return usageError(ports.error);
    if (!ctx.engine.swarm.active) throw DaemonErrors.notSwarmManager();
    const [imageRef, ...args] = p.positionals as [string, ...string[]];
    const refs = resolveSecretRefs(flagList(p, "secret"), ctx);
    if (!refs.ok) return result("", `${refs.error}\n`, 1);
    const configs = resolveConfigRefs(flagList(p, "config"), ctx);
    if (!configs.ok) return result("", `${configs.error}\n`, 1);
    const networks = flagList(p, "network").map((ref) => {
      const n = ctx.engine.networks.get(ref);
      if (n.scope !== "swarm") throw DaemonErrors.networkNotSwarmScoped(n.name);
      return { id: n.id, name: n.name };
    });
    const image = ensureImage(ctx, imageRef).image;
    const name = flagString(p, "name") ?? ctx.engine.ids.containerName();
    const spec: ServiceSpec = {
      name,
      image,
      imageRef,
      env: resolveEnvFlags(flagList(p, "env"), ctx.env),
      args: args.length ? args : undefined,
      secrets: refs.value,
      replicas: mode === "global" ? 1 : Number(flagString(p, "replicas") ?? 1),
      labels: labelsFrom(flagList(p, "label")),
      mode,
      configs: configs.value,
      networks,
      hostname: flagString(p, "hostname"),
      mounts: mounts.value.binds,
      tmpfs: mounts.value.tmpfs,
      update: update.value,
      ports: ports.value,
    };
    const service = await ctx.engine.swarm.createService(spec);
    return result(`${service.id}\n${flagBool(p, "detach") ? "" : progress(spec.replicas)}`);
  },
};

/** `--update-parallelism N`, `--update-delay DURATION`, `--update-order`: pflag's errors for bad values. */
function parseUpdateFlags(p: ParsedFlags, base: NonNullable<ServiceSpec["update"]>): ParseResult<NonNullable<ServiceSpec["update"]>> {
  const out = { ...base };
  const par = flagString(p, "update-parallelism");
  if (par !== undefined) {
    if (!/^\d+$/.test(par)) return { ok: false, error: `invalid argument "${par}" for "--update-parallelism" flag: strconv.ParseUint: parsing "${par}": invalid syntax` };
    out.parallelism = Number(par);
  }
  const delay = flagString(p, "update-delay");
  if (delay !== undefined) {
    const ns = parseGoDuration(delay);
    if (ns === undefined) return { ok: false, error: `invalid argument "${delay}" for "--update-delay" flag: time: invalid duration "${delay}"` };
    out.delay = ns;
  }
  const order = flagString(p, "update-order");
  if (order !== undefined) {
    if (order !== "start-first" && order !== "stop-first") return { ok: false, error: `invalid argument "${order}" for "--update-order" flag: invalid value, expected "start-first" or "stop-first"` };
    out.order = order;
  }
  return { ok: true, value: out };
}

/** opts/swarmopts/port.go: `8080:80[/udp]` or `published=8080,target=80[,protocol=udp]`. */
function parseServicePorts(values: readonly string[]): ParseResult<NonNullable<ServiceSpec["ports"]>> {
  const out: NonNullable<ServiceSpec["ports"]> = [];
  for (const v of values) {
    if (v.includes("=")) {
      const f = new Map(v.split(",").map((kv) => [kv.split("=")[0]!, kv.split("=").slice(1).join("=")] as [string, string]));
      const target = Number(f.get("target"));
      if (!f.get("target") || Number.isNaN(target)) return { ok: false, error: `invalid argument "${v}" for "-p, --publish" flag: missing mandatory field 'target'` };
      out.push({ published: Number(f.get("published") ?? 30000 + out.length), target, protocol: f.get("protocol") ?? "tcp" });
      continue;
    }
    const m = /^(?:(\d+):)?(\d+)(?:\/(tcp|udp|sctp))?$/.exec(v);
    if (!m) return { ok: false, error: `invalid argument "${v}" for "-p, --publish" flag: invalid containerPort: ${v}` };
    out.push({ published: Number(m[1] ?? 30000 + out.length), target: Number(m[2]), protocol: m[3] ?? "tcp" });
  }
  return { ok: true, value: out };
}

function parseServiceMounts(values: readonly string[], cwd: string): ParseResult<{ binds: BindSpec[]; tmpfs: { target: string; mode: number | undefined }[] }> {
  const binds: BindSpec[] = [];
  const tmpfs: { target: string; mode: number | undefined }[] = [];
  for (const v of values) {
    const parsed = parseMountFlag(v, cwd);
    if (!parsed.ok) return parsed;
    if (parsed.value.kind === "tmpfs") tmpfs.push({ target: parsed.value.target, mode: parsed.value.mode });
    else binds.push(parsed.value.bind);
  }
  return { ok: true, value: { binds, tmpfs } };
}

/** Go's strconv.ParseUint(v, 0, 32): "0440" and "0o440" are octal, "288" decimal. */
function goUint(v: string): number | undefined {
  if (/^0[xX][0-9a-fA-F]+$/.test(v)) return parseInt(v.slice(2), 16);
  if (/^0[oO]?[0-7]+$/.test(v)) return parseInt(v.replace(/^0[oO]?/, "") || "0", 8);
  if (/^(0|[1-9]\d*)$/.test(v)) return Number(v);
  return undefined;
}

/** opts/swarmopts/config.go: `--config NAME` or source=,target=,uid=,gid=,mode=; target defaults to the name (mounted at /<name>). */
export function parseConfigFlag(value: string): ParseResult<{ source: string; target: string; uid: string; gid: string; mode: number }> {
  const spec = { source: "", target: "", uid: "0", gid: "0", mode: 0o444 };
  const bad = (msg: string) => ({ ok: false as const, error: `invalid argument "${value}" for "--config" flag: ${msg}` });
  if (!value.includes("=") && !value.includes(",")) return { ok: true, value: { ...spec, source: value, target: value } };
  for (const field of value.split(",")) {
    const eq = field.indexOf("=");
    if (eq <= 0) return bad(`invalid field '${field}' must be a key=value pair`);
    const k = field.slice(0, eq).toLowerCase();
    const v = field.slice(eq + 1);
    if (k === "source" || k === "src") spec.source = v;
    else if (k === "target") spec.target = v;
    else if (k === "uid") spec.uid = v;
    else if (k === "gid") spec.gid = v;
    else if (k === "mode") {
      const m = goUint(v);
      if (m === undefined) return bad(`invalid mode specified: strconv.ParseUint: parsing "${v}": invalid syntax`);
      spec.mode = m;
    } else return bad(`invalid field in config request: ${k}`);
  }
  if (!spec.source) return bad("source is required");
  if (!spec.target) spec.target = spec.source;
  return { ok: true, value: spec };
}

function resolveConfigRefs(values: readonly string[], ctx: DockerCliContext): ParseResult<ConfigReference[]> {
  const refs: ConfigReference[] = [];
  for (const v of values) {
    const parsed = parseConfigFlag(v);
    if (!parsed.ok) return parsed;
    const config = ctx.engine.swarm.findConfig(parsed.value.source);
    if (!config) return { ok: false, error: `config not found: ${parsed.value.source}` };
    // The daemon mounts a relative target under "/", as moby's container does for configs.
    const target = parsed.value.target.startsWith("/") ? parsed.value.target : `/${parsed.value.target}`;
    refs.push({ configId: config.id, configName: config.name, target, uid: parsed.value.uid, gid: parsed.value.gid, mode: parsed.value.mode });
  }
  return { ok: true, value: refs };
}

export const serviceUpdateCommand: DockerSubcommand = {
  path: "docker service update",
  usage: "docker service update [OPTIONS] SERVICE",
  short: "Update a service",
  args: { min: 1, max: 1 },
  flags: [
    { name: "config-add", kind: "list", description: "Add or update a config file on a service" },
    { name: "config-rm", kind: "list", description: "Remove a configuration file" },
    { name: "detach", short: "d", kind: "bool", description: "Exit immediately instead of waiting for the service to converge" },
    { name: "env-add", kind: "list", description: "Add or update an environment variable" },
    { name: "env-rm", kind: "list", description: "Remove an environment variable" },
    { name: "force", kind: "bool", description: "Force update even if no changes require it" },
    { name: "image", kind: "string", description: "Service image tag" },
    { name: "replicas", kind: "string", description: "Number of tasks" },
    { name: "secret-add", kind: "list", description: "Add or update a secret on a service" },
    { name: "secret-rm", kind: "list", description: "Remove a secret" },
    { name: "update-delay", kind: "string", description: "Delay between updates (ns|us|ms|s|m|h)" },
    { name: "update-order", kind: "string", description: "Update order (\"start-first\", \"stop-first\")" },
    { name: "update-parallelism", kind: "string", description: "Maximum number of tasks updated simultaneously (0 to update all at once)" },
  ],
  async run(p, ctx) {
    const ref = p.positionals[0]!;
    const service = ctx.engine.swarm.getService(ref);
    // Accepted for the rotation lessons; the model replaces tasks at once, so order and delay change no output here.
    const update = parseUpdateFlags(p, service.spec.update ?? { parallelism: 1, delay: 0, order: "stop-first" });
    if (!update.ok) return result("", `${update.error}\n`, 1);
    const configRm = new Set(flagList(p, "config-rm"));
    const configAdd = resolveConfigRefs(flagList(p, "config-add"), ctx);
    if (!configAdd.ok) return result("", `${configAdd.error}\n`, 1);
    const configs = [...(service.spec.configs ?? []).filter((c) => !configRm.has(c.configName) && !configRm.has(c.configId) && !configAdd.value.some((a) => a.target === c.target)), ...configAdd.value];
    const removed = new Set(flagList(p, "secret-rm"));
    const added = resolveSecretRefs(flagList(p, "secret-add"), ctx);
    if (!added.ok) return result("", `${added.error}\n`, 1);
    let secrets = service.spec.secrets.filter((s) => !removed.has(s.secretName) && !removed.has(s.secretId));
    secrets = [...secrets.filter((s) => !added.value.some((a) => a.target === s.target)), ...added.value];
    const envRm = new Set(flagList(p, "env-rm"));
    const envAdd = resolveEnvFlags(flagList(p, "env-add"), ctx.env);
    const addedKeys = new Set(envAdd.map((e) => e.split("=")[0]));
    const env = [...service.spec.env.filter((e) => !envRm.has(e.split("=")[0]!) && !addedKeys.has(e.split("=")[0])), ...envAdd];
    const imageFlag = flagString(p, "image");
    const spec: ServiceSpec = {
      ...service.spec,
      secrets,
      configs,
      update: update.value,
      env,
      ...(imageFlag ? { image: ensureImage(ctx, imageFlag).image, imageRef: imageFlag } : {}),
      replicas: Number(flagString(p, "replicas") ?? service.spec.replicas),
    };
    await ctx.engine.swarm.updateService(service, spec, { force: flagBool(p, "force") });
    return result(`${ref}\n${flagBool(p, "detach") ? "" : progress(spec.replicas)}`);
  },
};

/** `--filter key=value` of the swarm list commands: each key may repeat (any value matches), all keys must match. */
function filterRows<Row>(filters: readonly string[], allowed: Record<string, (row: Row, value: string) => boolean>, rows: Row[]): Row[] {
  const byKey = new Map<string, string[]>();
  for (const f of filters) {
    const eq = f.indexOf("=");
    const key = eq === -1 ? f : f.slice(0, eq);
    if (!(key in allowed)) throw DaemonErrors.invalidFilter(key);
    byKey.set(key, [...(byKey.get(key) ?? []), eq === -1 ? "" : f.slice(eq + 1)]);
  }
  return rows.filter((r) => [...byKey].every(([k, values]) => values.some((v) => allowed[k]!(r, v))));
}

const labelMatch = (labels: Record<string, string>, v: string): boolean => {
  const [k, val] = v.split("=");
  return k! in labels && (val === undefined || labels[k!] === val);
};

export const serviceLsCommand: DockerSubcommand = {
  path: "docker service ls",
  usage: "docker service ls [OPTIONS]",
  short: "List services",
  args: { max: 0 },
  flags: [
    { name: "filter", short: "f", kind: "list", description: "Filter output based on conditions provided" },
    { name: "format", kind: "string", description: "Format output using a custom template" },
    { name: "quiet", short: "q", kind: "bool", description: "Only display IDs" },
  ],
  run(p, ctx) {
    const services = filterRows(
      flagList(p, "filter"),
      { id: (s, v) => s.id.startsWith(v), name: (s, v) => s.spec.name.startsWith(v), label: (s, v) => labelMatch(s.spec.labels, v), mode: (s, v) => v === (s.spec.mode ?? "replicated") },
      ctx.engine.swarm.listServices(),
    );
    if (flagBool(p, "quiet")) return result(services.map((s) => `${s.id}\n`).join(""));
    const rows = services.map((s) => {
      const running = s.tasks.filter((t) => t.desiredState === "running" && t.container.status === "running").length;
      return { ID: s.id.slice(0, 12), Name: s.spec.name, Mode: s.spec.mode ?? "replicated", Replicas: `${running}/${s.spec.replicas}`, Image: s.spec.imageRef, Ports: (s.spec.ports ?? []).map((p) => `*:${p.published}->${p.target}/${p.protocol}`).join(", ") };
    });
    return rowsResult(
      renderRows({
        rows,
        format: flagString(p, "format"),
        defaultFormat: "table {{.ID}}\t{{.Name}}\t{{.Mode}}\t{{.Replicas}}\t{{.Image}}\t{{.Ports}}",
        headers: { ID: "ID", Name: "NAME", Mode: "MODE", Replicas: "REPLICAS", Image: "IMAGE", Ports: "PORTS" },
        typeName: "*formatter.serviceContext",
      }),
    );
  },
};

export const servicePsCommand: DockerSubcommand = {
  path: "docker service ps",
  usage: "docker service ps [OPTIONS] SERVICE [SERVICE...]",
  short: "List the tasks of one or more services",
  args: { min: 1 },
  flags: [
    { name: "filter", short: "f", kind: "list", description: "Filter output based on conditions provided" },
    { name: "format", kind: "string", description: "Pretty-print tasks using a Go template" },
    { name: "no-resolve", kind: "bool", description: "Do not map IDs to Names" },
    { name: "no-trunc", kind: "bool", description: "Do not truncate output" },
    { name: "quiet", short: "q", kind: "bool", description: "Only display task IDs" },
  ],
  run(p, ctx) {
    const now = ctx.engine.clock.now();
    const trunc = !flagBool(p, "no-trunc");
    type Row = { ID: string; Name: string; Image: string; Node: string; DesiredState: string; CurrentState: string; Error: string; Ports: string; slot: number; fullId: string };
    let rows: Row[] = [];
    for (const ref of p.positionals) {
      const s = ctx.engine.swarm.getService(ref);
      // docker/cli sorts by slot, then the newest task of a slot first; older ones are indented under it.
      const tasks = [...s.tasks].sort((a, b) => a.slot - b.slot || b.createdAt.getTime() - a.createdAt.getTime() || s.tasks.indexOf(a) - s.tasks.indexOf(b));
      const seen = new Set<number>();
      for (const t of tasks) {
        const first = !seen.has(t.slot);
        seen.add(t.slot);
        const running = t.desiredState === "running" && t.container.status === "running";
        rows.push({
          ID: trunc ? t.id.slice(0, 12) : t.id,
          fullId: t.id,
          slot: t.slot,
          Name: `${first ? "" : " \\_ "}${s.spec.name}.${t.slot}`,
          Image: trunc ? t.container.config.Image.replace(/@sha256:[0-9a-f]+$/, "") : t.container.config.Image,
          Node: ctx.engine.swarm.nodeHostname,
          DesiredState: t.desiredState === "running" ? "Running" : "Shutdown",
          CurrentState: `${running ? "Running" : t.container.status === "exited" && t.desiredState === "running" ? "Complete" : "Shutdown"} ${since(t.updatedAt, now)}`,
          Error: "",
          Ports: "",
        });
      }
    }
    rows = filterRows(
      flagList(p, "filter"),
      {
        id: (r, v) => r.fullId.startsWith(v),
        name: (r, v) => r.Name.trim().replace(/^\\_ /, "").startsWith(v),
        node: (r, v) => r.Node === v,
        "desired-state": (r, v) => r.DesiredState.toLowerCase() === v.toLowerCase() || (v === "accepted" && r.DesiredState === "Running"),
      },
      rows,
    );
    if (flagBool(p, "quiet")) return result(rows.map((r) => `${r.ID}\n`).join(""));
    return rowsResult(
      renderRows({
        rows,
        format: flagString(p, "format"),
        defaultFormat: "table {{.ID}}\t{{.Name}}\t{{.Image}}\t{{.Node}}\t{{.DesiredState}}\t{{.CurrentState}}\t{{.Error}}\t{{.Ports}}",
        headers: { ID: "ID", Name: "NAME", Image: "IMAGE", Node: "NODE", DesiredState: "DESIRED STATE", CurrentState: "CURRENT STATE", Error: "ERROR", Ports: "PORTS" },
        typeName: "*formatter.taskContext",
      }),
    );
  },
};

export function serviceInspectJson(s: Service): Record<string, unknown> {
  const specJson = (spec: ServiceSpec): Record<string, unknown> => ({
    Name: spec.name,
    Labels: spec.labels,
    TaskTemplate: {
      ContainerSpec: {
        Image: `${spec.imageRef}@${spec.image.repoDigests[0]?.split("@")[1] ?? spec.image.id}`,
        ...(spec.args ? { Args: spec.args } : {}),
        ...(spec.hostname ? { Hostname: spec.hostname } : {}),
        ...(spec.env.length ? { Env: spec.env } : {}),
        ...(spec.mounts?.length || spec.tmpfs?.length
          ? {
              Mounts: [
                ...(spec.mounts ?? []).map((m) => ({ Type: m.kind, Source: m.source, Target: m.target, ...(m.readOnly ? { ReadOnly: true } : {}) })),
                ...(spec.tmpfs ?? []).map((t) => ({ Type: "tmpfs", Target: t.target, ...(t.mode !== undefined ? { TmpfsOptions: { Mode: t.mode } } : {}) })),
              ],
            }
          : {}),
        Init: false,
        StopGracePeriod: 10000000000,
        DNSConfig: {},
        ...(spec.secrets.length
          ? {
              Secrets: spec.secrets.map((r) => ({
                File: { Name: r.target, UID: r.uid, GID: r.gid, Mode: r.mode },
                SecretID: r.secretId,
                SecretName: r.secretName,
              })),
            }
          : {}),
        ...(spec.configs?.length
          ? { Configs: spec.configs.map((r) => ({ File: { Name: r.target, UID: r.uid, GID: r.gid, Mode: r.mode }, ConfigID: r.configId, ConfigName: r.configName })) }
          : {}),
        Isolation: "default",
      },
      Resources: { Limits: {}, Reservations: {} },
      RestartPolicy: { Condition: "any", Delay: 5000000000, MaxAttempts: 0 },
      Placement: { Platforms: [{ Architecture: "amd64", OS: "linux" }] },
      ...(spec.networks?.length ? { Networks: spec.networks.map((n) => ({ Target: n.id })) } : {}),
      ForceUpdate: 0,
      Runtime: "container",
    },
    Mode: spec.mode === "global" ? { Global: {} } : { Replicated: { Replicas: spec.replicas } },
    UpdateConfig: {
      Parallelism: spec.update?.parallelism ?? 1,
      ...(spec.update?.delay ? { Delay: spec.update.delay } : {}),
      FailureAction: "pause",
      Monitor: 5000000000,
      MaxFailureRatio: 0,
      Order: spec.update?.order ?? "stop-first",
    },
    EndpointSpec: { Mode: "vip", ...(spec.ports?.length ? { Ports: spec.ports.map((p) => ({ Protocol: p.protocol, TargetPort: p.target, PublishedPort: p.published, PublishMode: "ingress" })) } : {}) },
  });
  return {
    ID: s.id,
    Version: { Index: s.version },
    CreatedAt: new GoTimeValue(s.createdAt),
    UpdatedAt: new GoTimeValue(s.updatedAt),
    Spec: specJson(s.spec),
    ...(s.previousSpec ? { PreviousSpec: specJson(s.previousSpec) } : {}),
    Endpoint: { Spec: {} },
    ...(s.previousSpec ? { UpdateStatus: { State: "completed", StartedAt: goTime(s.updatedAt), CompletedAt: goTime(s.updatedAt), Message: "update completed" } } : {}),
  };
}

export const serviceInspectCommand: DockerSubcommand = {
  path: "docker service inspect",
  usage: "docker service inspect [OPTIONS] SERVICE [SERVICE...]",
  short: "Display detailed information on one or more services",
  args: { min: 1 },
  flags: [
    { name: "format", short: "f", kind: "string", description: "Format output using a custom template" },
    { name: "pretty", kind: "bool", description: "Print the information in a human friendly format" },
  ],
  async run(p, ctx) {
    const { values: services, stderr } = await forEachRef(p.positionals, (ref) => ctx.engine.swarm.getService(ref));
    // `--format pretty` is docker/cli's other spelling of --pretty.
    if (flagBool(p, "pretty") || flagString(p, "format") === "pretty") {
      const out = services
        .map(
          (s) =>
            `\nID:\t\t${s.id}\nName:\t\t${s.spec.name}\n${s.spec.mode === "global" ? "Service Mode:\tGlobal\n" : `Service Mode:\tReplicated\n Replicas:\t${s.spec.replicas}\n`}${
              s.spec.update ? `UpdateConfig:\n Parallelism:\t${s.spec.update.parallelism}\n${s.spec.update.delay ? ` Delay:\t\t${goDurationString(s.spec.update.delay)}\n` : ""} On failure:\tpause\n Monitoring Period: 5s\n Max failure ratio: 0\n Update order:      ${s.spec.update.order}\n` : ""
            }ContainerSpec:\n Image:\t\t${s.spec.imageRef}\n${
              s.spec.secrets.length ? `Secrets:\n${s.spec.secrets.map((r) => ` Target:\t${r.target}\n  Source:\t${r.secretName}\n`).join("")}` : ""
            }`,
        )
        .join("");
      return result(out, stderr, stderr ? 1 : 0);
    }
    return renderInspect(services.map(serviceInspectJson), flagString(p, "format"), stderr);
  },
};

export const serviceRmCommand: DockerSubcommand = {
  path: "docker service rm",
  usage: "docker service rm SERVICE [SERVICE...]",
  short: "Remove one or more services",
  args: { min: 1 },
  flags: [],
  run(p, ctx) {
    return eachRefResult(p.positionals, (ref) => ctx.engine.swarm.removeService(ctx.engine.swarm.getService(ref)));
  },
};

export const serviceLogsCommand: DockerSubcommand = {
  path: "docker service logs",
  usage: "docker service logs [OPTIONS] SERVICE|TASK",
  short: "Fetch the logs of a service or task",
  args: { min: 1, max: 1 },
  flags: [{ name: "follow", short: "f", kind: "bool", description: "Follow log output" }],
  run(p, ctx) {
    const s = ctx.engine.swarm.getService(p.positionals[0]!);
    let stdout = "";
    let stderr = "";
    for (const t of [...s.tasks].reverse()) {
      const prefix = `${s.spec.name}.${t.slot}.${ellipsis(t.id, 12).replace("…", "")}@${ctx.engine.swarm.nodeHostname}    | `;
      for (const l of t.container.logs) {
        const lines = l.text.split("\n").filter((x, i, a) => x !== "" || i < a.length - 1);
        const text = lines.map((x) => `${prefix}${x}\n`).join("");
        if (l.stream === "stdout") stdout += text;
        else stderr += text;
      }
    }
    return result(stdout, stderr);
  },
};


export const serviceScaleCommand: DockerSubcommand = {
  path: "docker service scale",
  usage: "docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]",
  short: "Scale one or multiple replicated services",
  args: { min: 1 },
  flags: [{ name: "detach", short: "d", kind: "bool", description: "Exit immediately instead of waiting for the service to converge" }],
  async run(p, ctx) {
    // docker/cli's scaleArgs: every argument is checked before any service is touched.
    for (const arg of p.positionals) {
      const eq = arg.indexOf("=");
      if (eq <= 0 || eq === arg.length - 1) {
        return result("", `invalid scale specifier '${arg}'.\nSee '${this.path} --help'.\n\nUsage:  ${this.usage}\n\n${this.short}\n`, 1);
      }
    }
    let stdout = "";
    const errors: string[] = [];
    const scaled: { name: string; replicas: number }[] = [];
    for (const arg of p.positionals) {
      const [name, value] = [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)];
      if (!/^\d+$/.test(value)) {
        errors.push(`${name}: invalid replicas value ${value}: strconv.ParseUint: parsing "${value}": invalid syntax`);
        continue;
      }
      const service = ctx.engine.swarm.findService(name);
      if (!service) {
        errors.push(`${name}: Error response from daemon: ${DaemonErrors.noSuchService(name).message}`);
        continue;
      }
      if (service.spec.mode === "global") {
        errors.push(`${name}: scale can only be used with replicated or replicated-job mode`);
        continue;
      }
      await ctx.engine.swarm.updateService(service, { ...service.spec, replicas: Number(value) });
      stdout += `${name} scaled to ${Number(value)}\n`;
      scaled.push({ name, replicas: Number(value) });
    }
    if (!flagBool(p, "detach")) for (const s of scaled) stdout += progress(s.replicas);
    return result(stdout, errors.map((e) => `${e}\n`).join(""), errors.length ? 1 : 0);
  },
};

export const serviceRollbackCommand: DockerSubcommand = {
  path: "docker service rollback",
  usage: "docker service rollback [OPTIONS] SERVICE",
  short: "Revert changes to a service's configuration",
  args: { min: 1, max: 1 },
  flags: [
    { name: "detach", short: "d", kind: "bool", description: "Exit immediately instead of waiting for the service to converge" },
    { name: "quiet", short: "q", kind: "bool", description: "Suppress progress output" },
  ],
  async run(p, ctx) {
    const ref = p.positionals[0]!;
    const service = ctx.engine.swarm.getService(ref);
    await ctx.engine.swarm.rollbackService(service);
    if (flagBool(p, "detach") || flagBool(p, "quiet")) return result(`${ref}\n`);
    // As the service rollback reference shows it: the rollback's own progress header and bars.
    const n = service.spec.mode === "global" ? 1 : service.spec.replicas;
    const bars = Array.from({ length: n }, (_, i) => `${i + 1}/${n}: running   [>                                                  ]\n`).join("");
    return result(`${ref}\nrollback: manually requested rollback\noverall progress: rolling back update: ${n} out of ${n} tasks\n${bars}verify: Service converged\n`);
  },
};

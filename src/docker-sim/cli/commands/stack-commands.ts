/**
 * `docker stack deploy|ls|services|ps|rm`: a compose file (read by the same loader as
 * `docker compose`) turned into swarm objects named `<stack>_<name>` and labelled
 * com.docker.stack.namespace, as docker/cli's stack/swarm and compose/convert packages do. A stack
 * is not a daemon object: ls, services, ps and rm find its parts by that label.
 */
import { loadComposeFile, type ComposeSecretRef, type ComposeSecretSource } from "../../compose/compose-file.ts";
import { DaemonError } from "../../engine/errors.ts";
import { FsError } from "../../fs/file-system.ts";
import { dirname, resolvePath } from "../../fs/path.ts";
import type { ConfigReference, SecretReference, ServiceSpec } from "../../swarm/swarm.ts";
import { result, rowsResult, type DockerCliContext, type DockerSubcommand } from "../command.ts";
import { flagBool, flagList, flagString, type ParsedFlags } from "../flags.ts";
import { renderRows } from "../format/render-rows.ts";
import { ensureImage } from "./container-commands.ts";
import { serviceLsCommand, servicePsCommand } from "./swarm-commands.ts";

const NAMESPACE = "com.docker.stack.namespace";
const NOT_MANAGER = 'this node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again';

/** The stack's services, by name. */
function stackServices(ctx: DockerCliContext, stack: string) {
  return ctx.engine.swarm.listServices().filter((s) => s.spec.labels[NAMESPACE] === stack);
}

function readSource(ctx: DockerCliContext, dir: string, name: string, src: ComposeSecretSource): { ok: true; data: string } | { ok: false; error: string } {
  if (src.kind === "environment") return { ok: true, data: ctx.env.get(src.variable) ?? "" };
  if (src.kind === "external") return { ok: true, data: "" };
  const path = resolvePath(dir, src.file);
  try {
    return { ok: true, data: ctx.fs.readFile(path) };
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    return { ok: false, error: `open ${path}: ${e.text.toLowerCase()}` };
  }
}

export const stackDeployCommand: DockerSubcommand = {
  path: "docker stack deploy",
  usage: "docker stack deploy [OPTIONS] STACK",
  short: "Deploy a new stack or update an existing stack",
  args: { min: 1, max: 1 },
  flags: [
    { name: "compose-file", short: "c", kind: "list", description: 'Path to a Compose file, or "-" to read from stdin' },
    { name: "detach", short: "d", kind: "bool", description: "Exit immediately instead of waiting for the stack services to converge (default true)" },
    { name: "prune", kind: "bool", description: "Prune services that are no longer referenced" },
    { name: "quiet", short: "q", kind: "bool", description: "Suppress progress output" },
    { name: "resolve-image", kind: "string", description: 'Query the registry to resolve image digest and supported platforms ("always", "changed", "never") (default "always")' },
    { name: "with-registry-auth", kind: "bool", description: "Send registry authentication details to Swarm agents" },
  ],
  async run(p, ctx) {
    const stack = p.positionals[0]!;
    const fail = (msg: string, out = "", err = "") => result(out, `${err}${msg}\n`, 1);
    const files = flagList(p, "compose-file");
    if (!files.length) return fail("specify a Compose file (with --compose-file)");
    const file = files[0]!;
    let text: string;
    const dir = file === "-" ? ctx.cwd : dirname(resolvePath(ctx.cwd, file));
    if (file === "-") text = ctx.stdin;
    else {
      try {
        text = ctx.fs.readFile(resolvePath(ctx.cwd, file));
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        return fail(`open ${resolvePath(ctx.cwd, file)}: ${e.text.toLowerCase()}`);
      }
    }
    // docker stack deploy interpolates from the shell's environment only (it reads no .env).
    const loaded = loadComposeFile(text, stack, (k) => ctx.env.get(k));
    if (!loaded.ok) return fail(loaded.error);
    const project = loaded.value;
    let stderr = "";
    const unsupported = [...new Set(project.services.filter((s) => s.build).map(() => "build"))];
    if (unsupported.length) stderr += `Ignoring unsupported options: ${unsupported.join(", ")}\n\n`;
    for (const s of project.services) if (!s.image) return fail(`invalid image reference for service ${s.name}: no image specified`, "", stderr);
    const detachChanged = p.flags.has("detach");
    const detach = detachChanged ? flagBool(p, "detach") : true;
    if (!detachChanged) stderr += "Since --detach=false was not specified, tasks will be created in the background.\nIn a future release, --detach=false will become the default.\n";
    const swarm = ctx.engine.swarm;
    if (!swarm.active) return fail(NOT_MANAGER, "", stderr);
    const labels = { [NAMESPACE]: stack };
    let stdout = "";

    // Networks: external ones must exist with swarm scope; the others are created as overlays.
    const used = new Set(project.services.flatMap((s) => (s.networks.length ? s.networks : ["default"])));
    const networkName = (key: string): string => {
      const def = project.networks.get(key);
      return def?.external ? def.name : `${stack}_${key}`;
    };
    for (const key of [...used].sort()) {
      const def = project.networks.get(key);
      if (def?.external) {
        const n = ctx.engine.networks.find(def.name);
        if (!n) return fail(`network "${def.name}" is declared as external, but could not be found. You need to create a swarm-scoped network before the stack is deployed`, stdout, stderr);
        if (n.scope !== "swarm") return fail(`network "${def.name}" is declared as external, but it is not in the right scope: "${n.scope}" instead of "swarm"`, stdout, stderr);
        continue;
      }
      const name = networkName(key);
      if (ctx.engine.networks.find(name)) continue;
      stdout += `Creating network ${name}\n`;
      ctx.engine.networks.create(name, { driver: def?.driver ?? "overlay", labels }, true);
    }

    // Secrets and configs from files (or the environment) are created as <stack>_<name>; external ones are looked up.
    const objectName = (src: ComposeSecretSource, key: string): string => (src.kind === "external" ? src.name : `${stack}_${key}`);
    for (const [kind, map] of [["secret", project.secrets], ["config", project.configs]] as const) {
      for (const [key, src] of [...map].sort(([a], [b]) => a.localeCompare(b))) {
        if (src.kind === "external") continue;
        const name = objectName(src, key);
        const exists = kind === "secret" ? swarm.findSecret(name) : swarm.findConfig(name);
        if (exists) continue;
        const data = readSource(ctx, dir, key, src);
        if (!data.ok) return fail(data.error, stdout, stderr);
        stdout += `Creating ${kind} ${name}\n`;
        try {
          if (kind === "secret") swarm.createSecret(name, data.data, labels);
          else swarm.createConfig(name, data.data, labels);
        } catch (e) {
          if (e instanceof DaemonError) return fail(`failed to create ${kind} ${name}: Error response from daemon: ${e.message}`, stdout, stderr);
          throw e;
        }
      }
    }

    // Services: converted first (a missing external secret stops the deploy before any service).
    const specs: ServiceSpec[] = [];
    for (const s of [...project.services].sort((a, b) => a.name.localeCompare(b.name))) {
      const secrets: SecretReference[] = [];
      for (const ref of s.secrets) {
        const name = objectName(project.secrets.get(ref.source)!, ref.source);
        const secret = swarm.findSecret(name);
        if (!secret) return fail(`service ${s.name}: secret not found: ${name}`, stdout, stderr);
        secrets.push({ secretId: secret.id, secretName: secret.name, ...fileTarget(ref, ref.source) });
      }
      const configs: ConfigReference[] = [];
      for (const ref of s.configs) {
        const name = objectName(project.configs.get(ref.source)!, ref.source);
        const config = swarm.findConfig(name);
        if (!config) return fail(`service ${s.name}: config not found: ${name}`, stdout, stderr);
        const t = fileTarget(ref, ref.source);
        configs.push({ configId: config.id, configName: config.name, ...t, target: t.target.startsWith("/") ? t.target : `/${t.target}` });
      }
      const networks = (s.networks.length ? s.networks : ["default"]).map((key) => {
        const n = ctx.engine.networks.get(networkName(key));
        return { id: n.id, name: n.name };
      });
      const env = Object.entries(s.environment).flatMap(([k, v]) => (v !== null ? [`${k}=${v}`] : ctx.env.has(k) ? [`${k}=${ctx.env.get(k)}`] : []));
      const mode = s.deploy.mode === "global" ? "global" : "replicated";
      specs.push({
        name: `${stack}_${s.name}`,
        image: ensureImage(ctx, s.image!).image,
        imageRef: s.image!,
        env,
        args: s.command,
        secrets,
        configs,
        networks,
        replicas: mode === "global" ? 1 : (s.deploy.replicas ?? 1),
        mode,
        labels: { ...labels, "com.docker.stack.image": s.image! },
      });
    }
    for (const spec of specs) {
      const existing = swarm.findService(spec.name);
      if (existing && existing.spec.name === spec.name) {
        stdout += `Updating service ${spec.name} (id: ${existing.id})\n`;
        await swarm.updateService(existing, spec);
      } else {
        stdout += `Creating service ${spec.name}\n`;
        await swarm.createService(spec);
      }
    }
    if (flagBool(p, "prune")) {
      for (const old of stackServices(ctx, stack).filter((s) => !specs.some((x) => x.name === s.spec.name))) {
        stdout += `Removing service ${old.spec.name}\n`;
        swarm.removeService(old);
      }
    }
    if (!detach && !flagBool(p, "quiet")) {
      for (const spec of specs) {
        const svc = swarm.getService(spec.name);
        stdout += `${svc.id}\noverall progress: ${spec.replicas} out of ${spec.replicas} tasks\n${Array.from({ length: spec.replicas }, (_, i) => `${i + 1}/${spec.replicas}: running   [==================================================>]\n`).join("")}verify: Service converged\n`;
      }
    }
    return result(stdout, stderr);
  },
};

/** A compose file reference's target: the key by default (under /run/secrets for secrets), uid/gid 0, mode 0444. */
function fileTarget(ref: ComposeSecretRef, key: string): { target: string; uid: string; gid: string; mode: number } {
  return { target: ref.target ?? key, uid: ref.uid ?? "0", gid: ref.gid ?? "0", mode: ref.mode ?? 0o444 };
}

export const stackLsCommand: DockerSubcommand = {
  path: "docker stack ls",
  usage: "docker stack ls [OPTIONS]",
  short: "List stacks",
  args: { max: 0 },
  flags: [{ name: "format", kind: "string", description: "Format output using a custom template" }],
  run(p, ctx) {
    const counts = new Map<string, number>();
    for (const s of ctx.engine.swarm.listServices()) {
      const ns = s.spec.labels[NAMESPACE];
      if (ns) counts.set(ns, (counts.get(ns) ?? 0) + 1);
    }
    const rows = [...counts].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true })).map(([Name, n]) => ({ Name, Services: String(n) }));
    return rowsResult(renderRows({ rows, format: flagString(p, "format"), defaultFormat: "table {{.Name}}\t{{.Services}}", headers: { Name: "NAME", Services: "SERVICES" }, typeName: "*stack.stackContext" }));
  },
};

const withPositionals = (p: ParsedFlags, positionals: string[], extraFilter?: string): ParsedFlags => {
  const flags = new Map(p.flags);
  if (extraFilter) flags.set("filter", [...flagList(p, "filter"), extraFilter]);
  return { flags, positionals, help: false };
};

export const stackServicesCommand: DockerSubcommand = {
  path: "docker stack services",
  usage: "docker stack services [OPTIONS] STACK",
  short: "List the services in the stack",
  args: { min: 1, max: 1 },
  flags: serviceLsCommand.flags,
  run(p, ctx) {
    const stack = p.positionals[0]!;
    if (!stackServices(ctx, stack).length) return result("", `Nothing found in stack: ${stack}\n`);
    return serviceLsCommand.run(withPositionals(p, [], `label=${NAMESPACE}=${stack}`), ctx);
  },
};

export const stackPsCommand: DockerSubcommand = {
  path: "docker stack ps",
  usage: "docker stack ps [OPTIONS] STACK",
  short: "List the tasks in the stack",
  args: { min: 1, max: 1 },
  flags: servicePsCommand.flags,
  run(p, ctx) {
    const stack = p.positionals[0]!;
    const services = stackServices(ctx, stack);
    if (!services.length) return result("", `nothing found in stack: ${stack}\n`, 1);
    return servicePsCommand.run(withPositionals(p, services.map((s) => s.spec.name)), ctx);
  },
};

export const stackRmCommand: DockerSubcommand = {
  path: "docker stack rm",
  usage: "docker stack rm [OPTIONS] STACK [STACK...]",
  short: "Remove one or more stacks",
  args: { min: 1 },
  flags: [{ name: "detach", short: "d", kind: "bool", description: "Do not wait for stack removal (default true)" }],
  run(p, ctx) {
    let stdout = "";
    let stderr = "";
    const swarm = ctx.engine.swarm;
    for (const stack of p.positionals) {
      const services = stackServices(ctx, stack);
      const secrets = swarm.listSecrets().filter((s) => s.labels[NAMESPACE] === stack);
      const configs = swarm.listConfigs().filter((c) => c.labels[NAMESPACE] === stack);
      const networks = ctx.engine.networks.list().filter((n) => n.labels[NAMESPACE] === stack);
      if (services.length + secrets.length + configs.length + networks.length === 0) {
        stderr += `Nothing found in stack: ${stack}\n`;
        continue;
      }
      // docker/cli's order: services, secrets, configs, networks.
      for (const s of services) {
        stdout += `Removing service ${s.spec.name}\n`;
        swarm.removeService(s);
      }
      for (const s of secrets) {
        stdout += `Removing secret ${s.name}\n`;
        swarm.removeSecret(s.id);
      }
      for (const c of configs) {
        stdout += `Removing config ${c.name}\n`;
        swarm.removeConfig(c.id);
      }
      for (const n of networks) {
        stdout += `Removing network ${n.name}\n`;
        ctx.engine.networks.remove(n.id);
      }
    }
    return result(stdout, stderr);
  },
};

/**
 * `docker compose up/down/config/ps/exec/logs` over the compose file in the working directory.
 * Without swarm, file secrets become read-only bind mounts at /run/secrets/<target> and their
 * uid/gid/mode are not applied (Compose docs); environment secrets are written into the container.
 */
import { dump } from "js-yaml";
import { since } from "../../engine/clock.ts";
import { DaemonError, daemonErrorLine } from "../../engine/errors.ts";
import { FsError } from "../../fs/file-system.ts";
import { basename, resolvePath, dirname } from "../../fs/path.ts";
import type { Container } from "../../containers/container.ts";
import type { Image } from "../../images/image.ts";
import type { BindSpec, SecretFileSpec } from "../../containers/container-store.ts";
import { collectFiles } from "../../fs/file-system.ts";
import type { CommandResult } from "../../shell/types.ts";
import { loadComposeFile, parseDotEnv, type ComposeProject, type ComposeService } from "../../compose/compose-file.ts";
import { findChild, type TreeNode } from "../../../lib/cli/command-tree.ts";
import { groupHelp, result, runSubcommand, type DockerCliContext, type DockerSubcommand } from "../command.ts";
import { flagBool, flagList, flagString, parseFlags } from "../flags.ts";
import { ellipsis, formatTable } from "../format/table.ts";
import { ensureImage, containerStatus } from "./container-commands.ts";

const FILE_NAMES = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];

interface Loaded {
  project: ComposeProject;
  /** The compose file's path (the config_files label, `docker compose ls`). */
  file: string;
  dir: string;
  env: Map<string, string>;
}

function loadProject(ctx: DockerCliContext, file: string | undefined, projectName: string | undefined): { ok: true; value: Loaded } | { ok: false; error: string } {
  const path = file ? resolvePath(ctx.cwd, file) : FILE_NAMES.map((n) => resolvePath(ctx.cwd, n)).find((p) => ctx.fs.stat(p));
  if (!path) return { ok: false, error: "no configuration file provided: not found" };
  let text: string;
  try {
    text = ctx.fs.readFile(path);
  } catch (e) {
    if (e instanceof FsError) return { ok: false, error: `open ${path}: ${e.text.toLowerCase()}` };
    throw e;
  }
  const dir = dirname(path);
  const env = new Map<string, string>();
  try {
    for (const [k, v] of parseDotEnv(ctx.fs.readFile(`${dir}/.env`))) env.set(k, v);
  } catch {
    // no .env: only the shell environment interpolates
  }
  for (const [k, v] of ctx.env) env.set(k, v);
  const defaultName = (projectName ?? basename(dir)).toLowerCase().replace(/[^a-z0-9_-]/g, "");
  const loaded = loadComposeFile(text, defaultName, (k) => env.get(k));
  if (!loaded.ok) return { ok: false, error: `${basename(path)}: ${loaded.error}` };
  return { ok: true, value: { project: loaded.value, file: path, dir, env } };
}

function secretTarget(target: string | undefined, source: string): string {
  const t = target ?? source;
  return t.startsWith("/") ? t : `/run/secrets/${t}`;
}

function configYaml(l: Loaded): string {
  const { project, dir } = l;
  const services: Record<string, unknown> = {};
  for (const s of project.services) {
    const env: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(s.environment)) env[k] = v ?? l.env.get(k) ?? null;
    services[s.name] = {
      ...(s.build ? { build: { context: resolvePath(dir, s.build.context), dockerfile: s.build.dockerfile ?? "Dockerfile", ...(s.build.secrets.length ? { secrets: s.build.secrets.map((x) => ({ source: x })) } : {}) } } : {}),
      ...(s.command ? { command: s.command } : {}),
      ...(Object.keys(env).length ? { environment: env } : {}),
      ...(s.image ? { image: s.image } : {}),
      networks: { default: null },
      ...(s.secrets.length
        ? {
            secrets: s.secrets.map((r) =>
              r.short ? { source: r.source } : { source: r.source, ...(r.target ? { target: r.target } : {}), ...(r.uid ? { uid: r.uid } : {}), ...(r.gid ? { gid: r.gid } : {}), ...(r.mode !== undefined ? { mode: `0${r.mode.toString(8)}` } : {}) },
            ),
          }
        : {}),
    };
  }
  const secrets: Record<string, unknown> = {};
  for (const [name, src] of project.secrets) {
    if (src.kind === "file") secrets[name] = { name: `${project.name}_${name}`, file: resolvePath(dir, src.file) };
    else if (src.kind === "environment") secrets[name] = { name: `${project.name}_${name}`, environment: src.variable };
    else secrets[name] = { name: src.name, external: true };
  }
  const doc: Record<string, unknown> = { name: project.name, services, networks: { default: { name: `${project.name}_default` } } };
  if (project.secrets.size) doc.secrets = secrets;
  return dump(doc, { indent: 2, lineWidth: -1, noRefs: true });
}

function containerName(project: ComposeProject, service: ComposeService): string {
  return `${project.name}-${service.name}-1`;
}

function projectLabels(l: Loaded): Record<string, string> {
  return { "com.docker.compose.project": l.project.name, "com.docker.compose.project.config_files": l.file, "com.docker.compose.project.working_dir": l.dir };
}

function projectContainers(ctx: DockerCliContext, project: string): Container[] {
  return ctx.engine.containers.list(true).filter((c) => c.config.Labels["com.docker.compose.project"] === project);
}

type Prepared = { ok: false; stderr: string } | { ok: true; stderr: string; image: Image; imageRef: string; env: string[]; binds: BindSpec[]; secretFiles: SecretFileSpec[] };

/** Build a service's image when it has a build section and no image yet (or always with `force`). */
async function buildService(l: Loaded, s: ComposeService, ctx: DockerCliContext, force: boolean): Promise<{ ok: boolean; stderr: string; imageRef: string | undefined }> {
  const { project, dir } = l;
  if (!s.build) return { ok: true, stderr: "", imageRef: s.image };
  const imageRef = s.image ?? `${project.name}-${s.name}`;
  if (!force && ctx.engine.images.find(imageRef)) return { ok: true, stderr: "", imageRef };
  const contextDir = resolvePath(dir, s.build.context);
  const files = new Map<string, string>();
  for (const [p, c] of collectFiles(ctx.fs, contextDir)) files.set(p.slice(contextDir.length + 1), c);
  const secrets = new Map<string, string>();
  for (const id of s.build.secrets) {
    const src = project.secrets.get(id);
    if (src?.kind === "file") secrets.set(id, ctx.fs.readFile(resolvePath(dir, src.file)));
    else if (src?.kind === "environment" && l.env.has(src.variable)) secrets.set(id, l.env.get(src.variable)!);
  }
  let dockerfile: string;
  try {
    dockerfile = ctx.fs.readFile(resolvePath(contextDir, s.build.dockerfile ?? "Dockerfile"));
  } catch {
    return { ok: false, stderr: "failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory\n", imageRef };
  }
  const outcome = await ctx.engine.build({ dockerfile, context: files, tags: [imageRef], buildArgs: new Map(Object.entries(s.build.args)), secrets });
  ctx.engine.lastBuild = outcome;
  return { ok: outcome.ok, stderr: outcome.progress, imageRef };
}

/** What a service's container is made of: its image (built or pulled), env, secret binds and files. */
async function prepareService(l: Loaded, s: ComposeService, ctx: DockerCliContext, forceBuild: boolean): Promise<Prepared> {
  const { project, dir } = l;
  let stderr = "";
  const built = await buildService(l, s, ctx, forceBuild);
  stderr += built.stderr;
  if (!built.ok) return { ok: false, stderr };
  const imageRef = built.imageRef;
  if (!imageRef) return { ok: false, stderr: `${stderr}service "${s.name}" has neither an image nor a build context specified: invalid compose project\n` };
  let image;
  try {
    image = ensureImage(ctx, imageRef).image;
  } catch (e) {
    if (e instanceof DaemonError) return { ok: false, stderr: `${stderr} ${s.name} Error ${e.message}\n${daemonErrorLine(e)}` };
    throw e;
  }
  const env: string[] = [];
  for (const f of s.envFiles) {
    try {
      for (const [k, v] of parseDotEnv(ctx.fs.readFile(resolvePath(dir, f)))) env.push(`${k}=${v}`);
    } catch {
      return { ok: false, stderr: `${stderr}env file ${resolvePath(dir, f)} not found: stat ${resolvePath(dir, f)}: no such file or directory\n` };
    }
  }
  for (const [k, v] of Object.entries(s.environment)) {
    const value = v ?? l.env.get(k);
    if (value !== undefined) env.push(`${k}=${value}`);
  }
  const binds: BindSpec[] = [];
  const secretFiles: SecretFileSpec[] = [];
  for (const r of s.secrets) {
    const src = project.secrets.get(r.source)!;
    const target = secretTarget(r.target, r.source);
    if (src.kind === "file") {
      // Without swarm a file secret is a plain read-only bind mount: uid/gid/mode are not applied.
      binds.push({ kind: "bind", source: resolvePath(dir, src.file), target, readOnly: true, mode: undefined, spec: undefined });
    } else if (src.kind === "environment") {
      secretFiles.push({ target, content: l.env.get(src.variable) ?? "", mode: r.mode ?? 0o444, uid: Number(r.uid ?? 0), gid: Number(r.gid ?? 0) });
    }
  }
  return { ok: true, stderr, image, imageRef, env, binds, secretFiles };
}

async function up(l: Loaded, ctx: DockerCliContext, detach: boolean): Promise<CommandResult> {
  const { project, dir } = l;
  let stderr = "";
  let stdout = "";
  for (const s of project.services) {
    for (const r of s.secrets) {
      const src = project.secrets.get(r.source)!;
      if (src.kind === "external") return result("", `${stderr}unsupported external secret ${src.name}\n`, 1);
      if (src.kind === "file" && (r.uid || r.gid || r.mode !== undefined)) {
        stderr += `WARN[0000] secrets \`uid\`, \`gid\` and \`mode\` are not supported, they will be ignored\n`;
      }
    }
  }
  const network = `${project.name}_default`;
  stderr += ` Network ${network}  Creating\n Network ${network}  Created\n`;
  for (const s of project.services) {
    const prepared = await prepareService(l, s, ctx, false);
    stderr += prepared.stderr;
    if (!prepared.ok) return result("", stderr, 1);
    const { image, imageRef, env, binds, secretFiles } = prepared;
    const name = containerName(project, s);
    const existing = ctx.engine.containers.find(name);
    if (existing) {
      ctx.engine.containers.remove(existing, true);
      stderr += ` Container ${name}  Recreate\n Container ${name}  Recreated\n`;
    } else stderr += ` Container ${name}  Creating\n`;
    let c: Container;
    try {
      c = ctx.engine.containers.create({
        image,
        imageRef,
        name,
        env,
        cmd: s.command,
        entrypoint: s.entrypoint,
        binds,
        secretFiles,
        labels: { ...projectLabels(l), "com.docker.compose.service": s.name, "com.docker.compose.container-number": "1", "com.docker.compose.oneoff": "False" },
      });
    } catch (e) {
      if (e instanceof DaemonError) return result("", `${stderr}${daemonErrorLine(e)}`, 1);
      throw e;
    }
    if (!existing) stderr += ` Container ${name}  Created\n`;
    stderr += ` Container ${name}  Starting\n`;
    const started = await ctx.engine.containers.start(c);
    stderr += ` Container ${name}  Started\n`;
    if (!detach) {
      const prefix = `${s.name}-1  | `;
      const out = `${started.result.stdout}${started.result.stderr}`;
      stdout += out.split("\n").filter((x, i, a) => x !== "" || i < a.length - 1).map((x) => `${prefix}${x}\n`).join("");
    }
  }
  return result(stdout, stderr);
}

function down(l: Loaded, ctx: DockerCliContext): CommandResult {
  let stderr = "";
  for (const c of projectContainers(ctx, l.project.name)) {
    stderr += ` Container ${c.name}  Stopping\n`;
    ctx.engine.containers.stop(c);
    stderr += ` Container ${c.name}  Stopped\n Container ${c.name}  Removing\n`;
    ctx.engine.containers.remove(c, true);
    stderr += ` Container ${c.name}  Removed\n`;
  }
  const network = `${l.project.name}_default`;
  stderr += ` Network ${network}  Removing\n Network ${network}  Removed\n`;
  return result("", stderr);
}

async function composeBuild(l: Loaded, names: readonly string[], ctx: DockerCliContext): Promise<CommandResult> {
  let stderr = "";
  for (const s of selectServices(l, names)) {
    if (!s.build) continue;
    const built = await buildService(l, s, ctx, true);
    stderr += built.stderr;
    if (!built.ok) return result("", stderr, 1);
  }
  return result("", stderr);
}

function selectServices(l: Loaded, names: readonly string[]): ComposeService[] {
  return names.length ? l.project.services.filter((s) => names.includes(s.name)) : l.project.services;
}

/** `docker compose run [--rm] SERVICE [COMMAND...]`: a one-off container named <project>-<service>-run-<12 hex>. */
async function composeRun(l: Loaded, p: Parameters<DockerSubcommand["run"]>[0], ctx: DockerCliContext): Promise<CommandResult> {
  const [service, ...cmd] = p.positionals;
  const s = l.project.services.find((x) => x.name === service);
  if (!s) return result("", `no such service: ${service ?? ""}\n`, 1);
  const prepared = await prepareService(l, s, ctx, false);
  if (!prepared.ok) return result("", prepared.stderr, 1);
  const env = [...prepared.env, ...flagList(p, "env")];
  const name = flagString(p, "name") ?? `${l.project.name}-${s.name}-run-${ctx.engine.ids.hex(12)}`;
  const c = ctx.engine.containers.create({
    image: prepared.image,
    imageRef: prepared.imageRef,
    name,
    env,
    cmd: cmd.length ? cmd : s.command,
    entrypoint: flagString(p, "entrypoint") !== undefined ? [flagString(p, "entrypoint")!] : s.entrypoint,
    binds: prepared.binds,
    secretFiles: prepared.secretFiles,
    labels: { ...projectLabels(l), "com.docker.compose.service": s.name, "com.docker.compose.oneoff": "True" },
    autoRemove: flagBool(p, "rm"),
  });
  const started = await ctx.engine.containers.start(c);
  if (started.outcome === "failed") return result("", `${prepared.stderr}Error response from daemon: ${c.error}\n`, started.result.exitCode);
  if (flagBool(p, "detach")) return result(`${name}\n`, prepared.stderr);
  return result(started.result.stdout, prepared.stderr + started.result.stderr, started.outcome === "exited" ? started.result.exitCode : 0);
}

function composeStop(l: Loaded, names: readonly string[], ctx: DockerCliContext): CommandResult {
  let stderr = "";
  for (const c of projectContainers(ctx, l.project.name)) {
    if (c.status !== "running" || (names.length && !names.includes(c.config.Labels["com.docker.compose.service"] ?? ""))) continue;
    stderr += ` Container ${c.name}  Stopping\n`;
    ctx.engine.containers.stop(c);
    stderr += ` Container ${c.name}  Stopped\n`;
  }
  return result("", stderr);
}

function composePull(l: Loaded, names: readonly string[], ctx: DockerCliContext): CommandResult {
  let stderr = "";
  for (const s of selectServices(l, names)) {
    // A service with a build section and no image has nothing to pull; with both, the pull may fail quietly.
    if (!s.image) continue;
    stderr += ` ${s.name} Pulling \n`;
    try {
      ctx.engine.images.pull(s.image);
    } catch (e) {
      if (!(e instanceof DaemonError)) throw e;
      if (s.build) {
        stderr += ` ${s.name} Warning ${e.message}\n`;
        continue;
      }
      return result("", `${stderr} ${s.name} Error ${e.message}\n${daemonErrorLine(e)}`, 1);
    }
    stderr += ` ${s.name} Pulled \n`;
  }
  return result("", stderr);
}

/** `docker compose ls`: projects found by their containers' labels (running ones unless --all). */
const composeLsCommand: DockerSubcommand = {
  path: "docker compose ls",
  usage: "docker compose ls [OPTIONS]",
  short: "List running compose projects",
  args: { max: 0 },
  flags: [
    { name: "all", short: "a", kind: "bool", description: "Show all stopped Compose projects" },
    { name: "format", kind: "string", description: 'Format the output. Values: [table | json] (default "table")' },
    { name: "quiet", short: "q", kind: "bool", description: "Only display project names" },
  ],
  run(p, ctx) {
    const projects = new Map<string, { states: Map<string, number>; files: string }>();
    for (const c of ctx.engine.containers.list(true)) {
      const name = c.config.Labels["com.docker.compose.project"];
      if (!name || c.config.Labels["com.docker.compose.oneoff"] === "True") continue;
      const entry = projects.get(name) ?? { states: new Map(), files: c.config.Labels["com.docker.compose.project.config_files"] ?? "" };
      entry.states.set(c.status, (entry.states.get(c.status) ?? 0) + 1);
      projects.set(name, entry);
    }
    const rows = [...projects]
      .filter(([, e]) => flagBool(p, "all") || e.states.has("running"))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, e]) => ({ Name: name, Status: [...e.states].sort(([a], [b]) => a.localeCompare(b)).map(([st, n]) => `${st}(${n})`).join(", "), ConfigFiles: e.files }));
    if (flagBool(p, "quiet")) return result(rows.map((r) => `${r.Name}\n`).join(""));
    if (flagString(p, "format") === "json") return result(`${JSON.stringify(rows)}\n`);
    return result(formatTable(["NAME", "STATUS", "CONFIG FILES"], rows.map((r) => [r.Name, r.Status, r.ConfigFiles])));
  },
};

const commonFlags = [
  { name: "file", short: "f", kind: "string" as const, description: "Compose configuration files", hidden: true },
  { name: "project-name", short: "p", kind: "string" as const, description: "Project name", hidden: true },
];

function sub(name: string, usage: string, short: string, flags: DockerSubcommand["flags"], run: (l: Loaded, p: Parameters<DockerSubcommand["run"]>[0], ctx: DockerCliContext) => Promise<CommandResult> | CommandResult, interspersed = true): DockerSubcommand {
  return {
    path: `docker compose ${name}`,
    usage,
    short,
    flags: [...flags, ...commonFlags],
    interspersed,
    run(p, ctx) {
      const loaded = loadProject(ctx, flagString(p, "file"), flagString(p, "project-name"));
      if (!loaded.ok) return result("", `${loaded.error}\n`, 1);
      return run(loaded.value, p, ctx);
    },
  };
}

const SUBCOMMANDS: Record<string, DockerSubcommand> = {
  up: sub("up", "docker compose up [OPTIONS] [SERVICE...]", "Create and start containers", [{ name: "detach", short: "d", kind: "bool", description: "Detached mode: Run containers in the background" }, { name: "build", kind: "bool", description: "Build images before starting containers" }], (l, p, ctx) => up(l, ctx, flagBool(p, "detach"))),
  down: sub("down", "docker compose down [OPTIONS] [SERVICES]", "Stop and remove containers, networks", [], (l, _p, ctx) => down(l, ctx)),
  config: sub("config", "docker compose config [OPTIONS] [SERVICE...]", "Parse, resolve and render compose file in canonical format", [], (l) => result(configYaml(l))),
  ps: sub("ps", "docker compose ps [OPTIONS] [SERVICE...]", "List containers", [{ name: "all", short: "a", kind: "bool", description: "Show all stopped containers" }], (l, p, ctx) => {
    const now = ctx.engine.clock.now();
    const rows = projectContainers(ctx, l.project.name)
      .filter((c) => flagBool(p, "all") || c.status === "running")
      .map((c) => [c.name, c.config.Image, JSON.stringify(ellipsis([c.path, ...c.args].join(" "), 20)), c.config.Labels["com.docker.compose.service"] ?? "", since(c.created, now), containerStatus(c, now), ""]);
    return result(formatTable(["NAME", "IMAGE", "COMMAND", "SERVICE", "CREATED", "STATUS", "PORTS"], rows));
  }),
  exec: sub(
    "exec",
    "docker compose exec [OPTIONS] SERVICE COMMAND [ARGS...]",
    "Execute a command in a running container",
    [{ name: "no-TTY", short: "T", kind: "bool", description: "Disable pseudo-TTY allocation" }, { name: "env", short: "e", kind: "list", description: "Set environment variables" }],
    async (l, p, ctx) => {
      const [service, ...argv] = p.positionals;
      const svc = l.project.services.find((s) => s.name === service);
      if (!svc || argv.length === 0) return result("", `service "${service ?? ""}" is not running\n`, 1);
      const c = ctx.engine.containers.find(containerName(l.project, svc));
      if (!c || c.status !== "running") return result("", `service "${service}" is not running\n`, 1);
      return ctx.engine.containers.exec(c, argv);
    },
    false,
  ),
  build: sub("build", "docker compose build [OPTIONS] [SERVICE...]", "Build or rebuild services", [{ name: "no-cache", kind: "bool", description: "Do not use cache when building the image" }, { name: "pull", kind: "bool", description: "Always attempt to pull a newer version of the image" }], (l, p, ctx) => composeBuild(l, p.positionals, ctx)),
  ls: composeLsCommand,
  pull: sub("pull", "docker compose pull [OPTIONS] [SERVICE...]", "Pull service images", [{ name: "quiet", short: "q", kind: "bool", description: "Pull without printing progress information" }], (l, p, ctx) => composePull(l, p.positionals, ctx)),
  run: sub(
    "run",
    "docker compose run [OPTIONS] SERVICE [COMMAND] [ARGS...]",
    "Run a one-off command on a service",
    [
      { name: "detach", short: "d", kind: "bool", description: "Run container in background and print container ID" },
      { name: "entrypoint", kind: "string", description: "Override the entrypoint of the image" },
      { name: "env", short: "e", kind: "list", description: "Set environment variables" },
      { name: "name", kind: "string", description: "Assign a name to the container" },
      { name: "rm", kind: "bool", description: "Automatically remove the container when it exits" },
      { name: "no-TTY", short: "T", kind: "bool", description: "Disable pseudo-TTY allocation (default: auto-detected)" },
    ],
    composeRun,
    false,
  ),
  stop: sub("stop", "docker compose stop [OPTIONS] [SERVICE...]", "Stop services", [{ name: "timeout", short: "t", kind: "string", description: "Specify a shutdown timeout in seconds" }], (l, p, ctx) => composeStop(l, p.positionals, ctx)),
  logs: sub("logs", "docker compose logs [OPTIONS] [SERVICE...]", "View output from containers", [], (l, p, ctx) => {
    let stdout = "";
    for (const c of projectContainers(ctx, l.project.name)) {
      const svc = c.config.Labels["com.docker.compose.service"] ?? "";
      if (p.positionals.length && !p.positionals.includes(svc)) continue;
      for (const line of c.logs.map((x) => x.text).join("").split("\n").filter(Boolean)) stdout += `${svc}-1  | ${line}\n`;
    }
    return result(stdout);
  }),
};

/** `docker compose` in the docker command tree (a CLI plugin, hence the `*` in `docker --help`). */
export const composeTree: TreeNode<DockerSubcommand> = {
  name: "compose",
  short: "Docker Compose",
  category: "Management Commands",
  plugin: true,
  flags: commonFlags.map((f) => ({ ...f, hidden: false, ...(f.name === "file" ? { kind: "list" as const } : {}) })),
  children: Object.entries(SUBCOMMANDS).map(([name, command]) => ({ name, short: command.short, command })),
};

const COMPOSE_DESCRIPTION = "Define and run multi-container applications with Docker";

/** `docker compose ...`: global -f/-p may come before the subcommand. */
export async function runCompose(args: readonly string[], ctx: DockerCliContext): Promise<CommandResult> {
  const globals: string[] = [];
  let i = 0;
  while (i < args.length && args[i]!.startsWith("-")) {
    const a = args[i]!;
    if (a === "--help" || a === "-h") return result(groupHelp(composeTree, ["compose"], COMPOSE_DESCRIPTION));
    globals.push(a);
    if (!a.includes("=") && (a === "-f" || a === "--file" || a === "-p" || a === "--project-name")) globals.push(args[++i] ?? "");
    i++;
  }
  const parsedGlobals = parseFlags(globals, commonFlags);
  if (!parsedGlobals.ok) return result("", `${parsedGlobals.error}\n`, 1);
  const name = args[i];
  if (name === undefined) return result(groupHelp(composeTree, ["compose"], COMPOSE_DESCRIPTION));
  const cmd = findChild(composeTree, name)?.command;
  if (!cmd) return result("", `unknown docker command: "compose ${name}"\n`, 1);
  return runSubcommand(cmd, [...globals, ...args.slice(i + 1)], ctx);
}

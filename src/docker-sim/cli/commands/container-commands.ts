/** Container commands: run, ps, exec, logs, stop, start, rm. */
import { since, humanDuration } from "../../engine/clock.ts";
import { DaemonError, DaemonErrors } from "../../engine/errors.ts";
import { portsColumn, shortId, type Container } from "../../containers/container.ts";
import type { BindSpec } from "../../containers/container-store.ts";
import { isValidReference, normalizeReference, type Image } from "../../images/image.ts";
import type { CommandResult } from "../../shell/types.ts";
import { eachRefResult, result, rowsResult, runDaemonError, runStyleError, type DockerCliContext, type DockerSubcommand } from "../command.ts";
import { flagBool, flagList, flagString } from "../flags.ts";
import { ellipsis } from "../format/table.ts";
import { resolvePath } from "../../fs/path.ts";
import { labelsFrom } from "./labels.ts";
import { renderRows } from "../format/render-rows.ts";
import { parseEnvFile, parseMountFlag, parsePublishFlags, parseTmpfsFlag, parseVolumeFlag, resolveEnvFlags } from "./run-options.ts";

/** `--pull always`: the registry is asked even when the image is here (the pull output goes to stderr). */
function pullAlways(ctx: DockerCliContext, ref: string): { image: Image; stderr: string } {
  const pulled = ctx.engine.images.pull(ref);
  return { image: pulled.image, stderr: `${pulled.progress.slice(0, -1).join("\n")}\n` };
}

/** Find a local image or pull it, as `docker run` does (pull progress goes to stderr). */
export function ensureImage(ctx: DockerCliContext, ref: string): { image: Image; stderr: string } {
  const local = ctx.engine.images.find(ref);
  if (local) return { image: local, stderr: "" };
  const pulled = ctx.engine.images.pull(ref);
  return { image: pulled.image, stderr: `Unable to find image '${normalizeReference(ref)}' locally\n${pulled.progress.slice(0, -1).join("\n")}\n` };
}

export function containerStatus(c: Container, now: Date): string {
  if (c.status === "running") return `Up ${humanDuration(now.getTime() - (c.startedAt ?? c.created).getTime())}`;
  if (c.status === "exited") return `Exited (${c.exitCode}) ${since(c.finishedAt ?? c.created, now)}`;
  return "Created";
}

const RUN_USAGE = "docker run [OPTIONS] IMAGE [COMMAND] [ARG...]";

export const runCommand: DockerSubcommand = {
  path: "docker run",
  usage: RUN_USAGE,
  short: "Create and run a new container from an image",
  interspersed: false,
  args: { min: 1 },
  flags: [
    { name: "add-host", kind: "list", description: "Add a custom host-to-IP mapping (host:ip)" },
    { name: "cidfile", kind: "string", description: "Write the container ID to the file" },
    { name: "detach", short: "d", kind: "bool", description: "Run container in background and print container ID" },
    { name: "env", short: "e", kind: "list", description: "Set environment variables" },
    { name: "env-file", kind: "list", description: "Read in a file of environment variables" },
    { name: "entrypoint", kind: "string", description: "Overwrite the default ENTRYPOINT of the image" },
    { name: "hostname", short: "h", kind: "string", description: "Container host name" },
    { name: "interactive", short: "i", kind: "bool", description: "Keep STDIN open even if not attached" },
    { name: "label", short: "l", kind: "list", description: "Set meta data on a container" },
    { name: "mount", kind: "list", description: "Attach a filesystem mount to the container" },
    { name: "name", kind: "string", description: "Assign a name to the container" },
    { name: "net", kind: "string", description: "Connect a container to a network (the old spelling of --network)", hidden: true },
    { name: "network", kind: "string", description: "Connect a container to a network" },
    { name: "publish", short: "p", kind: "list", description: "Publish a container's port(s) to the host" },
    { name: "pull", kind: "string", description: 'Pull image before running ("always", "missing", "never") (default "missing")' },
    { name: "quiet", short: "q", kind: "bool", description: "Suppress the pull output" },
    { name: "read-only", kind: "bool", description: "Mount the container's root filesystem as read only" },
    { name: "rm", kind: "bool", description: "Automatically remove the container and its associated anonymous volumes when it exits" },
    { name: "tmpfs", kind: "list", description: "Mount a tmpfs directory" },
    { name: "tty", short: "t", kind: "bool", description: "Allocate a pseudo-TTY" },
    { name: "user", short: "u", kind: "string", description: 'Username or UID (format: "<name|uid>[:<group|gid>]")' },
    { name: "volume", short: "v", kind: "list", description: "Bind mount a volume" },
    { name: "workdir", short: "w", kind: "string", description: "Working directory inside the container" },
  ],
  async run(p, ctx) {
    const [imageRef, ...cmd] = p.positionals as [string, ...string[]];
    const pull = flagString(p, "pull") ?? "missing";
    if (!["always", "missing", "never", ""].includes(pull)) return runStyleError(this.path, `invalid pull option: '${pull}': must be one of "always", "missing" or "never"`);
    if (!isValidReference(imageRef)) return runStyleError(this.path, "invalid reference format");
    const extraHosts: string[] = [];
    for (const h of flagList(p, "add-host")) {
      // Docker 28 accepts host:ip and host=ip; the daemon stores host:ip.
      const m = /^([^:=]+)[:=](.+)$/.exec(h);
      if (!m) return result("", `invalid argument "${h}" for "--add-host" flag: bad format for add-host: "${h}"\n\nUsage:  ${RUN_USAGE}\n\nRun 'docker run --help' for more information\n`, 125);
      extraHosts.push(`${m[1]}:${m[2] === "host-gateway" ? "192.168.65.254" : m[2]}`);
    }
    const cidFile = flagString(p, "cidfile");
    if (cidFile && ctx.fs.stat(resolvePath(ctx.cwd, cidFile))) {
      return runStyleError(this.path, `container ID file found, make sure the other container isn't running or delete ${cidFile}`);
    }
    const env = resolveEnvFlags(flagList(p, "env"), ctx.env);
    const fileEnv: string[] = [];
    for (const f of flagList(p, "env-file")) {
      const parsed = parseEnvFile(ctx.fs, ctx.cwd, f, ctx.env);
      if (!parsed.ok) return runStyleError(this.path, parsed.error);
      fileEnv.push(...parsed.value);
    }
    const binds: BindSpec[] = [];
    const tmpfs: { target: string; options: string; viaMountFlag: boolean; mode: number | undefined }[] = [];
    for (const v of flagList(p, "volume")) {
      const parsed = parseVolumeFlag(v, ctx.cwd, () => ctx.engine.ids.hex(64));
      if (!parsed.ok) return runDaemonError(this.path, DaemonErrors.invalidVolumeSpec(parsed.error));
      binds.push(parsed.value);
    }
    for (const m of flagList(p, "mount")) {
      const parsed = parseMountFlag(m, ctx.cwd);
      if (!parsed.ok) return result("", `${parsed.error}\n\nUsage:  ${RUN_USAGE}\n\nRun 'docker run --help' for more information\n`, 125);
      if (parsed.value.kind === "tmpfs") tmpfs.push({ target: parsed.value.target, options: "", viaMountFlag: true, mode: parsed.value.mode });
      else binds.push(parsed.value.bind);
    }
    let nextEphemeral = 32768;
    const published = parsePublishFlags(flagList(p, "publish"), () => nextEphemeral++);
    if (!published.ok) return result("", `${published.error}\n\nUsage:  ${RUN_USAGE}\n\nRun 'docker run --help' for more information\n`, 125);
    for (const t of flagList(p, "tmpfs")) tmpfs.push({ ...parseTmpfsFlag(t), viaMountFlag: false });
    let pulled: { image: Image; stderr: string };
    const quiet = flagBool(p, "quiet");
    try {
      if (pull === "never" && !ctx.engine.images.find(imageRef)) throw DaemonErrors.noSuchImage(normalizeReference(imageRef));
      pulled = pull === "always" ? pullAlways(ctx, imageRef) : ensureImage(ctx, imageRef);
      if (quiet) pulled = { ...pulled, stderr: "" };
    } catch (e) {
      if (e instanceof DaemonError) {
        const before = pull === "missing" && !quiet ? `Unable to find image '${normalizeReference(imageRef)}' locally\n` : "";
        return runDaemonError(this.path, e, 125, before);
      }
      throw e;
    }
    const labels = labelsFrom(flagList(p, "label"));
    const entrypoint = flagString(p, "entrypoint");
    let container: Container;
    try {
      container = ctx.engine.containers.create({
        image: pulled.image,
        imageRef,
        name: flagString(p, "name"),
        env: [...fileEnv, ...env],
        cmd,
        entrypoint: entrypoint !== undefined ? (entrypoint ? [entrypoint] : []) : undefined,
        workdir: flagString(p, "workdir"),
        binds,
        tmpfs,
        labels,
        autoRemove: flagBool(p, "rm"),
        portBindings: published.value,
        user: flagString(p, "user"),
        network: flagString(p, "network") ?? flagString(p, "net"),
        readOnly: flagBool(p, "read-only"),
        extraHosts,
        cidFile,
        hostname: flagString(p, "hostname"),
      });
    } catch (e) {
      if (e instanceof DaemonError) return runDaemonError(this.path, e, 125, pulled.stderr);
      throw e;
    }
    // docker/cli writes the id as soon as the daemon created the container.
    if (cidFile) ctx.fs.writeFile(resolvePath(ctx.cwd, cidFile), container.id);
    const started = await ctx.engine.containers.start(container);
    if (started.outcome === "failed") {
      return runDaemonError(this.path, container.error, started.result.exitCode, pulled.stderr);
    }
    // The pull progress reaches the terminal before anything the container prints.
    const first = { stderrFirst: pulled.stderr !== "" };
    if (flagBool(p, "detach")) return { ...result(`${container.id}\n`, pulled.stderr), ...first };
    return { ...result(started.result.stdout, pulled.stderr + started.result.stderr, started.outcome === "exited" ? started.result.exitCode : 0), ...first };
  },
};

function matchesFilter(c: Container, filter: string): boolean {
  const eq = filter.indexOf("=");
  const key = filter.slice(0, eq);
  const value = filter.slice(eq + 1);
  if (key === "name") return c.name.includes(value.replace(/^\//, ""));
  if (key === "status") return c.status === value;
  if (key === "id") return c.id.startsWith(value);
  if (key === "ancestor") return c.config.Image === value || c.image.repoTags.includes(normalizeReference(value));
  if (key === "label") {
    const [lk, lv] = value.split("=");
    return lk! in c.config.Labels && (lv === undefined || c.config.Labels[lk!] === lv);
  }
  return true;
}

export const psCommand: DockerSubcommand = {
  path: "docker ps",
  usage: "docker ps [OPTIONS]",
  short: "List containers",
  args: { max: 0 },
  flags: [
    { name: "all", short: "a", kind: "bool", description: "Show all containers (default shows just running)" },
    { name: "filter", short: "f", kind: "list", description: "Filter output based on conditions provided" },
    { name: "format", kind: "string", description: "Format output using a custom template" },
    { name: "no-trunc", kind: "bool", description: "Don't truncate output" },
    { name: "quiet", short: "q", kind: "bool", description: "Only display container IDs" },
  ],
  run(p, ctx) {
    const now = ctx.engine.clock.now();
    const trunc = !flagBool(p, "no-trunc");
    let list = ctx.engine.containers.list(flagBool(p, "all"));
    for (const f of flagList(p, "filter")) list = list.filter((c) => matchesFilter(c, f));
    if (flagBool(p, "quiet")) return result(list.map((c) => `${trunc ? shortId(c.id) : c.id}\n`).join(""));
    const rows = list.map((c) => {
      const command = [c.path, ...c.args].join(" ");
      return {
        ID: trunc ? shortId(c.id) : c.id,
        Image: trunc ? c.config.Image.replace(/@sha256:[0-9a-f]+$/, "") : c.config.Image,
        Command: JSON.stringify(trunc ? ellipsis(command, 20) : command),
        CreatedAt: c.created.toISOString(),
        RunningFor: since(c.created, now),
        Status: containerStatus(c, now),
        State: c.status,
        Ports: portsColumn(c),
        Names: c.name,
        Labels: Object.entries(c.config.Labels).map(([k, v]) => `${k}=${v}`).join(","),
        // A method in docker's ContainerContext: `{{.Label "com.example.k"}}`.
        Label: (key: unknown) => c.config.Labels[String(key)] ?? "",
      };
    });
    return rowsResult(
      renderRows({
        rows,
        format: flagString(p, "format"),
        defaultFormat: "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}",
        headers: { ID: "CONTAINER ID", Image: "IMAGE", Command: "COMMAND", CreatedAt: "CREATED AT", RunningFor: "CREATED", Status: "STATUS", State: "STATE", Ports: "PORTS", Names: "NAMES", Labels: "LABELS", Label: "LABEL", Mounts: "MOUNTS", Networks: "NETWORKS", Size: "SIZE" },
        typeName: "*formatter.ContainerContext",
      }),
    );
  },
};

export const execCommand: DockerSubcommand = {
  path: "docker exec",
  usage: "docker exec [OPTIONS] CONTAINER COMMAND [ARG...]",
  short: "Execute a command in a running container",
  interspersed: false,
  args: { min: 2 },
  flags: [
    { name: "detach", short: "d", kind: "bool", description: "Detached mode: run command in the background" },
    { name: "env", short: "e", kind: "list", description: "Set environment variables" },
    { name: "interactive", short: "i", kind: "bool", description: "Keep STDIN open even if not attached" },
    { name: "tty", short: "t", kind: "bool", description: "Allocate a pseudo-TTY" },
    { name: "user", short: "u", kind: "string", description: 'Username or UID (format: "<name|uid>[:<group|gid>]")' },
    { name: "workdir", short: "w", kind: "string", description: "Working directory inside the container" },
  ],
  async run(p, ctx) {
    const [ref, ...argv] = p.positionals as [string, ...string[]];
    const c = ctx.engine.containers.get(ref);
    const env = resolveEnvFlags(flagList(p, "env"), ctx.env).map((e): [string, string] => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]);
    const r = await ctx.engine.containers.exec(c, argv, { env, workdir: flagString(p, "workdir"), user: flagString(p, "user") });
    return r;
  },
};

export const logsCommand: DockerSubcommand = {
  path: "docker logs",
  usage: "docker logs [OPTIONS] CONTAINER",
  short: "Fetch the logs of a container",
  args: { min: 1, max: 1 },
  flags: [
    { name: "follow", short: "f", kind: "bool", description: "Follow log output" },
    { name: "tail", short: "n", kind: "string", description: 'Number of lines to show from the end of the logs (default "all")' },
    { name: "timestamps", short: "t", kind: "bool", description: "Show timestamps" },
  ],
  run(p, ctx) {
    const c = ctx.engine.containers.get(p.positionals[0]!);
    let stdout = "";
    let stderr = "";
    for (const l of c.logs) {
      if (l.stream === "stdout") stdout += l.text;
      else stderr += l.text;
    }
    return result(stdout, stderr);
  },
};

function eachContainer(refs: readonly string[], ctx: DockerCliContext, action: (c: Container) => void): Promise<CommandResult> {
  return eachRefResult(refs, (ref) => action(ctx.engine.containers.get(ref)));
}

export const stopCommand: DockerSubcommand = {
  path: "docker stop",
  usage: "docker stop [OPTIONS] CONTAINER [CONTAINER...]",
  short: "Stop one or more running containers",
  args: { min: 1 },
  flags: [{ name: "time", short: "t", kind: "string", description: "Seconds to wait before killing the container" }],
  run(p, ctx) {
    return eachContainer(p.positionals, ctx, (c) => ctx.engine.containers.stop(c));
  },
};

export const startCommand: DockerSubcommand = {
  path: "docker start",
  usage: "docker start [OPTIONS] CONTAINER [CONTAINER...]",
  short: "Start one or more stopped containers",
  args: { min: 1 },
  flags: [{ name: "attach", short: "a", kind: "bool", description: "Attach STDOUT/STDERR and forward signals" }],
  async run(p, ctx) {
    return eachRefResult(
      p.positionals,
      async (ref) => {
        const c = ctx.engine.containers.get(ref);
        if (c.status !== "running") await ctx.engine.containers.start(c);
      },
      `Error: failed to start containers: ${p.positionals.join(", ")}
`,
    );
  },
};

export const rmCommand: DockerSubcommand = {
  path: "docker rm",
  usage: "docker rm [OPTIONS] CONTAINER [CONTAINER...]",
  short: "Remove one or more containers",
  args: { min: 1 },
  flags: [
    { name: "force", short: "f", kind: "bool", description: "Force the removal of a running container (uses SIGKILL)" },
    { name: "volumes", short: "v", kind: "bool", description: "Remove anonymous volumes associated with the container" },
  ],
  run(p, ctx) {
    return eachContainer(p.positionals, ctx, (c) => ctx.engine.containers.remove(c, flagBool(p, "force")));
  },
};

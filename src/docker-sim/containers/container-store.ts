/**
 * Containers: create (with env, binds, volumes, tmpfs and secret files), start, stop, remove,
 * exec, logs. The host file system is shared with the learner's shell, so a bind-mounted file
 * that changes on the host changes inside the container too (rotation without restart).
 */
import { LayeredFs, type FsMount } from "../fs/layered-fs.ts";
import { MemoryFs } from "../fs/memory-fs.ts";
import { VirtualFs } from "../fs/virtual-fs.ts";
import { collectFiles, type FileSystem } from "../fs/file-system.ts";
import type { Clock } from "../engine/clock.ts";
import { DaemonErrors } from "../engine/errors.ts";
import type { IdSource } from "../engine/ids.ts";
import type { Image } from "../images/image.ts";
import type { CommandResult } from "../shell/types.ts";
import { mergeEnv, processEnv, shortId, type Container, type HostMountSpec, type MountPoint } from "./container.ts";
import type { NetworkStore } from "../networks/network-store.ts";
import { containerShell, processUser, runProgram, startProcess, type AppLaunch, type AppRunner } from "./process-runner.ts";

export interface BindSpec {
  kind: "bind" | "volume";
  /** Host path (bind) or volume name. */
  source: string;
  target: string;
  readOnly: boolean;
  /** The `-v` mode text ("ro", "rw", "" ) or undefined for `--mount`. */
  mode: string | undefined;
  /** The original `-v` text, for HostConfig.Binds. */
  spec: string | undefined;
}

export interface SecretFileSpec {
  target: string;
  content: string;
  mode: number;
  uid: number;
  gid: number;
}

export interface CreateContainerOptions {
  image: Image;
  imageRef: string;
  name?: string;
  env?: readonly string[];
  cmd?: readonly string[];
  entrypoint?: readonly string[];
  workdir?: string;
  binds?: readonly BindSpec[];
  /** `mode` unset: the kernel's tmpfs default, 1777 (world-writable, sticky), as the run reference says. */
  tmpfs?: readonly { target: string; options: string; viaMountFlag: boolean; mode?: number | undefined }[];
  /** Files on their own tmpfs (swarm secrets, compose environment secrets). */
  secretFiles?: readonly SecretFileSpec[];
  labels?: Record<string, string>;
  autoRemove?: boolean;
  /** `-p` bindings by container port ("80/tcp"). */
  portBindings?: Record<string, { HostIp: string; HostPort: string }[]>;
  /** `--user`: replaces the image's USER in Config.User. */
  user?: string;
  swarmTask?: Container["swarmTask"];
  /** `--network` (default "bridge"); checked when the container starts, as Docker 28 does. */
  network?: string;
  readOnly?: boolean;
  /** `--add-host name:ip`, appended to the container's /etc/hosts. */
  extraHosts?: readonly string[];
  cidFile?: string;
  hostname?: string;
}

export class ContainerStore {
  private readonly containers = new Map<string, Container>();
  private readonly volumes = new Map<string, MemoryFs>();
  /** When each volume was created and its labels (`docker volume inspect`). */
  private readonly volumeMeta = new Map<string, { created: Date; labels: Record<string, string>; anonymous: boolean }>();
  appRunner: AppRunner | undefined;

  constructor(
    private readonly host: FileSystem,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    readonly networks: NetworkStore,
  ) {}

  list(all = false): Container[] {
    const cs = [...this.containers.values()].sort((a, b) => b.created.getTime() - a.created.getTime());
    return all ? cs : cs.filter((c) => c.status === "running");
  }

  find(ref: string): Container | undefined {
    const byName = [...this.containers.values()].find((c) => c.name === ref.replace(/^\//, ""));
    if (byName) return byName;
    if (/^[0-9a-f]+$/.test(ref)) {
      const matches = [...this.containers.values()].filter((c) => c.id.startsWith(ref));
      if (matches.length === 1) return matches[0];
    }
    return undefined;
  }

  get(ref: string): Container {
    const c = this.find(ref);
    if (!c) throw DaemonErrors.noSuchContainer(ref);
    return c;
  }

  volumeNames(): string[] {
    return [...this.volumes.keys()].sort();
  }

  /** `docker volume create [NAME]`: an existing name is simply returned, as the local driver does. */
  createVolume(name: string | undefined, labels: Record<string, string> = {}): string {
    const n = name ?? this.ids.hex(64);
    if (!this.volumes.has(n)) {
      this.volumes.set(n, new MemoryFs(() => this.clock.now()));
      this.volumeMeta.set(n, { created: this.clock.now(), labels, anonymous: name === undefined });
    }
    return n;
  }

  volumeInfo(name: string): { name: string; created: Date; labels: Record<string, string>; anonymous: boolean } {
    if (!this.volumes.has(name)) throw DaemonErrors.noSuchVolume(name);
    const meta = this.volumeMeta.get(name) ?? { created: this.clock.now(), labels: {}, anonymous: false };
    return { name, ...meta };
  }

  /** Containers (running or not) that mount the volume: the daemon refuses to remove it while any exist. */
  volumeUsers(name: string): Container[] {
    return [...this.containers.values()].filter((c) => c.mounts.some((m) => m.Type === "volume" && m.Name === name));
  }

  removeVolume(name: string, force = false): void {
    this.volumeInfo(name);
    const users = this.volumeUsers(name);
    if (users.length && !force) throw DaemonErrors.volumeInUse(name, users.map((c) => c.id));
    this.volumes.delete(name);
    this.volumeMeta.delete(name);
  }

  create(options: CreateContainerOptions): Container {
    const name = options.name ?? this.uniqueName();
    const clash = this.find(name);
    if (options.name && clash && clash.name === name) {
      throw DaemonErrors.containerNameInUse(name, clash.id);
    }
    const id = this.ids.hex(64);
    const image = options.image;
    const mounts: FsMount[] = [];
    const mountPoints: MountPoint[] = [];
    const hostMounts: HostMountSpec[] = [];
    const binds: string[] = [];
    const tmpfs: Record<string, string> = {};

    for (const b of options.binds ?? []) {
      if (b.kind === "bind") {
        if (!this.host.stat(b.source)) {
          if (b.spec === undefined) throw DaemonErrors.bindSourceMissing(b.source);
          // `-v` creates a missing host path as a directory (a classic surprise).
          this.host.mkdir(b.source, { parents: true });
        }
        mounts.push({ target: b.target, fs: this.host, sourcePath: b.source, readOnly: b.readOnly });
        mountPoints.push({ Type: "bind", Source: b.source, Destination: b.target, Mode: b.mode ?? "", RW: !b.readOnly, Propagation: "rprivate" });
      } else {
        if (!this.volumes.has(b.source)) this.createVolume(b.source);
        const vol = this.volumes.get(b.source)!;
        mounts.push({ target: b.target, fs: vol, sourcePath: "/", readOnly: b.readOnly });
        mountPoints.push({ Type: "volume", Name: b.source, Source: `/var/lib/docker/volumes/${b.source}/_data`, Destination: b.target, Driver: "local", Mode: b.mode ?? "z", RW: !b.readOnly, Propagation: "" });
      }
      if (b.spec !== undefined) binds.push(b.spec);
      else hostMounts.push({ Type: b.kind, Source: b.source, Target: b.target, ...(b.readOnly ? { ReadOnly: true } : {}) });
    }
    for (const t of options.tmpfs ?? []) {
      const tmp = new MemoryFs(() => this.clock.now());
      tmp.chmod("/", t.mode ?? 0o1777);
      mounts.push({ target: t.target, fs: tmp, sourcePath: "/", readOnly: false });
      if (t.viaMountFlag) {
        hostMounts.push({ Type: "tmpfs", Target: t.target });
        mountPoints.push({ Type: "tmpfs", Source: "", Destination: t.target, Mode: "", RW: true, Propagation: "" });
      } else tmpfs[t.target] = t.options;
    }
    for (const s of options.secretFiles ?? []) {
      const tmp = new MemoryFs(() => this.clock.now());
      tmp.writeFile("/secret", s.content, { mode: s.mode, uid: s.uid, gid: s.gid });
      mounts.push({ target: s.target, fs: tmp, sourcePath: "/", readOnly: true });
      mounts.at(-1)!.sourcePath = "/secret";
    }

    const entrypoint = options.entrypoint ? [...options.entrypoint] : image.config.Entrypoint;
    // An explicit --entrypoint drops the image's CMD, as docker does.
    const cmd = options.cmd && options.cmd.length ? [...options.cmd] : options.entrypoint ? null : image.config.Cmd;
    const argv = [...(entrypoint ?? []), ...(cmd ?? [])];
    const hostname = options.hostname ?? shortId(id);
    const container: Container = {
      id,
      name,
      image,
      created: this.clock.now(),
      status: "created",
      exitCode: 0,
      error: "",
      startedAt: undefined,
      finishedAt: undefined,
      path: argv[0] ?? "",
      args: argv.slice(1),
      config: {
        Hostname: hostname,
        User: options.user ?? image.config.User,
        Env: mergeEnv(options.env ?? [], image.config.Env),
        Cmd: cmd,
        Entrypoint: entrypoint,
        Image: options.imageRef,
        WorkingDir: options.workdir ?? image.config.WorkingDir,
        Labels: { ...(image.config.Labels ?? {}), ...(options.labels ?? {}) },
      },
      hostConfig: {
        Binds: binds.length ? binds : null,
        PortBindings: options.portBindings ?? {},
        Tmpfs: Object.keys(tmpfs).length ? tmpfs : undefined,
        Mounts: hostMounts.length ? hostMounts : undefined,
        AutoRemove: options.autoRemove ?? false,
        NetworkMode: options.network ?? "bridge",
        ReadonlyRootfs: options.readOnly ?? false,
        ExtraHosts: options.extraHosts?.length ? [...options.extraHosts] : null,
        ContainerIDFile: options.cidFile ?? "",
      },
      mounts: mountPoints,
      fs: new LayeredFs(image.layers, mounts, () => this.clock.now()),
      logs: [],
      swarmTask: options.swarmTask,
      endpoint: undefined,
    };
    // /proc/1/environ is the main process's: readable by its user (and root), nobody else.
    const procOwner = (): { uid: number; gid: number } => {
      const user = processUser(container);
      return user.ok ? { uid: user.value.uid, gid: user.value.gid } : { uid: 0, gid: 0 };
    };
    container.fs.addMount({ target: "/proc", fs: new VirtualFs(() => this.procFiles(container), procOwner), sourcePath: "/", readOnly: true });
    try {
      container.fs.writeFile("/etc/hostname", `${hostname}\n`, { parents: true });
      const extra = (options.extraHosts ?? []).map((h) => {
        const i = h.indexOf(":");
        return `${h.slice(i + 1)}\t${h.slice(0, i)}\n`;
      });
      container.fs.writeFile("/etc/hosts", `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${extra.join("")}`, { parents: true });
    } catch {
      // Images without /etc (scratch) simply have no hostname file.
    }
    // Written last: a read-only root refuses the learner's writes, not the daemon's own files.
    container.fs.readOnlyRoot = options.readOnly ?? false;
    this.containers.set(id, container);
    return container;
  }

  /** HOME of the main process's user (Config.User), as the runtime sets it. */
  private mainHome(c: Container): string {
    const user = processUser(c);
    return user.ok ? user.value.home : "/root";
  }

  /** /proc as seen from inside: PID 1 is the main process. */
  private procFiles(c: Container): Map<string, string> {
    const files = new Map<string, string>();
    if (c.status !== "running") return files;
    const environ = processEnv(c, this.mainHome(c)).map(([k, v]) => `${k}=${v}\u0000`).join("");
    const cmdline = [c.path, ...c.args].map((a) => `${a}\u0000`).join("");
    files.set("/1/environ", environ);
    files.set("/1/cmdline", cmdline);
    files.set("/self/environ", environ);
    return files;
  }

  /** The hand-off to the TypeScript runtime: the container's process view. */
  appLaunch(c: Container): AppLaunch {
    const files: Record<string, string> = {};
    for (const [path, content] of collectFiles(c.fs, "/")) if (!path.startsWith("/proc/")) files[path] = content;
    return {
      containerId: c.id,
      containerName: c.name,
      argv: [c.path, ...c.args].filter((a) => a !== ""),
      env: Object.fromEntries(processEnv(c, this.mainHome(c))),
      files,
      workingDir: c.config.WorkingDir || "/",
    };
  }

  /**
   * Start the main process; returns its output (for a foreground `docker run`).
   * "failed": the daemon refused to start it (no such executable, no such user); `c.error` says
   * why, and the result's exit code is the one `docker run` exits with (127, 125).
   */
  async start(c: Container): Promise<{ outcome: "exited" | "running" | "failed"; result: CommandResult }> {
    const network = this.networks.find(c.hostConfig.NetworkMode);
    if (!network) {
      c.exitCode = 125;
      c.error = DaemonErrors.containerNetworkNotFound(c.hostConfig.NetworkMode).message;
      return { outcome: "failed", result: { stdout: "", stderr: "", exitCode: 125 } };
    }
    const ep = this.networks.connect(network, c.id, c.name);
    c.endpoint = { networkName: network.name, networkId: network.id, endpointId: ep.endpointId, gateway: network.gateway, ipv4: ep.ipv4, mac: ep.mac };
    c.status = "running";
    c.startedAt = this.clock.now();
    c.finishedAt = undefined;
    const out = await startProcess(c, () => this.appLaunch(c), this.appRunner);
    if (out.kind === "not-found" || out.kind === "denied" || out.kind === "no-user") {
      this.release(c);
      c.status = "created";
      // docker/cli's toStatusError: "executable file not found" is 127, "permission denied" 126.
      c.exitCode = out.kind === "not-found" ? 127 : out.kind === "denied" ? 126 : 125;
      const runc = "failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init:";
      c.error =
        out.kind === "not-found"
          ? `${runc} exec: "${out.program}": executable file not found in $PATH: unknown`
          : out.kind === "denied"
            ? `${runc} exec: "${out.program}": permission denied: unknown`
            : out.error;
      return { outcome: "failed", result: { stdout: "", stderr: "", exitCode: c.exitCode } };
    }
    const stdout = out.kind === "exited" ? out.result.stdout : out.stdout;
    const stderr = out.kind === "exited" ? out.result.stderr : out.stderr;
    if (stdout) c.logs.push({ stream: "stdout", text: stdout });
    if (stderr) c.logs.push({ stream: "stderr", text: stderr });
    if (out.kind === "exited") {
      this.release(c);
      c.status = "exited";
      c.exitCode = out.result.exitCode;
      c.finishedAt = this.clock.now();
      if (c.hostConfig.AutoRemove) this.containers.delete(c.id);
      return { outcome: "exited", result: out.result };
    }
    return { outcome: "running", result: { stdout, stderr, exitCode: 0 } };
  }

  /** A stopped container gives its endpoint back (a network with only stopped containers can go). */
  private release(c: Container): void {
    this.networks.disconnectAll(c.id);
    c.endpoint = undefined;
  }

  stop(c: Container): void {
    if (c.status !== "running") return;
    this.release(c);
    c.status = "exited";
    // SIGTERM, then SIGKILL: most demo servers end with 137 or 0; nginx quits cleanly.
    c.exitCode = c.path.includes("nginx") || c.args.includes("nginx") ? 0 : 137;
    c.finishedAt = this.clock.now();
    if (c.hostConfig.AutoRemove) this.containers.delete(c.id);
  }

  remove(c: Container, force = false): void {
    if (c.status === "running" && !force) {
      throw DaemonErrors.containerRunning(c.name);
    }
    this.release(c);
    this.containers.delete(c.id);
  }

  /** `user`: the exec's --user; without it the process runs as Config.User, like the main one. */
  async exec(c: Container, argv: readonly string[], options: { env?: readonly [string, string][]; workdir?: string; user?: string } = {}): Promise<CommandResult> {
    if (c.status !== "running") throw DaemonErrors.containerNotRunning(c.id);
    const user = processUser(c, options.user ?? c.config.User);
    if (!user.ok) throw DaemonErrors.invalidUser(user.error);
    const shell = containerShell(c, options.env, user.value);
    if (options.workdir) shell.setCwd(options.workdir);
    const result = await runProgram(shell, argv);
    if (!result) {
      return {
        stdout: "",
        stderr: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown\n`,
        exitCode: 126,
      };
    }
    return result;
  }

  private uniqueName(): string {
    for (;;) {
      const n = this.ids.containerName();
      if (!this.find(n)) return n;
    }
  }
}

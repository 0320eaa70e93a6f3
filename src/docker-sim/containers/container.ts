/** A container as the engine stores it, and the environment its process gets. */
import type { LayeredFs } from "../fs/layered-fs.ts";
import type { Image } from "../images/image.ts";

export type ContainerStatus = "created" | "running" | "exited";

/** One entry of `docker inspect` `.Mounts`. */
export interface MountPoint {
  Type: "bind" | "volume" | "tmpfs";
  Name?: string;
  Source: string;
  Destination: string;
  Driver?: string;
  Mode: string;
  RW: boolean;
  Propagation: string;
}

/** `HostConfig.Mounts` entries (from `--mount`). */
export interface HostMountSpec {
  Type: "bind" | "volume" | "tmpfs";
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
}

export interface ContainerConfig {
  Hostname: string;
  User: string;
  Env: string[];
  Cmd: string[] | null;
  Entrypoint: string[] | null;
  Image: string;
  WorkingDir: string;
  Labels: Record<string, string>;
}

export interface ContainerHostConfig {
  Binds: string[] | null;
  /** `-p`: container port ("80/tcp") -> host bindings, as inspect shows them. */
  PortBindings: Record<string, { HostIp: string; HostPort: string }[]>;
  Tmpfs: Record<string, string> | undefined;
  Mounts: HostMountSpec[] | undefined;
  AutoRemove: boolean;
  /** `--network`: "bridge" by default, "host", "none" or a network's name or id. */
  NetworkMode: string;
  /** `--read-only`. */
  ReadonlyRootfs: boolean;
  /** `--add-host host:ip` entries as given (written to /etc/hosts at create). */
  ExtraHosts: string[] | null;
  /** `--cidfile`. */
  ContainerIDFile: string;
}

/** The endpoint a running container has on its network (cleared when it stops). */
export interface ContainerEndpoint {
  networkName: string;
  networkId: string;
  endpointId: string;
  gateway: string;
  /** "172.17.0.2/16", or "" on host and none. */
  ipv4: string;
  mac: string;
}

export interface LogLine {
  stream: "stdout" | "stderr";
  text: string;
}

export interface SwarmTaskInfo {
  serviceId: string;
  serviceName: string;
  taskId: string;
  slot: number;
}

export interface Container {
  id: string;
  name: string;
  image: Image;
  created: Date;
  status: ContainerStatus;
  exitCode: number;
  error: string;
  startedAt: Date | undefined;
  finishedAt: Date | undefined;
  /** The process: `Path` and `Args` in inspect. */
  path: string;
  args: string[];
  config: ContainerConfig;
  hostConfig: ContainerHostConfig;
  mounts: MountPoint[];
  fs: LayeredFs;
  logs: LogLine[];
  swarmTask: SwarmTaskInfo | undefined;
  endpoint: ContainerEndpoint | undefined;
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, "").slice(0, 12);
}

/**
 * The process environment, built as the daemon does: PATH and HOSTNAME first, then Config.Env
 * (replacing same-named entries), then HOME if the image and user set none: the runtime takes it
 * from the process user's passwd entry (/root for root).
 */
export function processEnv(c: Container, home = "/root"): [string, string][] {
  const env: [string, string][] = [
    ["PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
    ["HOSTNAME", c.config.Hostname],
  ];
  for (const e of c.config.Env) {
    const eq = e.indexOf("=");
    const key = eq === -1 ? e : e.slice(0, eq);
    const value = eq === -1 ? "" : e.slice(eq + 1);
    const idx = env.findIndex(([k]) => k === key);
    if (idx === -1) env.push([key, value]);
    else env[idx] = [key, value];
  }
  if (!env.some(([k]) => k === "HOME")) env.push(["HOME", home]);
  return env;
}

/** Merge `-e` values over the image's Env: user entries first, image entries not overridden after. */
export function mergeEnv(user: readonly string[], image: readonly string[]): string[] {
  if (user.length === 0) return [...image];
  const keys = new Set(user.map((e) => e.split("=")[0]));
  return [...user, ...image.filter((e) => !keys.has(e.split("=")[0]))];
}

/** The PORTS column of `docker ps`: published ports (IPv4 and IPv6, as Docker 28 binds both), then exposed ones. */
export function portsColumn(c: Container): string {
  if (c.status !== "running") return "";
  const ports = new Set([...Object.keys(c.image.config.ExposedPorts ?? {}), ...Object.keys(c.hostConfig.PortBindings)]);
  const out: string[] = [];
  for (const port of [...ports].sort((a, b) => parseInt(a) - parseInt(b))) {
    const bindings = c.hostConfig.PortBindings[port];
    if (!bindings?.length) out.push(port);
    for (const b of bindings ?? []) {
      if (b.HostIp) out.push(`${b.HostIp}:${b.HostPort}->${port}`);
      else out.push(`0.0.0.0:${b.HostPort}->${port}`, `[::]:${b.HostPort}->${port}`);
    }
  }
  return out.join(", ");
}

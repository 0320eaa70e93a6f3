/**
 * A single-node swarm: secrets (immutable, at most 500 KB, never readable back through the API)
 * and replicated services whose task containers get each secret as a file on a tmpfs at
 * `/run/secrets/<target>`. Updating a service's secrets replaces its tasks, as swarm does.
 */
import type { Clock } from "../engine/clock.ts";
import { DaemonErrors } from "../engine/errors.ts";
import type { IdSource } from "../engine/ids.ts";
import { byteLength } from "../fs/file-system.ts";
import type { Image } from "../images/image.ts";
import type { Container } from "../containers/container.ts";
import type { BindSpec, ContainerStore } from "../containers/container-store.ts";
import type { NetworkStore } from "../networks/network-store.ts";

/** swarmkit's MaxSecretSize: 500 KiB. */
export const MAX_SECRET_SIZE = 500 * 1024;
/** swarmkit's MaxConfigSize: 1000 KiB. */
export const MAX_CONFIG_SIZE = 1000 * 1024;
const SECRET_NAME = /^[a-zA-Z0-9]+(?:[a-zA-Z0-9-_.]*[a-zA-Z0-9])?$/;

export interface SwarmSecret {
  id: string;
  name: string;
  /** The value: kept in the (simulated) Raft store, never returned by inspect or ls. */
  data: string;
  labels: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** A config: like a secret, but readable back (`docker config inspect` shows Spec.Data). */
export type SwarmConfig = SwarmSecret;

export interface ConfigReference {
  configId: string;
  configName: string;
  /** Absolute path in the container; `/<name>` by default. */
  target: string;
  uid: string;
  gid: string;
  mode: number;
}

export interface SecretReference {
  secretId: string;
  secretName: string;
  /** File name under /run/secrets (or an absolute path). */
  target: string;
  uid: string;
  gid: string;
  mode: number;
}

export interface ServiceTask {
  id: string;
  slot: number;
  container: Container;
  desiredState: "running" | "shutdown";
  createdAt: Date;
  updatedAt: Date;
}

export interface ServiceSpec {
  name: string;
  image: Image;
  imageRef: string;
  env: string[];
  args: string[] | undefined;
  secrets: SecretReference[];
  replicas: number;
  labels: Record<string, string>;
  /** `--mode global` runs one task per node: here, one. */
  mode?: "replicated" | "global";
  configs?: ConfigReference[];
  /** Swarm-scoped networks the tasks join, by id and name. */
  networks?: { id: string; name: string }[];
  hostname?: string;
  mounts?: BindSpec[];
  tmpfs?: { target: string; mode: number | undefined }[];
  /** `-p published:target[/proto]`: the routing mesh's ports (ingress mode). */
  ports?: { published: number; target: number; protocol: string }[];
  /** UpdateConfig: Parallelism, Delay (ns), Order. */
  update?: { parallelism: number; delay: number; order: "stop-first" | "start-first" };
}

export interface Service {
  id: string;
  spec: ServiceSpec;
  previousSpec: ServiceSpec | undefined;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  tasks: ServiceTask[];
}

/**
 * docker/cli's list order (fvbommel/sortorder NaturalLess): runs of digits compare as numbers,
 * everything else byte by byte, so "my-web" sorts before "my_web" and "web2" before "web10".
 */
export function naturalCompare(a: string, b: string): number {
  const chunks = (x: string): string[] => x.match(/\d+|\D+/g) ?? [];
  const ca = chunks(a);
  const cb = chunks(b);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i]!;
    const y = cb[i]!;
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) return Number(x) - Number(y) || x.length - y.length;
    return x < y ? -1 : 1;
  }
  return ca.length - cb.length;
}

export class Swarm {
  nodeId: string | undefined;
  nodeHostname = "docker-desktop";
  advertiseAddr = "192.168.65.3";
  joinToken = "";
  /** The manager join token shares the cluster part of the worker token, as swarmkit's do. */
  managerToken = "";
  private readonly secrets = new Map<string, SwarmSecret>();
  private readonly configs = new Map<string, SwarmConfig>();
  private readonly services = new Map<string, Service>();
  private index = 10;

  constructor(
    private readonly containers: ContainerStore,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly networks: NetworkStore,
  ) {}

  get active(): boolean {
    return this.nodeId !== undefined;
  }

  init(advertiseAddr?: string): void {
    if (this.active) {
      throw DaemonErrors.alreadyInSwarm();
    }
    this.nodeId = this.ids.swarmId();
    if (advertiseAddr) this.advertiseAddr = advertiseAddr.replace(/:\d+$/, "");
    const cluster = this.ids.token(50);
    this.joinToken = `SWMTKN-1-${cluster}-${this.ids.token(25)}`;
    this.managerToken = `SWMTKN-1-${cluster}-${this.ids.token(25)}`;
    this.networks.joinSwarm();
  }

  leave(force: boolean): void {
    if (!this.active) throw DaemonErrors.notInSwarm();
    if (!force) {
      throw DaemonErrors.lastManagerLeaving();
    }
    for (const s of [...this.services.values()]) this.removeService(s);
    this.secrets.clear();
    this.configs.clear();
    this.networks.leaveSwarm();
    this.nodeId = undefined;
  }

  private requireManager(): void {
    if (!this.active) throw DaemonErrors.notSwarmManager();
  }

  // ---- secrets -------------------------------------------------------------------------------

  createSecret(name: string, data: string, labels: Record<string, string> = {}): SwarmSecret {
    this.requireManager();
    if (name.length > 64 || !SECRET_NAME.test(name)) {
      throw DaemonErrors.invalidObjectName();
    }
    const size = byteLength(data);
    if (size >= MAX_SECRET_SIZE || size < 1) {
      throw DaemonErrors.secretSize(MAX_SECRET_SIZE);
    }
    if ([...this.secrets.values()].some((s) => s.name === name)) throw DaemonErrors.secretExists(name);
    const now = this.clock.now();
    const secret: SwarmSecret = { id: this.ids.swarmId(), name, data, labels, createdAt: now, updatedAt: now, version: ++this.index };
    this.secrets.set(secret.id, secret);
    return secret;
  }

  listSecrets(): SwarmSecret[] {
    this.requireManager();
    return [...this.secrets.values()].sort((a, b) => naturalCompare(a.name, b.name));
  }

  /** By exact id, exact name, then unique id prefix: the daemon's lookup order. */
  findSecret(ref: string): SwarmSecret | undefined {
    this.requireManager();
    const all = [...this.secrets.values()];
    return all.find((s) => s.id === ref) ?? all.find((s) => s.name === ref) ?? (() => {
      const m = all.filter((s) => s.id.startsWith(ref));
      return m.length === 1 ? m[0] : undefined;
    })();
  }

  getSecret(ref: string): SwarmSecret {
    const s = this.findSecret(ref);
    if (!s) throw DaemonErrors.noSuchSecret(ref);
    return s;
  }

  removeSecret(ref: string): void {
    const s = this.getSecret(ref);
    const users = [...this.services.values()].filter((svc) => svc.spec.secrets.some((r) => r.secretId === s.id));
    if (users.length) {
      throw DaemonErrors.secretInUse(s.name, users.map((u) => u.spec.name));
    }
    this.secrets.delete(s.id);
  }

  // ---- configs (swarmkit validates them as it does secrets, with a 1000 KiB limit) ----------

  createConfig(name: string, data: string, labels: Record<string, string> = {}): SwarmConfig {
    this.requireManager();
    if (name.length > 64 || !SECRET_NAME.test(name)) throw DaemonErrors.invalidObjectName();
    const size = byteLength(data);
    if (size >= MAX_CONFIG_SIZE || size < 1) throw DaemonErrors.configSize(MAX_CONFIG_SIZE);
    if ([...this.configs.values()].some((c) => c.name === name)) throw DaemonErrors.configExists(name);
    const now = this.clock.now();
    const config: SwarmConfig = { id: this.ids.swarmId(), name, data, labels, createdAt: now, updatedAt: now, version: ++this.index };
    this.configs.set(config.id, config);
    return config;
  }

  listConfigs(): SwarmConfig[] {
    this.requireManager();
    return [...this.configs.values()].sort((a, b) => naturalCompare(a.name, b.name));
  }

  findConfig(ref: string): SwarmConfig | undefined {
    this.requireManager();
    const all = [...this.configs.values()];
    const prefix = all.filter((c) => c.id.startsWith(ref));
    return all.find((c) => c.id === ref) ?? all.find((c) => c.name === ref) ?? (prefix.length === 1 ? prefix[0] : undefined);
  }

  getConfig(ref: string): SwarmConfig {
    const c = this.findConfig(ref);
    if (!c) throw DaemonErrors.noSuchConfig(ref);
    return c;
  }

  removeConfig(ref: string): void {
    const c = this.getConfig(ref);
    const users = [...this.services.values()].filter((svc) => (svc.spec.configs ?? []).some((r) => r.configId === c.id));
    if (users.length) throw DaemonErrors.configInUse(c.name, users.map((u) => u.spec.name));
    this.configs.delete(c.id);
  }

  // ---- services ------------------------------------------------------------------------------

  listServices(): Service[] {
    this.requireManager();
    return [...this.services.values()].sort((a, b) => naturalCompare(a.spec.name, b.spec.name));
  }

  findService(ref: string): Service | undefined {
    this.requireManager();
    const all = [...this.services.values()];
    return all.find((s) => s.id === ref) ?? all.find((s) => s.spec.name === ref) ?? all.filter((s) => s.id.startsWith(ref)).at(0);
  }

  getService(ref: string): Service {
    const s = this.findService(ref);
    if (!s) throw DaemonErrors.noSuchService(ref);
    return s;
  }

  async createService(spec: ServiceSpec): Promise<Service> {
    this.requireManager();
    if ([...this.services.values()].some((s) => s.spec.name === spec.name)) {
      throw DaemonErrors.serviceExists(spec.name);
    }
    const now = this.clock.now();
    const service: Service = { id: this.ids.swarmId(), spec, previousSpec: undefined, createdAt: now, updatedAt: now, version: ++this.index, tasks: [] };
    this.services.set(service.id, service);
    await this.converge(service);
    return service;
  }

  async updateService(service: Service, spec: ServiceSpec, options: { force?: boolean } = {}): Promise<void> {
    service.previousSpec = service.spec;
    const key = (sp: ServiceSpec): string => JSON.stringify({ ...sp, image: sp.image.id, replicas: 0 });
    const onlyReplicas = !options.force && key(service.spec) === key(spec);
    service.spec = spec;
    service.updatedAt = this.clock.now();
    service.version = ++this.index;
    if (onlyReplicas) {
      // Scaling keeps the running tasks: slots above the count stop, missing slots start.
      for (const t of service.tasks.filter((t) => t.desiredState === "running" && t.slot > this.taskCount(spec))) this.shutdownTask(t);
      await this.converge(service, new Set(service.tasks.filter((t) => t.desiredState === "running").map((t) => t.slot)));
      return;
    }
    // Rolling update: each running task is shut down and a new one started with the new spec.
    for (const t of service.tasks.filter((t) => t.desiredState === "running")) this.shutdownTask(t);
    await this.converge(service);
  }

  /** `docker service rollback`: the previous spec becomes current (and the current one previous). */
  async rollbackService(service: Service): Promise<void> {
    if (!service.previousSpec) throw DaemonErrors.noPreviousSpec(service.spec.name);
    await this.updateService(service, service.previousSpec, { force: true });
  }

  private taskCount(spec: ServiceSpec): number {
    return spec.mode === "global" ? 1 : spec.replicas;
  }

  removeService(service: Service): void {
    for (const t of service.tasks) {
      this.shutdownTask(t);
      try {
        this.containers.remove(t.container, true);
      } catch {
        // already gone
      }
    }
    this.services.delete(service.id);
  }

  private shutdownTask(t: ServiceTask): void {
    t.desiredState = "shutdown";
    t.updatedAt = this.clock.now();
    // The tmpfs with the secrets goes away with the task's container (docs: engine/swarm/secrets).
    this.containers.stop(t.container);
  }

  private async converge(service: Service, running: ReadonlySet<number> = new Set()): Promise<void> {
    for (let slot = 1; slot <= this.taskCount(service.spec); slot++) {
      if (running.has(slot)) continue;
      const taskId = this.ids.swarmId();
      const spec = service.spec;
      const container = this.containers.create({
        image: spec.image,
        imageRef: `${spec.imageRef}@${spec.image.repoDigests[0]?.split("@")[1] ?? spec.image.id}`,
        name: `${spec.name}.${slot}.${taskId}`,
        env: spec.env,
        cmd: spec.args,
        labels: {
          ...spec.labels,
          "com.docker.swarm.node.id": this.nodeId ?? "",
          "com.docker.swarm.service.id": service.id,
          "com.docker.swarm.service.name": spec.name,
          "com.docker.swarm.task": "",
          "com.docker.swarm.task.id": taskId,
          "com.docker.swarm.task.name": `${spec.name}.${slot}.${taskId}`,
        },
        secretFiles: spec.secrets.map((r) => ({
          target: r.target.startsWith("/") ? r.target : `/run/secrets/${r.target}`,
          content: this.secrets.get(r.secretId)?.data ?? "",
          mode: r.mode,
          uid: Number(r.uid),
          gid: Number(r.gid),
        })).concat(
          (spec.configs ?? []).map((r) => ({
            target: r.target,
            content: this.configs.get(r.configId)?.data ?? "",
            mode: r.mode,
            uid: Number(r.uid),
            gid: Number(r.gid),
          })),
        ),
        binds: spec.mounts,
        tmpfs: (spec.tmpfs ?? []).map((t) => ({ target: t.target, options: "", viaMountFlag: true, mode: t.mode })),
        hostname: spec.hostname,
        network: spec.networks?.[0]?.id,
        swarmTask: { serviceId: service.id, serviceName: spec.name, taskId, slot },
      });
      const now = this.clock.now();
      service.tasks.unshift({ id: taskId, slot, container, desiredState: "running", createdAt: now, updatedAt: now });
      await this.containers.start(container);
    }
  }
}

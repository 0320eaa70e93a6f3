/**
 * The daemon's networks: the three a fresh engine has (bridge, host, none), user bridge networks,
 * and once the node is in a swarm the `ingress` overlay, `docker_gwbridge` and user overlays. A
 * container joins one network at start (its endpoint gets the next address of the subnet); nothing
 * is routed: the model is what `docker network ls|inspect` and `docker inspect` show.
 */
import type { Clock } from "../engine/clock.ts";
import { DaemonErrors } from "../engine/errors.ts";
import type { IdSource } from "../engine/ids.ts";

export type NetworkDriver = "bridge" | "host" | "null" | "overlay";

export interface Endpoint {
  containerId: string;
  name: string;
  endpointId: string;
  mac: string;
  ipv4: string;
}

export interface Network {
  id: string;
  name: string;
  driver: NetworkDriver;
  scope: "local" | "swarm";
  created: Date;
  /** "" for host and none, which have no IPAM config. */
  subnet: string;
  gateway: string;
  internal: boolean;
  attachable: boolean;
  ingress: boolean;
  labels: Record<string, string>;
  options: Record<string, string>;
  /** bridge, host, none: the daemon refuses to remove them. */
  predefined: boolean;
  endpoints: Map<string, Endpoint>;
  nextHost: number;
}

const DEFAULT_BRIDGE_OPTIONS = {
  "com.docker.network.bridge.default_bridge": "true",
  "com.docker.network.bridge.enable_icc": "true",
  "com.docker.network.bridge.enable_ip_masquerade": "true",
  "com.docker.network.bridge.host_binding_ipv4": "0.0.0.0",
  "com.docker.network.bridge.name": "docker0",
  "com.docker.network.driver.mtu": "1500",
};

export interface CreateNetworkOptions {
  driver?: string;
  attachable?: boolean;
  internal?: boolean;
  labels?: Record<string, string>;
  subnet?: string;
  gateway?: string;
}

export class NetworkStore {
  private readonly networks = new Map<string, Network>();
  /** Second octet of the next local bridge subnet (172.18.0.0/16, 172.19...), as the default pools go. */
  private nextBridge = 18;
  /** Third octet of the next overlay subnet (10.0.1.0/24...; ingress has 10.0.0.0/24). */
  private nextOverlay = 1;

  constructor(
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {
    this.add({ name: "bridge", driver: "bridge", subnet: "172.17.0.0/16", gateway: "172.17.0.1", options: DEFAULT_BRIDGE_OPTIONS, predefined: true });
    this.add({ name: "host", driver: "host", subnet: "", gateway: "", predefined: true });
    this.add({ name: "none", driver: "null", subnet: "", gateway: "", predefined: true });
  }

  private add(n: Partial<Network> & Pick<Network, "name" | "driver" | "subnet" | "gateway">): Network {
    const network: Network = {
      id: n.scope === "swarm" ? this.ids.swarmId() : this.ids.hex(64),
      scope: "local",
      created: this.clock.now(),
      internal: false,
      attachable: false,
      ingress: false,
      labels: {},
      options: {},
      predefined: false,
      endpoints: new Map(),
      nextHost: 2,
      ...n,
    };
    this.networks.set(network.id, network);
    return network;
  }

  /** By name, as `docker network ls` sorts. */
  list(): Network[] {
    return [...this.networks.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Full id, exact name, then a unique id prefix: moby's FindNetwork order. */
  find(ref: string): Network | undefined {
    const all = [...this.networks.values()];
    const prefix = all.filter((n) => n.id.startsWith(ref));
    return all.find((n) => n.id === ref) ?? all.find((n) => n.name === ref) ?? (prefix.length === 1 ? prefix[0] : undefined);
  }

  get(ref: string): Network {
    const n = this.find(ref);
    if (!n) throw DaemonErrors.noSuchNetwork(ref);
    return n;
  }

  create(name: string, options: CreateNetworkOptions, swarmActive: boolean): Network {
    const driver = options.driver ?? "bridge";
    if (driver !== "bridge" && driver !== "overlay") throw DaemonErrors.pluginNotFound(driver);
    if (driver === "overlay" && !swarmActive) throw DaemonErrors.notSwarmManager();
    if (this.list().some((n) => n.name === name)) throw DaemonErrors.networkExists(name);
    const overlay = driver === "overlay";
    const subnet = options.subnet ?? (overlay ? `10.0.${this.nextOverlay++}.0/24` : `172.${this.nextBridge++}.0.0/16`);
    const gateway = options.gateway ?? `${subnet.split("/")[0]!.split(".").slice(0, 3).join(".")}.1`;
    return this.add({
      name,
      driver,
      scope: overlay ? "swarm" : "local",
      subnet,
      gateway,
      internal: options.internal ?? false,
      attachable: options.attachable ?? false,
      labels: options.labels ?? {},
      options: overlay ? { "com.docker.network.driver.overlay.vxlanid_list": String(4096 + this.nextOverlay) } : {},
    });
  }

  remove(ref: string): void {
    const n = this.get(ref);
    if (n.predefined) throw DaemonErrors.predefinedNetwork(n.name);
    if (n.endpoints.size) throw DaemonErrors.networkInUse(n.name, n.id);
    this.networks.delete(n.id);
  }

  /** `docker swarm init` creates these two (the routing mesh and the gateway bridge). */
  joinSwarm(): void {
    if (!this.find("docker_gwbridge")) {
      const octet = this.nextBridge++;
      this.add({
        name: "docker_gwbridge",
        driver: "bridge",
        subnet: `172.${octet}.0.0/16`,
        gateway: `172.${octet}.0.1`,
        options: { "com.docker.network.bridge.enable_icc": "false", "com.docker.network.bridge.enable_ip_masquerade": "true", "com.docker.network.bridge.name": "docker_gwbridge" },
      });
    }
    if (!this.find("ingress")) this.add({ name: "ingress", driver: "overlay", scope: "swarm", subnet: "10.0.0.0/24", gateway: "10.0.0.1", ingress: true, options: { "com.docker.network.driver.overlay.vxlanid_list": "4096" } });
  }

  /** Leaving the swarm drops every swarm-scoped network. */
  leaveSwarm(): void {
    for (const n of [...this.networks.values()]) if (n.scope === "swarm") this.networks.delete(n.id);
  }

  /** The endpoint a starting container gets; host and none give no address. */
  connect(network: Network, containerId: string, name: string): Endpoint {
    const existing = network.endpoints.get(containerId);
    if (existing) return existing;
    const host = network.subnet ? network.nextHost++ : 0;
    const [base, bits] = network.subnet.split("/");
    const ipv4 = network.subnet ? `${base!.split(".").slice(0, 3).join(".")}.${host}/${bits}` : "";
    const octets = ipv4 ? ipv4.split("/")[0]!.split(".").map(Number) : [];
    const mac = octets.length ? `02:42:${octets.map((o) => o.toString(16).padStart(2, "0")).join(":")}` : "";
    const endpoint: Endpoint = { containerId, name, endpointId: this.ids.hex(64), mac, ipv4 };
    if (network.driver !== "host" && network.driver !== "null") network.endpoints.set(containerId, endpoint);
    return endpoint;
  }

  disconnectAll(containerId: string): void {
    for (const n of this.networks.values()) n.endpoints.delete(containerId);
  }

  /** The network a container's endpoint is on (its NetworkMode), if any. */
  endpointOf(containerId: string): { network: Network; endpoint: Endpoint } | undefined {
    for (const network of this.networks.values()) {
      const endpoint = network.endpoints.get(containerId);
      if (endpoint) return { network, endpoint };
    }
    return undefined;
  }
}

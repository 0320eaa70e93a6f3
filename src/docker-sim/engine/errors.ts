/**
 * One error type for the simulated daemon, like the engine API's error responses, and one factory
 * (`DaemonErrors`) listing every refusal the simulated daemon can send, each worded as moby or
 * swarmkit words it. Stores throw these; the CLI frames them in one place (`daemonErrorLine`):
 * `Error response from daemon: <message>` (or `docker: ...` for run-style commands).
 */

export type DaemonErrorKind = "not-found" | "conflict" | "invalid" | "not-swarm" | "unavailable";

export class DaemonError extends Error {
  readonly kind: DaemonErrorKind;
  constructor(kind: DaemonErrorKind, message: string) {
    super(message);
    this.name = "DaemonError";
    this.kind = kind;
  }
}

/** gRPC-status framing used by swarmkit errors ("rpc error: code = InvalidArgument desc = ..."). */
export function rpcError(code: "InvalidArgument" | "AlreadyExists" | "NotFound" | "FailedPrecondition", desc: string): DaemonError {
  const kind = code === "NotFound" ? "not-found" : code === "AlreadyExists" ? "conflict" : "invalid";
  return new DaemonError(kind, `rpc error: code = ${code} desc = ${desc}`);
}

export const NOT_SWARM_MANAGER =
  'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';

/** The line the docker CLI prints for a daemon error. */
export function daemonErrorLine(e: DaemonError | string): string {
  return `Error response from daemon: ${typeof e === "string" ? e : e.message}\n`;
}

const plural = (n: number, word: string): string => `${word}${n === 1 ? "" : "s"}`;

export const DaemonErrors = {
  // ---- containers -------------------------------------------------------------------------
  noSuchContainer: (ref: string) => new DaemonError("not-found", `No such container: ${ref}`),
  containerNameInUse: (name: string, id: string) =>
    new DaemonError("conflict", `Conflict. The container name "/${name}" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.`),
  bindSourceMissing: (source: string) => new DaemonError("invalid", `invalid mount config for type "bind": bind source path does not exist: ${source}`),
  containerRunning: (name: string) => new DaemonError("conflict", `cannot remove container "/${name}": container is running: stop the container before removing or force remove`),
  containerNotRunning: (id: string) => new DaemonError("conflict", `container ${id} is not running`),
  invalidUser: (why: string) => new DaemonError("invalid", why),
  invalidVolumeSpec: (why: string) => new DaemonError("invalid", why),

  // ---- images -----------------------------------------------------------------------------
  /** moby's errdefs message; a bare name is shown with the :latest the daemon assumed. */
  noSuchImage: (ref: string) => new DaemonError("not-found", `No such image: ${ref}`),
  /** What Docker Hub answers for a repository that does not exist (moby distribution/errors.go). */
  pullAccessDenied: (repo: string) =>
    new DaemonError("not-found", `pull access denied for ${repo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`),
  /** A known repository with a tag the registry does not have. */
  manifestUnknown: (canonical: string) => new DaemonError("not-found", `manifest for ${canonical} not found: manifest unknown: manifest unknown`),
  imageInUse: (ref: string, containerShort: string, imageShort: string) =>
    new DaemonError("conflict", `conflict: unable to remove repository reference "${ref}" (must force) - container ${containerShort} is using its referenced image ${imageShort}`),

  // ---- filters ----------------------------------------------------------------------------
  invalidFilter: (key: string) => new DaemonError("invalid", `Invalid filter '${key}'`),

  // ---- swarm ------------------------------------------------------------------------------
  notSwarmManager: () => new DaemonError("not-swarm", NOT_SWARM_MANAGER),
  alreadyInSwarm: () => new DaemonError("conflict", 'This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.'),
  notInSwarm: () => new DaemonError("unavailable", "This node is not part of a swarm"),
  lastManagerLeaving: () =>
    new DaemonError(
      "conflict",
      "You are attempting to leave the swarm on a node that is participating as a manager. Removing the last manager erases all current state of the swarm. Use `--force` to ignore this message.",
    ),
  invalidObjectName: () => rpcError("InvalidArgument", "invalid name, only 64 [a-zA-Z0-9-_.] characters allowed, and the start and end character must be [a-zA-Z0-9]"),
  secretSize: (max: number) => rpcError("InvalidArgument", `secret data must be larger than 0 and less than ${max} bytes`),
  configSize: (max: number) => rpcError("InvalidArgument", `config data must be larger than 0 and less than ${max} bytes`),
  secretExists: (name: string) => rpcError("AlreadyExists", `secret ${name} already exists`),
  configExists: (name: string) => rpcError("AlreadyExists", `config ${name} already exists`),
  noSuchSecret: (ref: string) => new DaemonError("not-found", `secret ${ref} not found`),
  noSuchConfig: (ref: string) => new DaemonError("not-found", `config ${ref} not found`),
  secretInUse: (name: string, services: readonly string[]) =>
    rpcError("InvalidArgument", `secret '${name}' is in use by the following ${plural(services.length, "service")}: ${services.join(", ")}`),
  configInUse: (name: string, services: readonly string[]) =>
    rpcError("InvalidArgument", `config '${name}' is in use by the following ${plural(services.length, "service")}: ${services.join(", ")}`),
  noSuchService: (ref: string) => new DaemonError("not-found", `service ${ref} not found`),
  serviceExists: (name: string) => rpcError("AlreadyExists", `name conflicts with an existing object: service ${name} already exists`),
  /** moby daemon/cluster/services.go checks this before swarmkit sees the update. */
  noPreviousSpec: (_ref: string) => new DaemonError("invalid", "service does not have a previous spec"),
  scaleGlobal: (name: string) => new DaemonError("invalid", `${name}: scale can only be used with replicated or replicated-job mode`),
  noSuchNode: (ref: string) => new DaemonError("not-found", `node ${ref} not found`),
  noSuchStack: (name: string) => new DaemonError("not-found", `Nothing found in stack: ${name}`),

  // ---- networks and volumes -----------------------------------------------------------------
  noSuchNetwork: (ref: string) => new DaemonError("not-found", `network ${ref} not found`),
  networkExists: (name: string) => new DaemonError("conflict", `network with name ${name} already exists`),
  networkInUse: (name: string, id: string) => new DaemonError("conflict", `error while removing network: network ${name} id ${id} has active endpoints`),
  predefinedNetwork: (name: string) => new DaemonError("invalid", `${name} is a pre-defined network and cannot be removed`),
  pluginNotFound: (driver: string) => new DaemonError("not-found", `could not find plugin ${driver} in v1 plugin registry: plugin not found`),
  /** moby daemon/cluster: a service may only join swarm-scoped networks. */
  networkNotSwarmScoped: (name: string) =>
    new DaemonError("invalid", `The network ${name} cannot be used with services. Only networks scoped to the swarm can be used, such as those created with the overlay driver.`),
  /** Docker 28 checks the network when the container starts. */
  containerNetworkNotFound: (ref: string) => new DaemonError("not-found", `failed to set up container networking: network ${ref} not found`),
  noSuchVolume: (ref: string) => new DaemonError("not-found", `get ${ref}: no such volume`),
  volumeInUse: (name: string, containerIds: readonly string[]) => new DaemonError("conflict", `remove ${name}: volume is in use - [${containerIds.join(", ")}]`),
} as const;

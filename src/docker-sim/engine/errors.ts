/**
 * One error type for the simulated daemon, like the engine API's error responses. Stores throw it;
 * the CLI layer prints `Error response from daemon: <message>` (or the command's own framing).
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
export function rpcError(code: "InvalidArgument" | "AlreadyExists" | "NotFound", desc: string): DaemonError {
  const kind = code === "NotFound" ? "not-found" : code === "AlreadyExists" ? "conflict" : "invalid";
  return new DaemonError(kind, `rpc error: code = ${code} desc = ${desc}`);
}

export const NOT_SWARM_MANAGER =
  'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';

/** Reading "the place a secret belongs" out of a recorded request, for the API checks. */
import type { SecretDestination } from "../../../schemas/exercise-scenario.ts";
import { destinationHeader } from "../../../grading/surfaces.ts";
import type { RecordedExchange } from "../../../grading/world.ts";

export type DestinationReading =
  | { kind: "missing" }
  /** The header is there but not in the expected shape (e.g. no `Bearer `). */
  | { kind: "malformed"; header: string }
  | { kind: "value"; value: string };

export function readDestination(exchange: RecordedExchange, where: SecretDestination): DestinationReading {
  const header = exchange.headers[destinationHeader(where)];
  if (header === undefined) return { kind: "missing" };
  const prefix = where === "authorization-bearer" ? "Bearer " : where.prefix;
  if (where === "authorization-bearer") {
    const match = /^Bearer\s+(.*)$/i.exec(header);
    return match ? { kind: "value", value: match[1]! } : { kind: "malformed", header };
  }
  return header.startsWith(prefix) ? { kind: "value", value: header.slice(prefix.length) } : { kind: "malformed", header };
}

/** `Authorization: Bearer ‹payments_key›` */
export function describeDestination(where: SecretDestination, token: string): string {
  return where === "authorization-bearer" ? `Authorization: Bearer ${token}` : `${where.header}: ${where.prefix}${token}`;
}

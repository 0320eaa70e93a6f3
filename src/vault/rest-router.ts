import { SecretActions, type SecretAction } from "./rbac.ts";
import * as handlers from "./secret-handlers.ts";
import type { SecretHandler } from "./secret-handlers.ts";

/**
 * The Key Vault secrets REST API as a table: method, path, the operation name the audit log
 * uses (Key Vault's own: SecretGet, SecretSet, ...), the RBAC data action it needs, whether
 * the action is checked on the secret or the whole vault, and the handler.
 *
 * Paths are matched segment by segment after decoding, case-insensitively for the fixed
 * words; a trailing slash is ignored (the SDK sends `GET /secrets/{name}/` for "latest").
 */
export interface Route {
  readonly method: "GET" | "PUT" | "PATCH" | "DELETE" | "POST";
  /** Fixed words, `:name`, and an optional trailing `:version?`. */
  readonly path: readonly string[];
  readonly operation: string;
  readonly action: SecretAction;
  /** Vault-wide operations (lists, restore) need the action at vault scope. */
  readonly scope: "secret" | "vault";
  readonly takesBody: boolean;
  readonly handler: SecretHandler;
}

export const ROUTES: readonly Route[] = [
  { method: "GET", path: ["secrets"], operation: "SecretList", action: SecretActions.readMetadata, scope: "vault", takesBody: false, handler: handlers.listSecrets },
  { method: "POST", path: ["secrets", "restore"], operation: "SecretRestore", action: SecretActions.restore, scope: "vault", takesBody: true, handler: handlers.restoreSecret },
  { method: "GET", path: ["secrets", ":name", "versions"], operation: "SecretListVersions", action: SecretActions.readMetadata, scope: "secret", takesBody: false, handler: handlers.listSecretVersions },
  { method: "POST", path: ["secrets", ":name", "backup"], operation: "SecretBackup", action: SecretActions.backup, scope: "secret", takesBody: false, handler: handlers.backupSecret },
  { method: "PUT", path: ["secrets", ":name"], operation: "SecretSet", action: SecretActions.setSecret, scope: "secret", takesBody: true, handler: handlers.setSecret },
  { method: "DELETE", path: ["secrets", ":name"], operation: "SecretDelete", action: SecretActions.delete, scope: "secret", takesBody: false, handler: handlers.deleteSecret },
  { method: "GET", path: ["secrets", ":name", ":version?"], operation: "SecretGet", action: SecretActions.getSecret, scope: "secret", takesBody: false, handler: handlers.getSecret },
  { method: "PATCH", path: ["secrets", ":name", ":version?"], operation: "SecretUpdate", action: SecretActions.update, scope: "secret", takesBody: true, handler: handlers.updateSecret },
  { method: "GET", path: ["deletedsecrets"], operation: "SecretListDeleted", action: SecretActions.readMetadata, scope: "vault", takesBody: false, handler: handlers.listDeletedSecrets },
  { method: "GET", path: ["deletedsecrets", ":name"], operation: "SecretGetDeleted", action: SecretActions.readMetadata, scope: "secret", takesBody: false, handler: handlers.getDeletedSecret },
  { method: "DELETE", path: ["deletedsecrets", ":name"], operation: "SecretPurge", action: SecretActions.purge, scope: "secret", takesBody: false, handler: handlers.purgeDeletedSecret },
  { method: "POST", path: ["deletedsecrets", ":name", "recover"], operation: "SecretRecover", action: SecretActions.recover, scope: "secret", takesBody: false, handler: handlers.recoverDeletedSecret },
];

export type RouteMatch =
  | { kind: "route"; route: Route; name: string | undefined; version: string | undefined }
  | { kind: "method-not-allowed" }
  | { kind: "not-found" };

/** `segments` are the decoded path segments, without empty ones from leading/trailing slashes. */
export function matchRoute(method: string, segments: readonly string[]): RouteMatch {
  let pathMatched = false;
  for (const route of ROUTES) {
    const params = matchPath(route.path, segments);
    if (!params) continue;
    if (route.method === method.toUpperCase()) return { kind: "route", route, ...params };
    pathMatched = true;
  }
  return pathMatched ? { kind: "method-not-allowed" } : { kind: "not-found" };
}

function matchPath(
  pattern: readonly string[],
  segments: readonly string[],
): { name: string | undefined; version: string | undefined } | undefined {
  const optional = pattern[pattern.length - 1] === ":version?";
  const minLength = optional ? pattern.length - 1 : pattern.length;
  if (segments.length < minLength || segments.length > pattern.length) return undefined;
  let name: string | undefined;
  let version: string | undefined;
  for (let i = 0; i < segments.length; i++) {
    const want = pattern[i];
    const got = segments[i] ?? "";
    if (want === ":name") name = got;
    else if (want === ":version?") version = got;
    else if (want?.toLowerCase() !== got.toLowerCase()) return undefined;
  }
  return { name, version };
}

/**
 * One error class for everything the vault refuses, and one factory listing every error
 * the mock can send. Handlers and the engine throw these; `vault-fetch.ts` turns them into
 * the Azure body `{"error":{"code","message","innererror"?}}` in one place; anything else
 * thrown becomes a 500. Messages follow what Azure Key Vault sends (checked against SDK
 * recordings and public error reports); where a message is ours, its comment says so.
 */
import { isoSeconds } from "../lib/simulated-clock.ts";

export class VaultError extends Error {
  override readonly name = "VaultError";
  readonly status: number;
  /** The Azure error code, e.g. `SecretNotFound`. */
  readonly code: string;
  /** `innererror.code`, e.g. `SecretDisabled`, `ObjectIsDeletedButRecoverable`. */
  readonly innerCode: string | undefined;
  /** Extra response headers (WWW-Authenticate, Retry-After). */
  readonly headers: Readonly<Record<string, string>>;

  // Plain fields rather than constructor parameter properties: Node's type stripping
  // (which runs scripts/vault-server.ts) accepts only erasable TypeScript.
  constructor(
    status: number,
    code: string,
    message: string,
    innerCode?: string,
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.innerCode = innerCode;
    this.headers = headers;
  }

  toBody(): VaultErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.innerCode ? { innererror: { code: this.innerCode } } : {}),
      },
    };
  }
}

export interface VaultErrorBody {
  error: { code: string; message: string; innererror?: { code: string } };
}

/** The audience Key Vault tokens are for, and the resource its challenge names. */
export const KEY_VAULT_RESOURCE = "https://vault.azure.net";

export function challengeHeader(tenantId: string): string {
  return `Bearer authorization="https://login.microsoftonline.com/${tenantId}", resource="${KEY_VAULT_RESOURCE}"`;
}

export interface ForbiddenDetails {
  callerName: string;
  objectId: string;
  appId?: string;
  tenantId: string;
  action: string;
  resource: string;
  vaultName: string;
  location: string;
}

const secretNotFoundHelp =
  "If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182";

export const VaultErrors = {
  badParameter: (message: string) => new VaultError(400, "BadParameter", message),

  invalidName: (name: string) =>
    new VaultError(400, "BadParameter", `The request URI contains an invalid name: ${name}`),

  missingApiVersion: () =>
    // Ours: Azure's exact text for a missing api-version was not found in a source we trust.
    new VaultError(400, "BadParameter", "The api-version query parameter is missing. Add ?api-version=2026-04-01 (or another supported version) to the request URI."),

  unknownApiVersion: (version: string, latest: string) =>
    new VaultError(
      400,
      "BadParameter",
      `The specified version (${version}) is not recognized. Consider using the latest supported version (${latest}).`,
    ),

  missingToken: (tenantId: string) =>
    new VaultError(401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.", undefined, {
      "WWW-Authenticate": challengeHeader(tenantId),
    }),

  invalidToken: (tenantId: string, why: string) =>
    // Ours: the mock's tokens are its own, so "not issued here" has no Azure wording.
    new VaultError(401, "Unauthorized", `The access token is not valid: ${why}`, undefined, {
      "WWW-Authenticate": challengeHeader(tenantId),
    }),

  wrongAudience: (tenantId: string, audience: string) =>
    new VaultError(
      401,
      "Unauthorized",
      `AKV10022: Invalid audience. Expected ${KEY_VAULT_RESOURCE}, found: ${audience}.`,
      undefined,
      { "WWW-Authenticate": challengeHeader(tenantId) },
    ),

  wrongIssuer: (vaultTenantId: string, tokenTenantId: string) =>
    new VaultError(
      401,
      "Unauthorized",
      `AKV10032: Invalid issuer. Expected one of https://sts.windows.net/${vaultTenantId}/, found https://sts.windows.net/${tokenTenantId}/.`,
      undefined,
      { "WWW-Authenticate": challengeHeader(vaultTenantId) },
    ),

  /**
   * An expired token. Real clients refresh before expiry by the wall clock; here the vault's
   * clock can jump ahead of it, so the challenge carries `error="insufficient_claims"` (the
   * CAE form) which makes the SDK fetch a fresh token and retry, as it would in Azure.
   */
  tokenExpired: (tenantId: string, expiredAt: number, now: number) =>
    new VaultError(
      401,
      "Unauthorized",
      `The access token expired at ${isoSeconds(expiredAt)}; the vault's clock reads ${isoSeconds(now)}.`,
      undefined,
      {
        "WWW-Authenticate": `Bearer authorization="https://login.microsoftonline.com/${tenantId}", error="insufficient_claims", claims="${base64(
          JSON.stringify({ access_token: { nbf: { essential: true, value: String(Math.floor(now)) } } }),
        )}"`,
      },
    ),

  forbidden: (d: ForbiddenDetails) =>
    new VaultError(
      403,
      "Forbidden",
      [
        "Caller is not authorized to perform action on resource.",
        "If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.",
        `Caller: name=${d.callerName};${d.appId ? `appid=${d.appId};` : ""}oid=${d.objectId};iss=https://sts.windows.net/${d.tenantId}/`,
        `Action: '${d.action}'`,
        `Resource: '${d.resource}'`,
        "Assignment: (not found)",
        "DenyAssignmentId: null",
        "DecisionReason: 'DeniedWithNoValidRBAC' ",
        `Vault: ${d.vaultName};location=${d.location}`,
        "",
      ].join("\r\n"),
      "ForbiddenByRbac",
    ),

  secretDisabled: (operation: string) =>
    new VaultError(403, "Forbidden", `Operation ${operation} is not allowed on a disabled secret.`, "SecretDisabled"),

  secretNotFound: (nameOrId: string) =>
    new VaultError(404, "SecretNotFound", `A secret with (name/id) ${nameOrId} was not found in this key vault. ${secretNotFoundHelp}`),

  deletedSecretNotFound: (name: string) =>
    new VaultError(404, "SecretNotFound", `Deleted Secret not found: ${name}`),

  vaultNotFound: (host: string) =>
    // Ours: a real unknown vault fails at DNS; a sandbox has no DNS, so say what happened.
    new VaultError(404, "VaultNotFound", `No vault answers at ${host}. Vaults in this sandbox: see the lesson's scenario.`),

  routeNotFound: (method: string, path: string) =>
    // Ours: Azure answers unknown paths with a bare 404; a named one helps learners.
    new VaultError(404, "NotFound", `No Key Vault secrets operation matches ${method} ${path}.`),

  methodNotAllowed: (method: string, path: string) =>
    new VaultError(405, "MethodNotAllowed", `The requested resource does not support http method '${method}' (${path}).`),

  deletedButRecoverable: (name: string) =>
    new VaultError(
      409,
      "Conflict",
      `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.`,
      "ObjectIsDeletedButRecoverable",
    ),

  beingDeleted: (name: string) =>
    new VaultError(409, "Conflict", `Secret ${name} is currently being deleted.`, "ObjectIsBeingDeleted"),

  malformedBackup: () =>
    // The code and message the SDK's recorded tests expect for a corrupt blob.
    new VaultError(400, "Malformed backup blob", "Backup blob contains invalid or corrupt version."),

  alreadyExists: (name: string) =>
    // Ours: restore over an existing secret; Azure refuses with 409 Conflict.
    new VaultError(409, "Conflict", `Secret ${name} already exists in this vault; delete and purge it before restoring its backup.`),

  bodyTooLarge: (limitBytes: number) =>
    new VaultError(413, "RequestBodyTooLarge", `The request body is larger than the ${limitBytes} bytes this vault accepts.`),

  throttled: (retryAfterSeconds: number) =>
    new VaultError(
      429,
      "Throttled",
      "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached",
      undefined,
      { "Retry-After": String(retryAfterSeconds) },
    ),

  internal: (message: string) => new VaultError(500, "InternalServerError", message),
} as const;


function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

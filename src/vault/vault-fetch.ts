import { checkApiVersion } from "./api-versions.ts";
import type { AuditEntry } from "./audit-log.ts";
import { newUuid } from "./encoding.ts";
import { KEY_VAULT_RESOURCE, VaultError, VaultErrors } from "./errors.ts";
import type { Identity } from "./identities.ts";
import { SECRET_NAME_PATTERN } from "./model.ts";
import { resourceId } from "./rbac.ts";
import { matchRoute } from "./rest-router.ts";
import type { Vault } from "./vault.ts";
import type { VaultEngine } from "./vault-engine.ts";

/**
 * The vault as a fetch handler: `(Request) => Promise<Response>`, speaking the Key Vault
 * secrets REST API. The SDK adapter, the sandbox's `fetch` and the Node server all call
 * this one function, so they cannot disagree.
 *
 * Every request goes through the same steps, in this order (Azurite's pipeline):
 *   1. dispatch      which vault (from the host) and which operation (from method + path)
 *   2. api-version   present and known, else 400 BadParameter
 *   3. authenticate  bearer token present (else the 401 challenge), issued here, for the
 *                    vault's audience and tenant, not expired
 *   4. throttle      429 + Retry-After when a lesson turned throttling on
 *   5. authorize     secret name valid; RBAC data action at the secret or vault scope (403)
 *   6. deserialize   body size, JSON, shape (400, nothing changed)
 *   7. handle        the operation on the vault
 *   8. serialize     JSON response; any VaultError becomes Azure's error body; anything
 *                    else becomes 500
 * and every request, whatever its outcome, becomes one audit entry.
 */
export interface VaultFetchOptions {
  /**
   * Which vault a URL addresses. Default: `<name>` of `https://<name>.vault.azure.net`.
   * The Node server answers for one vault at whatever host it listens on.
   */
  resolveVault?: (url: URL) => string | undefined;
  /** Largest request body accepted, in bytes. Default 256 KiB (a secret value may be 25 KB). */
  maxBodyBytes?: number;
}

export type VaultFetch = (request: Request) => Promise<Response>;

const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export function vaultNameFromHost(url: URL): string | undefined {
  const match = /^([a-z0-9-]+)\.vault\.azure\.net$/i.exec(url.hostname);
  return match?.[1];
}

export function createVaultFetch(engine: VaultEngine, options: VaultFetchOptions = {}): VaultFetch {
  const resolveVault = options.resolveVault ?? vaultNameFromHost;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  return async function vaultFetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const audit: { -readonly [K in keyof AuditEntry]?: AuditEntry[K] } = {
      vault: resolveVault(url) ?? url.host,
      identity: "anonymous",
      operation: "Unknown",
    };
    let response: Response;
    // A ticking clock (the Node server) passes due dates without advance(): rotate first.
    engine.rotation.runDue();
    try {
      // 1. dispatch
      const vaultName = resolveVault(url);
      const vault = vaultName === undefined ? undefined : engine.vault(vaultName);
      if (!vault) throw VaultErrors.vaultNotFound(url.host);
      audit.vault = vault.name;
      const segments = decodeSegments(url.pathname);
      const match = matchRoute(request.method, segments);
      if (match.kind === "not-found") throw VaultErrors.routeNotFound(request.method, url.pathname);
      if (match.kind === "method-not-allowed") throw VaultErrors.methodNotAllowed(request.method, url.pathname);
      const { route, name } = match;
      const version = match.version === "" ? undefined : match.version;
      audit.operation = route.operation;
      if (name !== undefined) audit.secretName = name;
      if (version !== undefined) audit.version = version;

      // 2. api-version
      const apiVersion = checkApiVersion(url.searchParams);

      // 3. authenticate
      const identity = authenticate(engine, vault, request.headers.get("authorization"));
      audit.identity = identity.name;

      // 4. throttle
      const retryAfter = engine.takeRequestSlot(vault.name);
      if (retryAfter !== undefined) throw VaultErrors.throttled(retryAfter);

      // 5. authorize
      if (name !== undefined && !SECRET_NAME_PATTERN.test(name)) throw VaultErrors.invalidName(name);
      if (engine.authMode === "rbac") {
        const secretScope = route.scope === "secret" ? name : undefined;
        if (!engine.roles.isAllowed(identity.name, vault.name, secretScope, route.action)) {
          throw VaultErrors.forbidden({
            callerName: identity.name,
            objectId: identity.objectId,
            ...(identity.appId ? { appId: identity.appId } : {}),
            tenantId: identity.tenantId,
            action: route.action,
            resource: resourceId(vault.settings, secretScope),
            vaultName: vault.name,
            location: vault.settings.location,
          });
        }
      }

      // 6. deserialize
      const body = route.takesBody ? await readJsonBody(request, maxBodyBytes) : undefined;

      // 7. handle
      const result = route.handler({
        vault,
        vaultUrl: url.origin,
        path: url.pathname.replace(/\/+$/, ""),
        apiVersion,
        name,
        version,
        query: url.searchParams,
        body,
      });
      if (result.version !== undefined) audit.version = result.version;

      // 8. serialize
      response = jsonResponse(result.status, result.body, vault);
    } catch (error) {
      const vaultError = error instanceof VaultError ? error : VaultErrors.internal(describeUnexpected(error));
      audit.errorCode = vaultError.innerCode ?? vaultError.code;
      response = jsonResponse(vaultError.status, vaultError.toBody(), undefined, vaultError.headers);
    }
    const clientRequestId = request.headers.get("x-ms-client-request-id");
    if (clientRequestId) response.headers.set("x-ms-client-request-id", clientRequestId);
    engine.audit.record({
      time: Math.floor(engine.clock.now()),
      vault: audit.vault ?? url.host,
      identity: audit.identity ?? "anonymous",
      operation: audit.operation ?? "Unknown",
      ...(audit.secretName !== undefined ? { secretName: audit.secretName } : {}),
      ...(audit.version !== undefined ? { version: audit.version } : {}),
      status: response.status,
      ...(audit.errorCode !== undefined ? { errorCode: audit.errorCode } : {}),
    });
    return response;
  };
}

/** Who is calling. Throws the 401 Azure would send. */
function authenticate(engine: VaultEngine, vault: Vault, authorization: string | null): Identity {
  const tenantId = vault.settings.tenantId;
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  const token = match?.[1];
  if (!token) throw VaultErrors.missingToken(tenantId);
  const check = engine.identities.verify(token, tenantId, KEY_VAULT_RESOURCE);
  if (engine.authMode === "open") {
    // Like the known emulators: any bearer token is a Key Vault Administrator.
    if (check.ok) return check.identity;
    return { name: "open-mode-caller", kind: "service-principal", tenantId, objectId: "00000000-0000-0000-0000-000000000000" };
  }
  if (check.ok) return check.identity;
  switch (check.reason) {
    case "unknown":
      throw VaultErrors.invalidToken(tenantId, check.why);
    case "audience":
      throw VaultErrors.wrongAudience(tenantId, check.claims.aud);
    case "issuer":
      throw VaultErrors.wrongIssuer(tenantId, check.claims.tid);
    case "expired":
      throw VaultErrors.tokenExpired(tenantId, check.claims.exp, engine.clock.now());
  }
}

function decodeSegments(pathname: string): string[] {
  return pathname
    .split("/")
    .filter((s) => s !== "")
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        throw VaultErrors.badParameter(`The request URI contains an invalid name: ${s}`);
      }
    });
}

async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw VaultErrors.bodyTooLarge(maxBytes);
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length > maxBytes) throw VaultErrors.bodyTooLarge(maxBytes);
  if (bytes.length === 0) throw VaultErrors.badParameter("Invalid request body: the request has no body; this operation takes a JSON object.");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw VaultErrors.badParameter("Invalid request body: it is not valid UTF-8 text.");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // JSON.parse's message gives the position; the fragments of body text it quotes are
    // blanked out, since a body may carry a secret value.
    const detail = error instanceof SyntaxError ? error.message.replace(/"[^"]*"|'[^']*'/g, "...") : "";
    throw VaultErrors.badParameter(`Invalid request body: it is not valid JSON (${detail}).`);
  }
}

function jsonResponse(status: number, body: unknown, vault: Vault | undefined, extraHeaders: Readonly<Record<string, string>> = {}): Response {
  const headers = new Headers({
    "cache-control": "no-cache",
    "x-ms-request-id": newUuid(),
    "x-ms-keyvault-service-version": "1.9.0.0-secrets-lab",
    ...(vault ? { "x-ms-keyvault-region": vault.settings.location } : {}),
    ...extraHeaders,
  });
  if (status === 204 || body === undefined) return new Response(null, { status, headers });
  headers.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(body), { status, headers });
}

function describeUnexpected(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `The mock vault failed unexpectedly (${message}). This is a bug in Secrets Lab, not in your code.`;
}

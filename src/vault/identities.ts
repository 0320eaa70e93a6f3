import type { VaultClock } from "./clock.ts";
import { base64UrlDecodeText, base64UrlEncodeBytes, base64UrlEncodeText, randomBytes, stableGuid } from "./encoding.ts";

/**
 * Who can call the vault, and the tokens that prove it.
 *
 * Tokens are JWT-shaped (header.payload.signature) so a lesson can decode one and show its
 * claims (aud, iss, oid, exp). The "signature" is 32 random bytes this authority remembers:
 * a token is genuine when this authority issued exactly that payload with that signature.
 * Nothing leaves the engine, so no key management is needed, and a forged or edited token
 * is refused.
 */
export type IdentityKind = "managed-identity" | "user" | "service-principal";

export interface Identity {
  /** How lessons and the audit log name it: `payments-api`, `alice@contoso.example`. */
  readonly name: string;
  readonly kind: IdentityKind;
  readonly tenantId: string;
  readonly objectId: string;
  /** Application (client) id; users have none. */
  readonly appId?: string;
}

export interface IdentityInput {
  name: string;
  kind: IdentityKind;
  tenantId?: string;
  objectId?: string;
  appId?: string;
}

/** The claims a token carries; the subset of Entra ID's that the lessons talk about. */
export interface TokenClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  tid: string;
  oid: string;
  appid?: string;
  upn?: string;
  name: string;
  idtyp: "app" | "user";
}

export type TokenCheck =
  | { ok: true; identity: Identity; claims: TokenClaims }
  | { ok: false; reason: "unknown"; why: string }
  | { ok: false; reason: "expired"; claims: TokenClaims }
  | { ok: false; reason: "audience"; claims: TokenClaims }
  | { ok: false; reason: "issuer"; claims: TokenClaims };

/** Access tokens from Entra ID live about an hour (facts.md: "up to about 60 minutes"). */
export const TOKEN_LIFETIME_SECONDS = 3600;

export const DEFAULT_TENANT_ID = "72f988bf-0000-4000-8000-00000000c0de";

export class IdentityDirectory {
  readonly #identities = new Map<string, Identity>();
  readonly #issued = new Map<string, string>();
  readonly #clock: VaultClock;
  readonly defaultTenantId: string;

  constructor(clock: VaultClock, defaultTenantId: string = DEFAULT_TENANT_ID) {
    this.#clock = clock;
    this.defaultTenantId = defaultTenantId;
  }

  add(input: IdentityInput): Identity {
    const identity: Identity = {
      name: input.name,
      kind: input.kind,
      tenantId: input.tenantId ?? this.defaultTenantId,
      objectId: input.objectId ?? stableGuid(`oid:${input.name}`),
      ...(input.kind === "user" ? {} : { appId: input.appId ?? stableGuid(`appid:${input.name}`) }),
    };
    this.#identities.set(identity.name, identity);
    return identity;
  }

  get(name: string): Identity | undefined {
    return this.#identities.get(name);
  }

  list(): Identity[] {
    return [...this.#identities.values()];
  }

  /** Issues a token for `name` whose audience is the resource of the first scope. */
  issueToken(name: string, scopes: readonly string[]): { token: string; claims: TokenClaims } {
    const identity = this.#identities.get(name);
    if (!identity) {
      const known = this.list().map((i) => i.name).join(", ") || "none";
      throw new Error(`No identity named '${name}' in this scenario (known: ${known}).`);
    }
    const now = Math.floor(this.#clock.now());
    const audience = (scopes[0] ?? "").replace(/\/\.default$/, "");
    const claims: TokenClaims = {
      aud: audience,
      iss: `https://sts.windows.net/${identity.tenantId}/`,
      iat: now,
      nbf: now,
      exp: now + TOKEN_LIFETIME_SECONDS,
      tid: identity.tenantId,
      oid: identity.objectId,
      ...(identity.appId ? { appid: identity.appId } : { upn: identity.name }),
      name: identity.name,
      idtyp: identity.kind === "user" ? "user" : "app",
    };
    const header = base64UrlEncodeText(JSON.stringify({ alg: "none-teaching", typ: "JWT" }));
    const payload = base64UrlEncodeText(JSON.stringify(claims));
    const signature = base64UrlEncodeBytes(randomBytes(32));
    this.#issued.set(signature, `${header}.${payload}`);
    return { token: `${header}.${payload}.${signature}`, claims };
  }

  /** Checks a bearer token for a vault in `vaultTenantId`, against the clock. */
  verify(token: string, vaultTenantId: string, expectedAudience: string): TokenCheck {
    const parts = token.split(".");
    const [header, payload, signature] = parts;
    if (parts.length !== 3 || !header || !payload || !signature) {
      return { ok: false, reason: "unknown", why: "it is not a JWT (three dot-separated parts)." };
    }
    if (this.#issued.get(signature) !== `${header}.${payload}`) {
      return { ok: false, reason: "unknown", why: "this sandbox's token authority did not issue it (was it edited or copied from elsewhere?)." };
    }
    const claimsText = base64UrlDecodeText(payload);
    const claims = claimsText === undefined ? undefined : (JSON.parse(claimsText) as TokenClaims);
    const identity = claims ? this.#identities.get(claims.name) : undefined;
    if (!claims || !identity) return { ok: false, reason: "unknown", why: "its identity no longer exists." };
    if (claims.aud !== expectedAudience) return { ok: false, reason: "audience", claims };
    if (claims.tid !== vaultTenantId) return { ok: false, reason: "issuer", claims };
    if (this.#clock.now() >= claims.exp) return { ok: false, reason: "expired", claims };
    return { ok: true, identity, claims };
  }
}

import type { IdentityDirectory, TokenClaims } from "./identities.ts";

/**
 * The shapes of `TokenCredential` / `AccessToken` / `GetTokenOptions` from @azure/core-auth,
 * declared here so the engine depends on no Azure package; the real SecretClient accepts a
 * TeachingCredential because the shapes match.
 */
export interface AccessTokenLike {
  token: string;
  /** Milliseconds since the epoch, by the machine clock (that is what the SDK's cache compares). */
  expiresOnTimestamp: number;
  tokenType?: "Bearer";
}

export interface GetTokenOptionsLike {
  tenantId?: string;
  claims?: string;
  enableCae?: boolean;
  abortSignal?: { readonly aborted: boolean };
}

export interface TokenCredentialLike {
  getToken(scopes: string | string[], options?: GetTokenOptionsLike): Promise<AccessTokenLike | null>;
}

/**
 * A credential that signs in as one named identity of the scenario, the way a managed
 * identity, `az login` or a pipeline's service connection would. Each call mints a fresh
 * token valid for an hour of the vault's clock.
 */
export class TeachingCredential implements TokenCredentialLike {
  readonly identityName: string;
  /** Claims of the last token handed out, for lessons that show what a token says. */
  lastClaims: TokenClaims | undefined;
  readonly #directory: IdentityDirectory;
  readonly #now: () => number;

  constructor(directory: IdentityDirectory, identityName: string, now: () => number) {
    this.#directory = directory;
    this.identityName = identityName;
    this.#now = now;
  }

  async getToken(scopes: string | string[], options: GetTokenOptionsLike = {}): Promise<AccessTokenLike> {
    if (options.abortSignal?.aborted) throw new Error("The token request was aborted.");
    const list = typeof scopes === "string" ? [scopes] : scopes;
    const { token, claims } = this.#directory.issueToken(this.identityName, list);
    this.lastClaims = claims;
    // The SDK caches tokens by the machine clock; translate the remaining lifetime on the
    // vault's clock into machine time. If a lesson later jumps the vault clock past `exp`,
    // the vault answers with a claims challenge and the SDK fetches a new token.
    const remainingMs = (claims.exp - this.#now()) * 1000;
    return { token, expiresOnTimestamp: Date.now() + remainingMs, tokenType: "Bearer" };
  }
}

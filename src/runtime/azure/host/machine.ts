/**
 * What the machine a sandboxed program "runs on" knows about Azure sign-in, declared by an example
 * (next to its vault scenario) and served by the page: which links of DefaultAzureCredential can
 * answer there. Identities are named as in the vault scenario.
 */
export interface AzureMachine {
  /** "This program runs in Azure with managed identity X": the IMDS endpoint answers for X. */
  managedIdentity?: string;
  /** "A developer ran `az login` as X on this machine": AzureCliCredential answers for X. */
  azureCli?: string;
  /** Client secrets Entra ID accepts, by service principal name (EnvironmentCredential, ClientSecretCredential). */
  clientSecrets?: Record<string, string>;
  /** Identities Entra ID accepts a federated (Kubernetes service account) token for: WorkloadIdentityCredential. */
  workloadIdentities?: string[];
}

/** The part of the vault engine's identity directory the sign-in hosts use (structural: no vault import). */
export interface IdentityIssuer {
  get(name: string): { name: string; kind: string; tenantId: string; appId?: string } | undefined;
  list(): { name: string; kind: string; tenantId: string; appId?: string }[];
  issueToken(name: string, scopes: readonly string[]): { token: string; claims: { exp: number; iat: number } };
}

/** Seconds until the token expires, by the vault clock (`exp - iat`: tokens are minted "now"). */
export function lifetimeSeconds(claims: { exp: number; iat: number }): number {
  return Math.max(0, claims.exp - claims.iat);
}

/**
 * Mock Azure Key Vault: the whole public face of `src/vault`.
 *
 * One engine (vaults, identities, RBAC, clock, audit log) and the adapters that put the
 * Key Vault secrets REST API in front of it:
 *
 *   const engine = createEngineFromScenario(scenario);          // or new VaultEngine() + createVault()
 *   const vaultFetch = createVaultFetch(engine);                 // (Request) => Promise<Response>
 *   const client = new SecretClient("https://payments-kv.vault.azure.net",
 *     engine.createCredential("payments-api"),
 *     { httpClient: createVaultHttpClient(vaultFetch) });       // the real SDK, no sockets
 *   engine.clock.advance(3600);                                  // lessons move time (and rotate)
 *   engine.audit.entries();                                      // who read what, when
 *
 * Plain TypeScript: no DOM, no Node APIs; runs in a Worker, a page or Node.
 */
export { VaultEngine, DEFAULT_SUBSCRIPTION_ID } from "./vault-engine.ts";
export type {
  AuthMode,
  CreateVaultInput,
  SecretVersionSnapshot,
  ThrottlingSettings,
  VaultEngineOptions,
  VaultSnapshot,
} from "./vault-engine.ts";
export type { Vault, SecretVersionView, DeletedSecretView } from "./vault.ts";
export type { SecretPropertiesPatch, SetSecretInput, SecretVersionRecord, VaultSettings } from "./model.ts";
export { SECRET_NAME_PATTERN, MAX_SECRET_VALUE_BYTES } from "./model.ts";

export { createClock } from "./clock.ts";
export type { ClockOptions, VaultClock } from "./clock.ts";

export { createVaultFetch, vaultNameFromHost } from "./vault-fetch.ts";
export type { VaultFetch, VaultFetchOptions } from "./vault-fetch.ts";
export { createVaultHttpClient, PipelineHeaders } from "./sdk-http-client.ts";
export type { VaultHttpClient, PipelineRequestLike, PipelineResponseLike } from "./sdk-http-client.ts";
export { SUPPORTED_API_VERSIONS, LATEST_API_VERSION } from "./api-versions.ts";

export { TeachingCredential } from "./teaching-credential.ts";
export type { AccessTokenLike, GetTokenOptionsLike, TokenCredentialLike } from "./teaching-credential.ts";
export { DEFAULT_TENANT_ID, TOKEN_LIFETIME_SECONDS } from "./identities.ts";
export type { Identity, IdentityInput, IdentityKind, TokenClaims } from "./identities.ts";
export { BUILT_IN_ROLES, ROLE_NAMES, SecretActions } from "./rbac.ts";
export type { RoleAssignment, RoleName, SecretAction } from "./rbac.ts";

export { RotationPolicies, ROTATION_IDENTITY } from "./rotation-policy.ts";
export type { RotationContext, RotationPolicy, RotationPolicyInput } from "./rotation-policy.ts";

export { AuditLog } from "./audit-log.ts";
export type { AuditEntry, AuditListener } from "./audit-log.ts";
export { VaultError } from "./errors.ts";
export type { VaultErrorBody } from "./errors.ts";

export { createMemorySecretStore } from "./secret-store.ts";
export type { SecretStore } from "./secret-store.ts";

export { VaultScenarioSchema, parseVaultScenario, createEngineFromScenario, ScenarioError } from "./scenario.ts";
export type { VaultScenario } from "./scenario.ts";

import { SecretClient } from "@azure/keyvault-secrets";
import {
  createEngineFromScenario,
  createVaultFetch,
  createVaultHttpClient,
  type VaultEngine,
  type VaultScenario,
} from "../../src/vault/index.ts";

/** Obviously fake values, the same everywhere in the vault tests. */
export const FAKE = {
  stripeKey: "sk_test_51FakeKeyForSecretsLabOnly",
  stripeKeyRotated: "sk_test_51FakeKeyForSecretsLabRotated",
  dbPassword: "P@ssw0rd-demo-only",
} as const;

export const VAULT_URL = "https://payments-kv.vault.azure.net";

/** 2025-01-01T00:00:00Z: a fixed start so times in assertions are exact. */
export const START = 1_735_689_600;

export function paymentsScenario(): VaultScenario {
  return {
    startTime: START,
    identities: [
      { name: "payments-api", kind: "managed-identity" },
      { name: "alice@contoso.example", kind: "user" },
      { name: "ci-pipeline", kind: "service-principal" },
      { name: "ops-admin", kind: "user" },
      { name: "fabrikam-app", kind: "service-principal", tenantId: "fab00000-0000-4000-8000-00000000fab0" },
    ],
    vaults: [
      {
        name: "payments-kv",
        secrets: [
          { name: "StripeApiKey", versions: [{ value: FAKE.stripeKey, contentType: "text/plain", tags: { owner: "payments" } }] },
          { name: "DatabasePassword", versions: [{ value: FAKE.dbPassword }] },
        ],
      },
    ],
    roleAssignments: [
      { principal: "payments-api", role: "Key Vault Secrets User", vault: "payments-kv", secret: "StripeApiKey" },
      { principal: "alice@contoso.example", role: "Key Vault Secrets Officer", vault: "payments-kv" },
      { principal: "ci-pipeline", role: "Key Vault Reader", vault: "payments-kv" },
      { principal: "ops-admin", role: "Key Vault Administrator", vault: "payments-kv" },
      { principal: "fabrikam-app", role: "Key Vault Administrator", vault: "payments-kv" },
    ],
  };
}

export function paymentsEngine(): VaultEngine {
  return createEngineFromScenario(paymentsScenario());
}

/** The real SecretClient, talking to the engine in memory as `identity`. */
export function sdkClient(
  engine: VaultEngine,
  identity: string,
  options: { maxRetries?: number } = {},
): SecretClient {
  return new SecretClient(VAULT_URL, engine.createCredential(identity), {
    httpClient: createVaultHttpClient(createVaultFetch(engine)),
    retryOptions: { maxRetries: options.maxRetries ?? 0 },
  });
}

/** Catches what `promise` rejects with, failing the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<{
  statusCode?: number;
  code?: string;
  message: string;
  details?: { error?: { code?: string; innerError?: { code?: string } } };
}> {
  try {
    await promise;
  } catch (error) {
    return error as Awaited<ReturnType<typeof rejection>>;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

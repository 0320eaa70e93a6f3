/**
 * The mock Azure Key Vault on 127.0.0.1, for the official SDK in a developer's own Node app. One
 * vault per origin (the SDK's URL is `http://127.0.0.1:<port>`, not `<name>.vault.azure.net`).
 * - No seed: a demo vault `payments-kv` with fake secrets; any bearer token acts as a Key Vault
 *   Administrator (as the known emulators do).
 * - A seed (a vault scenario, src/vault/scenario.ts): its vaults, identities and role assignments;
 *   tokens are checked, and one per identity (valid 60 minutes) is printed for your credential.
 */
import { createClock, createEngineFromScenario, createVaultFetch, ScenarioError, type VaultScenario } from "../../vault/index.ts";
import type { SimFacet } from "../types.ts";

const MAX_BODY_BYTES = 256 * 1024;
const KEY_VAULT_SCOPE = "https://vault.azure.net/.default";

const DEMO_SCENARIO: VaultScenario = {
  authMode: "open",
  vaults: [
    {
      name: "payments-kv",
      secrets: [
        { name: "StripeApiKey", versions: [{ value: "sk_test_51FakeKeyForSecretsLabOnly", contentType: "text/plain" }] },
        { name: "DatabasePassword", versions: [{ value: "P@ssw0rd-demo-only" }] },
      ],
    },
  ],
};

export const sim: SimFacet = {
  defaultPort: 8443,
  createServer(seed, options) {
    let engine;
    try {
      // A server runs in real time: the clock ticks, so throttling windows refill and tokens expire.
      engine = createEngineFromScenario(seed ?? DEMO_SCENARIO, { clock: createClock({ frozen: false }) });
    } catch (error) {
      if (error instanceof ScenarioError) throw new Error(error.message);
      throw error;
    }
    const vaultName = (options.vault ?? engine.vaultNames()[0] ?? "").toLowerCase();
    if (!engine.vault(vaultName)) throw new Error(`no vault '${options.vault}' in the scenario (have: ${engine.vaultNames().join(", ")})`);
    const ready = engine;
    return {
      handler: createVaultFetch(ready, { resolveVault: () => vaultName, maxBodyBytes: MAX_BODY_BYTES }),
      maxBodyBytes: MAX_BODY_BYTES,
      environment: (baseUrl) => ({ VAULT_URL: baseUrl }),
      notes: () => [
        `Mock Azure Key Vault '${vaultName}'.`,
        ready.authMode === "open"
          ? "Auth: open (any bearer token acts as Key Vault Administrator)"
          : "Auth: rbac (tokens checked against the scenario's identities and role assignments)",
        ...(ready.authMode === "rbac" ? ready.identities.list().map((identity) => `TOKEN ${identity.name} ${ready.identities.issueToken(identity.name, [KEY_VAULT_SCOPE]).token}`) : []),
        "SecretClient options: { allowInsecureConnection: true, disableChallengeResourceVerification: true }",
      ],
    };
  },
};

import { describe, expect, it } from "vitest";
import { SecretClient } from "@azure/keyvault-secrets";
import { createVaultFetch, createVaultHttpClient } from "../../src/vault/index.ts";
import { FAKE, VAULT_URL, paymentsEngine, rejection, sdkClient } from "./fixtures.ts";

// What the official SDK throws for each refusal: RestError with Azure's status and code.
describe("SecretClient errors from the mock vault", () => {
  it("403 names the identity, the action and the resource, as Azure does", async () => {
    const client = sdkClient(paymentsEngine(), "payments-api");
    const error = await rejection(client.getSecret("DatabasePassword"));
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe("Forbidden");
    expect(error.details?.error?.innerError?.code).toBe("ForbiddenByRbac");
    expect(error.message.split("\r\n")).toEqual([
      "Caller is not authorized to perform action on resource.",
      "If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.",
      expect.stringMatching(/^Caller: name=payments-api;appid=[0-9a-f-]{36};oid=[0-9a-f-]{36};iss=https:\/\/sts\.windows\.net\/[0-9a-f-]{36}\/$/),
      "Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'",
      "Resource: '/subscriptions/00000000-0000-4000-8000-5ec7e75a1ab0/resourcegroups/rg-secrets-lab/providers/microsoft.keyvault/vaults/payments-kv/secrets/DatabasePassword'",
      "Assignment: (not found)",
      "DenyAssignmentId: null",
      "DecisionReason: 'DeniedWithNoValidRBAC' ",
      "Vault: payments-kv;location=westeurope",
      "",
    ]);
  });

  it("an app scoped to one secret may read it but not list the vault", async () => {
    const engine = paymentsEngine();
    const client = sdkClient(engine, "payments-api");
    expect((await client.getSecret("StripeApiKey")).value).toBe(FAKE.stripeKey);
    const listing = async () => {
      for await (const _ of client.listPropertiesOfSecrets()) void _;
    };
    const error = await rejection(listing());
    // The SDK's pager reports only the status ("Pagination failed with unexpected statusCode
    // 403"); the REST tests pin the body. The audit log shows who was refused what.
    expect(error.statusCode).toBe(403);
    expect(engine.audit.entries().at(-1)).toMatchObject({
      identity: "payments-api",
      operation: "SecretList",
      status: 403,
      errorCode: "ForbiddenByRbac",
    });
  });

  it("Key Vault Reader lists metadata but cannot read values or write", async () => {
    const client = sdkClient(paymentsEngine(), "ci-pipeline");
    const names: string[] = [];
    for await (const p of client.listPropertiesOfSecrets()) names.push(p.name);
    expect(names).toEqual(["DatabasePassword", "StripeApiKey"]);
    expect((await rejection(client.getSecret("StripeApiKey"))).statusCode).toBe(403);
    const write = await rejection(client.setSecret("StripeApiKey", "sk_test_51FakeOverwrite"));
    expect(write.statusCode).toBe(403);
    expect(write.message).toContain("Action: 'Microsoft.KeyVault/vaults/secrets/setSecret/action'");
  });

  it("404 SecretNotFound for a missing secret and a missing version", async () => {
    const client = sdkClient(paymentsEngine(), "alice@contoso.example");
    const missing = await rejection(client.getSecret("NoSuchSecret"));
    expect(missing.statusCode).toBe(404);
    expect(missing.code).toBe("SecretNotFound");
    expect(missing.message).toBe(
      "A secret with (name/id) NoSuchSecret was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182",
    );
    const version = await rejection(client.getSecret("StripeApiKey", { version: "0123456789abcdef0123456789abcdef" }));
    expect(version.statusCode).toBe(404);
    expect(version.message).toMatch(/^A secret with \(name\/id\) StripeApiKey\/0123456789abcdef0123456789abcdef was not found/);
    const deleted = await rejection(client.getDeletedSecret("StripeApiKey"));
    expect(deleted.statusCode).toBe(404);
    expect(deleted.message).toBe("Deleted Secret not found: StripeApiKey");
  });

  it("409 Conflict with ObjectIsDeletedButRecoverable when reusing a soft-deleted name", async () => {
    const client = sdkClient(paymentsEngine(), "alice@contoso.example");
    await (await client.beginDeleteSecret("StripeApiKey", { intervalInMs: 1 })).pollUntilDone();
    const error = await rejection(client.setSecret("StripeApiKey", FAKE.stripeKeyRotated));
    expect(error.statusCode).toBe(409);
    expect(error.code).toBe("Conflict");
    expect(error.details?.error?.innerError?.code).toBe("ObjectIsDeletedButRecoverable");
    expect(error.message).toBe(
      "Secret StripeApiKey is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.",
    );
  });

  it("401 AKV10032 for a token from another tenant", async () => {
    const client = sdkClient(paymentsEngine(), "fabrikam-app");
    const error = await rejection(client.getSecret("StripeApiKey"));
    expect(error.statusCode).toBe(401);
    expect(error.code).toBe("Unauthorized");
    expect(error.message).toMatch(/^AKV10032: Invalid issuer\. Expected one of https:\/\/sts\.windows\.net\/72f988bf-0000-4000-8000-00000000c0de\/, found https:\/\/sts\.windows\.net\/fab00000-0000-4000-8000-00000000fab0\/\.$/);
  });

  it("401 for a token this sandbox never issued", async () => {
    const engine = paymentsEngine();
    const client = new SecretClient(VAULT_URL, {
      getToken: async () => ({ token: "eyJhbGciOiJub25lIn0.eyJuYW1lIjoiaGFja2VyIn0.Zm9yZ2Vk", expiresOnTimestamp: Date.now() + 3_600_000 }),
    }, { httpClient: createVaultHttpClient(createVaultFetch(engine)), retryOptions: { maxRetries: 0 } });
    const error = await rejection(client.getSecret("StripeApiKey"));
    expect(error.statusCode).toBe(401);
    expect(error.message).toBe(
      "The access token is not valid: this sandbox's token authority did not issue it (was it edited or copied from elsewhere?).",
    );
  });

  it("a token that expires on the vault clock is refreshed by the SDK without failing the call", async () => {
    const engine = paymentsEngine();
    const credential = engine.createCredential("payments-api");
    const client = new SecretClient(VAULT_URL, credential, {
      httpClient: createVaultHttpClient(createVaultFetch(engine)),
      retryOptions: { maxRetries: 0 },
    });
    await client.getSecret("StripeApiKey");
    const firstExp = credential.lastClaims?.exp;
    engine.clock.advance(2 * 3600);
    expect((await client.getSecret("StripeApiKey")).value).toBe(FAKE.stripeKey);
    expect(credential.lastClaims?.exp).toBe((firstExp ?? 0) + 2 * 3600);
    const statuses = engine.audit.entries().map((e) => [e.status, e.errorCode ?? ""]);
    expect(statuses).toEqual([
      [401, "Unauthorized"],
      [200, ""],
      [401, "Unauthorized"],
      [200, ""],
    ]);
  });

  it("429 Throttled with Retry-After; the SDK retries, then gives up", async () => {
    const engine = paymentsEngine();
    engine.setThrottling("payments-kv", { requestsPerWindow: 1, windowSeconds: 10, retryAfterSeconds: 1 });
    const client = sdkClient(engine, "alice@contoso.example", { maxRetries: 1 });
    await client.getSecret("StripeApiKey");
    const started = Date.now();
    const error = await rejection(client.getSecret("StripeApiKey"));
    expect(error.statusCode).toBe(429);
    expect(error.code).toBe("Throttled");
    expect(error.message).toBe(
      "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached",
    );
    // The retry waited for Retry-After (1 s) and was throttled again.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const throttled = engine.audit.entries().filter((e) => e.status === 429);
    expect(throttled).toHaveLength(2);

    // Time on the vault clock refills the window.
    engine.clock.advance(10);
    expect((await client.getSecret("StripeApiKey")).value).toBe(FAKE.stripeKey);
  });
});

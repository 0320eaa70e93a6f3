import { describe, expect, it } from "vitest";
import { FAKE, VAULT_URL, START, paymentsEngine, sdkClient } from "./fixtures.ts";

// The official @azure/keyvault-secrets SecretClient against the engine, through the
// in-memory httpClient with challenge-resource verification on.
describe("SecretClient lifecycle against the mock vault", () => {
  it("sets, gets latest and by version, and keeps every version", async () => {
    const engine = paymentsEngine();
    const client = sdkClient(engine, "alice@contoso.example");

    const first = await client.setSecret("ApiToken", "tok_demo_v1", { contentType: "text/plain", tags: { env: "dev" } });
    const second = await client.setSecret("ApiToken", "tok_demo_v2");

    expect(first.value).toBe("tok_demo_v1");
    expect(first.properties.version).toMatch(/^[0-9a-f]{32}$/);
    expect(first.properties.id).toBe(`${VAULT_URL}/secrets/ApiToken/${first.properties.version}`);
    expect(first.properties.vaultUrl).toBe(VAULT_URL);
    expect(first.properties.contentType).toBe("text/plain");
    expect(first.properties.tags).toEqual({ env: "dev" });
    expect(first.properties.createdOn).toEqual(new Date(START * 1000));
    expect(first.properties.recoverableDays).toBe(90);
    expect(first.properties.recoveryLevel).toBe("Recoverable+Purgeable");

    expect((await client.getSecret("ApiToken")).value).toBe("tok_demo_v2");
    expect((await client.getSecret("ApiToken", { version: first.properties.version! })).value).toBe("tok_demo_v1");
    expect(second.properties.version).not.toBe(first.properties.version);
  });

  it("reads a seeded secret as the app's managed identity", async () => {
    const client = sdkClient(paymentsEngine(), "payments-api");
    const secret = await client.getSecret("StripeApiKey");
    expect(secret.value).toBe(FAKE.stripeKey);
    expect(secret.name).toBe("StripeApiKey");
  });

  it("lists secrets without values and pages versions across more than 25", async () => {
    const engine = paymentsEngine();
    const client = sdkClient(engine, "alice@contoso.example");
    for (let i = 1; i <= 30; i++) await client.setSecret("RotatingKey", `rotating-demo-${i}`);

    const names: string[] = [];
    for await (const props of client.listPropertiesOfSecrets()) {
      names.push(props.name);
      expect(props.version).toBeUndefined();
      expect((props as { value?: string }).value).toBeUndefined();
    }
    expect(names).toEqual(["DatabasePassword", "RotatingKey", "StripeApiKey"]);

    const versions: string[] = [];
    for await (const props of client.listPropertiesOfSecretVersions("RotatingKey")) versions.push(props.version!);
    expect(versions).toHaveLength(30);
    expect(new Set(versions).size).toBe(30);

    const pages: number[] = [];
    for await (const page of client.listPropertiesOfSecretVersions("RotatingKey").byPage({ maxPageSize: 25 })) {
      pages.push(page.length);
    }
    expect(pages).toEqual([25, 5]);
    // Two GETs for the versions list with a nextLink: the second one is the paged request.
    const listCalls = engine.audit.entries().filter((e) => e.operation === "SecretListVersions" && e.status === 200);
    expect(listCalls.length).toBe(4);
  });

  it("updates properties, and a disabled version refuses get with SecretDisabled", async () => {
    const client = sdkClient(paymentsEngine(), "alice@contoso.example");
    const secret = await client.getSecret("DatabasePassword");
    const updated = await client.updateSecretProperties("DatabasePassword", secret.properties.version!, {
      enabled: false,
      tags: { rotated: "no" },
      contentType: "password",
    });
    expect(updated.enabled).toBe(false);
    expect(updated.tags).toEqual({ rotated: "no" });
    expect(updated.contentType).toBe("password");
    expect((updated as { value?: string }).value).toBeUndefined();

    const error = await client.getSecret("DatabasePassword").then(
      () => undefined,
      (e: { statusCode: number; code: string; details: { error: { innerError: { code: string } } }; message: string }) => e,
    );
    expect(error?.statusCode).toBe(403);
    expect(error?.code).toBe("Forbidden");
    expect(error?.details.error.innerError.code).toBe("SecretDisabled");
    expect(error?.message).toBe("Operation get is not allowed on a disabled secret.");

    await client.updateSecretProperties("DatabasePassword", secret.properties.version!, { enabled: true });
    expect((await client.getSecret("DatabasePassword")).value).toBe(FAKE.dbPassword);
  });

  it("soft-deletes with the poller, shows the deleted secret, recovers it, then purges", async () => {
    const engine = paymentsEngine();
    const client = sdkClient(engine, "alice@contoso.example");

    const deletePoller = await client.beginDeleteSecret("DatabasePassword", { intervalInMs: 1 });
    const deleted = await deletePoller.pollUntilDone();
    expect(deleted.recoveryId).toBe(`${VAULT_URL}/deletedsecrets/DatabasePassword`);
    expect(deleted.properties.deletedOn).toEqual(new Date(START * 1000));
    expect(deleted.properties.scheduledPurgeDate).toEqual(new Date((START + 90 * 86400) * 1000));

    const fetched = await client.getDeletedSecret("DatabasePassword");
    expect(fetched.name).toBe("DatabasePassword");
    expect(fetched.value).toBeUndefined();
    const deletedNames: string[] = [];
    for await (const d of client.listDeletedSecrets()) deletedNames.push(d.name);
    expect(deletedNames).toEqual(["DatabasePassword"]);

    const recoverPoller = await client.beginRecoverDeletedSecret("DatabasePassword", { intervalInMs: 1 });
    const recovered = await recoverPoller.pollUntilDone();
    expect(recovered.name).toBe("DatabasePassword");
    expect((await client.getSecret("DatabasePassword")).value).toBe(FAKE.dbPassword);

    await (await client.beginDeleteSecret("DatabasePassword", { intervalInMs: 1 })).pollUntilDone();
    await client.purgeDeletedSecret("DatabasePassword");
    const after: string[] = [];
    for await (const d of client.listDeletedSecrets()) after.push(d.name);
    expect(after).toEqual([]);
    // Purged: the name is free again.
    expect((await client.setSecret("DatabasePassword", "P@ssw0rd-demo-only-2")).value).toBe("P@ssw0rd-demo-only-2");
  });

  it("backs up and restores every version", async () => {
    const engine = paymentsEngine();
    const client = sdkClient(engine, "ops-admin");
    await client.setSecret("StripeApiKey", FAKE.stripeKeyRotated);
    const backup = await client.backupSecret("StripeApiKey");
    expect(backup).toBeInstanceOf(Uint8Array);
    // Opaque: the value does not appear in the blob.
    expect(new TextDecoder().decode(backup)).not.toContain("sk_test");

    await (await client.beginDeleteSecret("StripeApiKey", { intervalInMs: 1 })).pollUntilDone();
    await client.purgeDeletedSecret("StripeApiKey");
    const restored = await client.restoreSecretBackup(backup!);
    expect(restored.name).toBe("StripeApiKey");

    const versions: string[] = [];
    for await (const v of client.listPropertiesOfSecretVersions("StripeApiKey")) versions.push(v.version!);
    expect(versions).toHaveLength(2);
    expect((await client.getSecret("StripeApiKey")).value).toBe(FAKE.stripeKeyRotated);
  });

  it("records every request in the audit log, never a value", async () => {
    const engine = paymentsEngine();
    const client = sdkClient(engine, "payments-api");
    await client.getSecret("StripeApiKey");

    const entries = engine.audit.entries();
    // The challenge: one anonymous 401, then the authenticated retry.
    expect(entries.map((e) => [e.identity, e.operation, e.secretName, e.status])).toEqual([
      ["anonymous", "SecretGet", "StripeApiKey", 401],
      ["payments-api", "SecretGet", "StripeApiKey", 200],
    ]);
    expect(entries[1]?.version).toMatch(/^[0-9a-f]{32}$/);
    expect(entries[1]?.time).toBe(START);
    expect(JSON.stringify(entries)).not.toContain(FAKE.stripeKey);
  });
});

import { describe, expect, it } from "vitest";
import { FAKE, paymentsEngine, sdkClient } from "./fixtures.ts";

// Three behaviours where Key Vault is not what a naive mock would be, driven with the official
// @azure/keyvault-secrets SecretClient (its own recorded tests expect each of them).
describe("SecretClient meets Key Vault's timing and error shapes", () => {
  it("a delete poller is not done after its first poll, and finishes on a later one", async () => {
    const client = sdkClient(paymentsEngine(), "alice@contoso.example");
    const poller = await client.beginDeleteSecret("DatabasePassword", { intervalInMs: 1 });
    // beginDeleteSecret sent DELETE and polled once: the deleted secret was not readable yet.
    expect(poller.isDone()).toBe(false);
    const deleted = await poller.pollUntilDone();
    expect(poller.isDone()).toBe(true);
    expect(deleted.name).toBe("DatabasePassword");
  });

  it("purging without waiting for the delete fails with 409 ObjectIsBeingDeleted", async () => {
    const client = sdkClient(paymentsEngine(), "alice@contoso.example");
    await client.beginDeleteSecret("StripeApiKey", { intervalInMs: 1 });
    await expect(client.purgeDeletedSecret("StripeApiKey")).rejects.toMatchObject({
      statusCode: 409,
      message: "Secret StripeApiKey is currently being deleted.",
    });
  });

  it("a recover poller polls until the secret is readable again", async () => {
    const client = sdkClient(paymentsEngine(), "alice@contoso.example");
    await (await client.beginDeleteSecret("DatabasePassword", { intervalInMs: 1 })).pollUntilDone();
    const poller = await client.beginRecoverDeletedSecret("DatabasePassword", { intervalInMs: 1 });
    expect(poller.isDone()).toBe(false);
    await poller.pollUntilDone();
    expect((await client.getSecret("DatabasePassword")).value).toBe(FAKE.dbPassword);
  });

  it("versions of a secret that does not exist list as empty, page by page", async () => {
    const client = sdkClient(paymentsEngine(), "alice@contoso.example");
    const versions = [];
    for await (const v of client.listPropertiesOfSecretVersions("NoSuchSecret")) versions.push(v);
    expect(versions).toEqual([]);
    const pages = [];
    for await (const page of client.listPropertiesOfSecretVersions("NoSuchSecret").byPage({ maxPageSize: 5 })) pages.push(page);
    expect(pages.flat()).toEqual([]);
  });

  it("restoring a malformed backup blob fails with Key Vault's code and message", async () => {
    const client = sdkClient(paymentsEngine(), "alice@contoso.example");
    await expect(client.restoreSecretBackup(new TextEncoder().encode("not-a-backup"))).rejects.toMatchObject({
      statusCode: 400,
      code: "Malformed backup blob",
      message: "Backup blob contains invalid or corrupt version.",
    });
  });
});

import { describe, expect, it } from "vitest";
import {
  ScenarioError,
  VaultEngine,
  createClock,
  createEngineFromScenario,
  parseVaultScenario,
  type AuditEntry,
} from "../../src/vault/index.ts";
import { FAKE, START, paymentsEngine, paymentsScenario, rejection, sdkClient } from "./fixtures.ts";

describe("scenario", () => {
  it("names every field at fault", () => {
    const bad = {
      identities: [{ name: "payments-api", kind: "robot" }],
      vaults: [
        {
          name: "kv",
          recoverableDays: 3,
          secrets: [
            { name: "Dup", versions: [{ value: "a" }] },
            { name: "dup", versions: [{ value: 1 }] },
          ],
        },
      ],
      roleAssignments: [{ principal: "nobody", role: "Key Vault Owner", vault: "payments-kv" }],
    };
    let error: unknown;
    try {
      parseVaultScenario(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).problems).toEqual([
      'identities.0.kind: Invalid option: expected one of "managed-identity"|"user"|"service-principal"',
      "vaults.0.name: must be 3-24 letters, digits or dashes, starting with a letter",
      "vaults.0.recoverableDays: Too small: expected number to be >=7",
      "vaults.0.secrets.1.versions.0.value: Invalid input: expected string, received number",
      'roleAssignments.0.role: Invalid option: expected one of "Key Vault Administrator"|"Key Vault Secrets Officer"|"Key Vault Secrets User"|"Key Vault Reader"',
    ]);
  });

  it("checks cross-references once the shapes are right", () => {
    const scenario = paymentsScenario();
    scenario.roleAssignments = [{ principal: "nobody", role: "Key Vault Reader", vault: "other-kv" }];
    scenario.vaults[0]!.secrets!.push({ name: "stripeapikey", versions: [{ value: "x" }] });
    expect(() => parseVaultScenario(scenario)).toThrow(
      "Invalid vault scenario:\n" +
        "- vaults.0.secrets.2.name: duplicate secret 'stripeapikey' (names are case-insensitive)\n" +
        "- roleAssignments.0.principal: no identity named 'nobody' in 'identities'\n" +
        "- roleAssignments.0.vault: no vault named 'other-kv' in 'vaults'",
    );
  });

  it("seeds history and soft-deleted secrets", () => {
    const engine = createEngineFromScenario({
      startTime: START,
      vaults: [
        {
          name: "legacy-kv",
          recoverableDays: 7,
          secrets: [
            { name: "OldPassword", versions: [{ value: "P@ssw0rd-demo-only-2019", created: START - 400 * 86400 }, { value: FAKE.dbPassword }] },
            { name: "RemovedKey", versions: [{ value: "sk_test_51FakeRemoved" }], deleted: true },
          ],
        },
      ],
    });
    const snap = engine.snapshot("legacy-kv");
    expect(snap.secrets.map((s) => [s.name, s.versions.map((v) => v.created)])).toEqual([["OldPassword", [START - 400 * 86400, START]]]);
    expect(snap.deleted.map((d) => [d.name, d.scheduledPurgeDate])).toEqual([["RemovedKey", START + 7 * 86400]]);
  });
});

describe("engine", () => {
  it("keeps returning an expired secret, as Key Vault does, and flags it for the inspector", async () => {
    const engine = paymentsEngine();
    const client = sdkClient(engine, "alice@contoso.example");
    await client.setSecret("ShortLived", "tok_demo_short", { expiresOn: new Date((START + 60) * 1000) });
    engine.clock.advance(61);
    expect((await client.getSecret("ShortLived")).value).toBe("tok_demo_short");
    const versions = engine.snapshot("payments-kv").secrets.find((s) => s.name === "ShortLived")?.versions;
    expect(versions?.map((v) => v.expired)).toEqual([true]);
  });

  it("takes role changes into effect on the next request", async () => {
    const engine = paymentsEngine();
    const client = sdkClient(engine, "payments-api");
    await client.getSecret("StripeApiKey");
    expect(engine.roles.revoke({ principal: "payments-api" })).toBe(1);
    expect((await rejection(client.getSecret("StripeApiKey"))).statusCode).toBe(403);
  });

  it("restores a backup only within the same subscription", async () => {
    const engine = paymentsEngine();
    const other = engine.createVault({ name: "other-sub-kv", subscriptionId: "99999999-0000-4000-8000-000000000099" });
    const same = engine.createVault({ name: "same-sub-kv" });
    const blob = engine.requireVault("payments-kv").backupSecret("StripeApiKey");
    // Another subscription cannot open the blob, so it reads as corrupt, with Key Vault's wording.
    expect(() => other.restoreSecret(blob)).toThrow("Backup blob contains invalid or corrupt version.");
    expect(same.restoreSecret(blob).version.value).toBe(FAKE.stripeKey);
    expect(() => same.restoreSecret(blob)).toThrow("Secret StripeApiKey already exists in this vault; delete and purge it before restoring its backup.");
  });

  it("streams audit entries to subscribers without values", async () => {
    const engine = paymentsEngine();
    const seen: AuditEntry[] = [];
    const unsubscribe = engine.audit.subscribe((e) => seen.push(e));
    await sdkClient(engine, "alice@contoso.example").setSecret("NewKey", "sk_test_51FakeNewKey");
    unsubscribe();
    await sdkClient(engine, "alice@contoso.example").getSecret("NewKey");
    expect(seen.map((e) => `${e.identity} ${e.operation} ${e.secretName} ${e.status}`)).toEqual([
      "anonymous SecretSet NewKey 401",
      "alice@contoso.example SecretSet NewKey 200",
    ]);
    expect(JSON.stringify(engine.audit.entries())).not.toContain("sk_test");
  });

  it("refuses impossible setup with a clear message", () => {
    const engine = new VaultEngine({ clock: createClock({ start: START }) });
    expect(() => engine.createVault({ name: "kv" })).toThrow(
      "Vault name 'kv' is not valid: use 3-24 letters, digits and dashes, starting with a letter.",
    );
    expect(() => engine.createVault({ name: "short-kv", recoverableDays: 120 })).toThrow(
      "recoverableDays must be a whole number from 7 to 90, got 120.",
    );
    expect(() => engine.createCredential("payments-api")).toThrow("No identity named 'payments-api' (known: none).");
    expect(() => engine.clock.advance(-1)).toThrow("clock.advance() takes a non-negative number of seconds, got -1");
  });
});

import { describe, expect, it } from "vitest";
import type { SecretClient } from "@azure/keyvault-secrets";
import { createEngineFromScenario, parseVaultScenario, ROTATION_IDENTITY, ScenarioError, type VaultEngine } from "../../src/vault/index.ts";
import { FAKE, START, paymentsEngine, paymentsScenario, sdkClient } from "./fixtures.ts";

const HOUR = 3600;

function rotatingEngine(): VaultEngine {
  const engine = paymentsEngine();
  let n = 0;
  engine.rotation.add({
    vault: "payments-kv",
    secret: "StripeApiKey",
    afterSeconds: HOUR,
    generate: () => `sk_test_51FakeRotated${++n}`,
  });
  return engine;
}

/** What an app would ship: the key cached for `ttlSeconds` (Infinity: read once), on the app's clock. */
function keyCache(client: SecretClient, ttlSeconds: number, now: () => number) {
  let cached: { value: string; at: number } | undefined;
  return async (): Promise<string> => {
    if (!cached || now() - cached.at >= ttlSeconds) {
      const secret = await client.getSecret("StripeApiKey");
      cached = { value: secret.value ?? "", at: now() };
    }
    return cached.value;
  };
}

describe("rotation policy", () => {
  it("creates a new version when the clock passes the due time, created at that time", () => {
    const engine = rotatingEngine();
    const vault = engine.requireVault("payments-kv");
    engine.clock.advance(HOUR - 1);
    expect(vault.listVersions("StripeApiKey")).toHaveLength(1);
    engine.clock.advance(1);
    const versions = vault.listVersions("StripeApiKey");
    expect(versions).toHaveLength(2);
    expect(versions[1]).toMatchObject({ isLatest: true, version: { value: "sk_test_51FakeRotated1", created: START + HOUR } });
  });

  it("catches up version by version after a long jump, and audits each rotation", () => {
    const engine = rotatingEngine();
    engine.clock.advance(3 * HOUR + 600);
    const created = engine.requireVault("payments-kv").listVersions("StripeApiKey").map((v) => v.version.created - START);
    expect(created).toEqual([0, HOUR, 2 * HOUR, 3 * HOUR]);
    const rotations = engine.audit.entries().filter((e) => e.identity === ROTATION_IDENTITY);
    expect(rotations.map((e) => [e.operation, e.secretName, e.time - START])).toEqual([
      ["SecretNewVersionCreated", "StripeApiKey", HOUR],
      ["SecretNewVersionCreated", "StripeApiKey", 2 * HOUR],
      ["SecretNewVersionCreated", "StripeApiKey", 3 * HOUR],
    ]);
    expect(engine.rotation.list()[0]?.rotations).toBe(3);
  });

  it("counts from the latest version: a value set by hand restarts the wait", () => {
    const engine = rotatingEngine();
    const vault = engine.requireVault("payments-kv");
    engine.clock.advance(HOUR / 2);
    vault.setSecret("StripeApiKey", { value: FAKE.stripeKeyRotated });
    expect(engine.rotation.list()[0]?.nextRotation()).toBe(START + HOUR / 2 + HOUR);
    engine.clock.advance(HOUR / 2);
    expect(vault.getSecret("StripeApiKey").version.value).toBe(FAKE.stripeKeyRotated);
  });

  it("leaves a deleted secret alone, and a cancelled policy stops", () => {
    const engine = rotatingEngine();
    const vault = engine.requireVault("payments-kv");
    vault.deleteSecret("StripeApiKey");
    engine.clock.advance(2 * HOUR);
    expect(engine.rotation.list()[0]?.nextRotation()).toBeUndefined();
    vault.recoverDeletedSecret("StripeApiKey");
    engine.rotation.list()[0]?.cancel();
    engine.clock.advance(2 * HOUR);
    expect(vault.listVersions("StripeApiKey")).toHaveLength(1);
  });

  it("refuses a policy on a secret that does not exist", () => {
    const engine = paymentsEngine();
    expect(() => engine.rotation.add({ vault: "payments-kv", secret: "Nope", afterSeconds: 60 })).toThrow(/Nope/);
    expect(() => engine.rotation.add({ vault: "payments-kv", secret: "StripeApiKey", afterSeconds: 0 })).toThrow(RangeError);
  });
});

describe("rotation in a scenario", () => {
  it("is declared on the secret, with a value template", () => {
    const scenario = paymentsScenario();
    scenario.vaults[0]!.secrets![0]!.rotation = { afterSeconds: 86_400, value: "sk_test_51FakeRotation{n}x{random}", expiresAfterSeconds: 7 * 86_400 };
    const engine = createEngineFromScenario(scenario);
    engine.clock.advance(2 * 86_400);
    const versions = engine.snapshot("payments-kv").secrets.find((s) => s.name === "StripeApiKey")!.versions;
    expect(versions.map((v) => v.value.replace(/x[0-9a-f]{8}$/, "x…"))).toEqual([FAKE.stripeKey, "sk_test_51FakeRotation1x…", "sk_test_51FakeRotation2x…"]);
    expect(versions[2]?.exp).toBe(START + 2 * 86_400 + 7 * 86_400);
  });

  it("is validated, with the path of each problem", () => {
    const scenario = paymentsScenario();
    scenario.vaults[0]!.secrets![0]!.rotation = { afterSeconds: -5 };
    scenario.vaults[0]!.secrets![1] = { name: "DatabasePassword", versions: [{ value: FAKE.dbPassword }], deleted: true, rotation: { afterSeconds: 60 } };
    let problems: readonly string[] = [];
    try {
      parseVaultScenario(scenario);
    } catch (error) {
      problems = (error as ScenarioError).problems;
    }
    expect(problems).toEqual([
      expect.stringMatching(/^vaults\.0\.secrets\.0\.rotation\.afterSeconds: /),
      "vaults.0.secrets.1.rotation: a secret that starts deleted cannot rotate",
    ]);
  });
});

describe("a program using the real SDK across a rotation", () => {
  it("that caches with a TTL picks up the new version", async () => {
    const engine = rotatingEngine();
    const readKey = keyCache(sdkClient(engine, "payments-api"), 300, () => engine.clock.now());
    expect(await readKey()).toBe(FAKE.stripeKey);
    engine.clock.advance(60);
    expect(await readKey()).toBe(FAKE.stripeKey);
    engine.clock.advance(HOUR);
    expect(await readKey()).toBe("sk_test_51FakeRotated1");
    const reads = engine.audit.entries().filter((e) => e.operation === "SecretGet" && e.status === 200);
    expect(reads).toHaveLength(2);
  });

  it("that caches forever keeps the old value", async () => {
    const engine = rotatingEngine();
    const readKey = keyCache(sdkClient(engine, "payments-api"), Infinity, () => engine.clock.now());
    expect(await readKey()).toBe(FAKE.stripeKey);
    engine.clock.advance(2 * HOUR);
    expect(await readKey()).toBe(FAKE.stripeKey);
    expect(engine.requireVault("payments-kv").getSecret("StripeApiKey").version.value).toBe("sk_test_51FakeRotated2");
  });
});

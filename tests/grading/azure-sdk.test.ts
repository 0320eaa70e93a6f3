/**
 * Grading programs that use the official SDK: `new SecretClient(url, credential)` signs in on the
 * grader's network (IMDS for the managed identity, Entra ID for a client secret), reads a canary
 * from the mock vault, charges with it, and must pick up the version the vault gets mid-run.
 */
import { describe, expect, test } from "vitest";
import type { ExerciseScenarioInput } from "../../src/schemas/exercise-scenario.ts";
import { DEFAULT_TENANT_ID } from "../../src/vault/index.ts";
import { check, createGrader, SHOWN_DB_PASSWORD, SHOWN_KEY } from "./fixtures.ts";

const { grade } = createGrader();

const DEPLOY_APP_ID = "d3p10y00-0000-4000-8000-000000000001";

const sdkScenario = {
  entry: "main.ts",
  starterFiles: { "main.ts": "" },
  solutionFiles: { "main.ts": "" },
  env: { KEY_CACHE_TTL_MS: "200" },
  secrets: [
    { name: "payments_key", kind: "api-key", label: "the payments API key", shownValue: SHOWN_KEY },
    { name: "db_password", kind: "password", label: "the database password", shownValue: SHOWN_DB_PASSWORD },
  ],
  vault: {
    identities: [
      { name: "payments-api", kind: "managed-identity" },
      { name: "deploy-pipeline", kind: "service-principal", appId: DEPLOY_APP_ID },
    ],
    vaults: [
      {
        name: "payments-kv",
        secrets: [
          { name: "PaymentsApiKey", versions: [{ value: "{{secret:payments_key}}" }] },
          { name: "DatabasePassword", versions: [{ value: "{{secret:db_password}}" }] },
        ],
      },
    ],
    roleAssignments: [
      { principal: "payments-api", role: "Key Vault Secrets User", vault: "payments-kv", secret: "PaymentsApiKey" },
      { principal: "deploy-pipeline", role: "Key Vault Secrets Officer", vault: "payments-kv" },
    ],
  },
  machine: { managedIdentity: "payments-api", clientSecrets: { "deploy-pipeline": "deploy-client-secret-demo-only" } },
  mockApis: ["payments"],
  rotation: { secret: "payments_key", atMs: 1000 },
  timeoutMs: 8000,
  checks: [
    { id: "runs", kind: "exit-code" },
    { id: "charged", kind: "stdout-includes", text: "order 10: charged" },
    { id: "read", kind: "vault-read-by", identity: "payments-api", secret: "PaymentsApiKey" },
    { id: "key-sent", kind: "api-received-secret", api: "payments", secret: "payments_key" },
    { id: "rotation", kind: "rotation-picked-up", api: "payments", secret: "payments_key" },
    { id: "no-leak", kind: "no-leak" },
  ],
} satisfies ExerciseScenarioInput;

/** The service: charges 10 orders, 200 ms apart, with the key from `readKey()`. */
const program = (credential: string, readKey: string, extra = "") => `import { SecretClient } from "@azure/keyvault-secrets";
import { ${credential} } from "@azure/identity";

const client = new SecretClient("https://payments-kv.vault.azure.net", new ${credential}());
${readKey}
${extra}
for (let order = 1; order <= 10; order++) {
  const res = await fetch("https://api.payments.example/v1/charges", {
    method: "POST",
    headers: { Authorization: \`Bearer \${await paymentsKey()}\`, "Content-Type": "application/json" },
    body: JSON.stringify({ amount: 1000 + order, currency: "eur", customer: "cus_demo_42" }),
  });
  if (!res.ok) throw new Error(\`order \${order}: charge failed (\${res.status})\`);
  console.log(\`order \${order}: charged\`);
  await new Promise((resolve) => setTimeout(resolve, 200));
}
`;

const TTL_CACHE = `const ttlMs = Number(process.env.KEY_CACHE_TTL_MS ?? 300_000);
let cached: { value: string; readAt: number } | undefined;
async function paymentsKey(): Promise<string> {
  if (!cached || Date.now() - cached.readAt >= ttlMs) {
    const secret = await client.getSecret("PaymentsApiKey");
    cached = { value: secret.value ?? "", readAt: Date.now() };
  }
  return cached.value;
}`;

const FOREVER_CACHE = `const key = (await client.getSecret("PaymentsApiKey")).value ?? "";
async function paymentsKey(): Promise<string> {
  return key;
}`;

const failing = (report: Awaited<ReturnType<typeof grade>>) => report.checks.filter((c) => !c.passed).map((c) => `${c.id}: ${c.actual}`);

describe("a program that uses the official SDK", () => {
  test("its managed identity, a cache with a TTL, nothing printed: passes", async () => {
    const report = await grade(sdkScenario, { "main.ts": program("ManagedIdentityCredential", TTL_CACHE) });
    expect(failing(report)).toEqual([]);
    expect(report.run?.rotatedAtMs).toBeGreaterThanOrEqual(950);
  });

  test("DefaultAzureCredential finds the managed identity the same way", async () => {
    const report = await grade(sdkScenario, { "main.ts": program("DefaultAzureCredential", TTL_CACHE) });
    expect(failing(report)).toEqual([]);
  });

  test("a key read once and kept for ever misses the rotation", async () => {
    const report = await grade(sdkScenario, { "main.ts": program("ManagedIdentityCredential", FOREVER_CACHE) });
    expect(failing(report).map((f) => f.split(":")[0])).toEqual(["rotation"]);
    expect(check(report, "rotation").actual).toMatch(/still carried the old value: the program read the vault once and kept it/);
  });

  test("signed in with the deploy pipeline's leftover client secret: read as the wrong identity", async () => {
    const scenario = {
      ...sdkScenario,
      env: { ...sdkScenario.env, AZURE_TENANT_ID: DEFAULT_TENANT_ID, AZURE_CLIENT_ID: DEPLOY_APP_ID, AZURE_CLIENT_SECRET: "deploy-client-secret-demo-only" },
    } satisfies ExerciseScenarioInput;
    const report = await grade(scenario, { "main.ts": program("DefaultAzureCredential", TTL_CACHE) });
    expect(check(report, "read").actual).toBe("The secret was read as deploy-pipeline, not as payments-api: use the token of payments-api.");
  });

  test("another secret read and tucked into the key's tags is a leak in the vault", async () => {
    const scenario = {
      ...sdkScenario,
      vault: { ...sdkScenario.vault, roleAssignments: [{ principal: "payments-api", role: "Key Vault Secrets Officer", vault: "payments-kv" }] },
    } satisfies ExerciseScenarioInput;
    const stash = `const db = await client.getSecret("DatabasePassword");
await client.updateSecretProperties("PaymentsApiKey", (await client.getSecret("PaymentsApiKey")).properties.version!, { tags: { db: db.value ?? "" } });`;
    const report = await grade(scenario, { "main.ts": program("ManagedIdentityCredential", TTL_CACHE, stash) });
    const leak = check(report, "no-leak").leaks?.find((l) => l.surface === "vault");
    expect(leak).toMatchObject({ secret: "db_password", location: "the tags of vault payments-kv, secret PaymentsApiKey" });
  });

  test("a machine naming an identity the vault does not know is a setup error", async () => {
    const scenario = { ...sdkScenario, machine: { managedIdentity: "ghost" } };
    await expect(grade(scenario, { "main.ts": "" })).rejects.toThrow("machine.managedIdentity: no vault identity named 'ghost'");
  });
});

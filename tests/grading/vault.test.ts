/**
 * A Key Vault scenario: the program fetches the payments key from the mock vault as its managed
 * identity (token in AZURE_ACCESS_TOKEN) and charges with it. The audit log, RBAC refusals and
 * copies left in the vault are graded.
 */
import { describe, expect, test } from "vitest";
import type { ExerciseScenarioInput } from "../../src/schemas/exercise-scenario.ts";
import { check, chargeProgram, createGrader, SHOWN_KEY } from "./fixtures.ts";

const { grade } = createGrader();

const vaultScenario = {
  entry: "index.ts",
  starterFiles: { "index.ts": "" },
  solutionFiles: { "index.ts": "" },
  env: { AZURE_ACCESS_TOKEN: "{{vault-token:payments-api}}" },
  secrets: [{ name: "payments_key", kind: "api-key", label: "the payments API key", shownValue: SHOWN_KEY }],
  vault: {
    identities: [
      { name: "payments-api", kind: "managed-identity" },
      { name: "build-agent", kind: "service-principal" },
    ],
    vaults: [{ name: "payments-kv", secrets: [{ name: "PaymentsApiKey", versions: [{ value: "{{secret:payments_key}}" }] }] }],
    roleAssignments: [{ principal: "payments-api", role: "Key Vault Secrets Officer", vault: "payments-kv" }],
  },
  mockApis: ["payments"],
  checks: [
    { id: "read", kind: "vault-read-by", identity: "payments-api", secret: "PaymentsApiKey" },
    { id: "key-sent", kind: "api-received-secret", api: "payments", secret: "payments_key" },
    { id: "no-leak", kind: "no-leak" },
  ],
} satisfies ExerciseScenarioInput;

const fetchKey = `const vaultUrl = "https://payments-kv.vault.azure.net/secrets/PaymentsApiKey?api-version=2026-04-01";
const vaultRes = await fetch(vaultUrl, { headers: { Authorization: "Bearer " + process.env.AZURE_ACCESS_TOKEN } });
if (!vaultRes.ok) throw new Error("vault answered " + vaultRes.status);
const secret = await vaultRes.json();
`;
const program = (extra = "") => `${fetchKey}${chargeProgram("secret.value", extra)}`;

describe("a key fetched from the vault", () => {
  test("read as the right identity and sent to the API: passes", async () => {
    const report = await grade(vaultScenario, { "index.ts": program() });
    expect(report.checks.filter((c) => !c.passed)).toEqual([]);
  });

  test("read with another identity's token: the refusal is explained", async () => {
    const scenario = { ...vaultScenario, env: { AZURE_ACCESS_TOKEN: "{{vault-token:build-agent}}" } };
    const report = await grade(scenario, { "index.ts": program() });
    expect(check(report, "read").actual).toBe("The secret was read as build-agent, not as payments-api: use the token of payments-api.");
  });

  test("never read: the check says the vault saw no read", async () => {
    const report = await grade(vaultScenario, { "index.ts": "console.log('no vault today');" });
    expect(check(report, "read").actual).toBe("The vault received no read of PaymentsApiKey.");
  });

  test("a copy stored in the vault under another name is a leak; its home is not", async () => {
    const copy = `await fetch("https://payments-kv.vault.azure.net/secrets/debug-copy?api-version=2026-04-01", {
  method: "PUT",
  headers: { Authorization: "Bearer " + process.env.AZURE_ACCESS_TOKEN, "Content-Type": "application/json" },
  body: JSON.stringify({ value: Buffer.from(apiKey).toString("base64") }),
});`;
    const report = await grade(vaultScenario, { "index.ts": program(copy) });
    const leaks = check(report, "no-leak").leaks ?? [];
    expect(leaks.map((l) => `${l.surface} ${l.form}`)).toEqual(["request-body base64", "vault base64"]);
    expect(leaks[1]?.location).toBe("the value of vault payments-kv, secret debug-copy");
  });
});

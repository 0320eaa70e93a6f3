/**
 * Shared fixtures for grading tests: one Node runtime over a network reserved for grading, and
 * the scenarios the tests grade. Fake secrets only.
 */
import { afterAll } from "vitest";
import { createNodeRuntime } from "../../src/runtime/node.ts";
import { SimulatedNetwork } from "../../src/runtime/index.ts";
import { gradeExercise, type CheckResult, type GradeOptions, type GradeReport, type GradingDeps } from "../../src/grading/index.ts";
import type { ExerciseScenarioInput } from "../../src/schemas/exercise-scenario.ts";

export const SHOWN_KEY = "sk_test_51FakeKeyForSecretsLab000000000000";
export const SHOWN_DB_PASSWORD = "P@ssw0rd-demo-only";

export function createGrader(extra: Partial<GradingDeps> = {}) {
  const network = new SimulatedNetwork();
  const runtime = createNodeRuntime({ network });
  afterAll(() => runtime.dispose());
  const deps: GradingDeps = { runtime, network, ...extra };
  return {
    network,
    runtime,
    grade: (scenario: ExerciseScenarioInput, files: Record<string, string>, options?: GradeOptions): Promise<GradeReport> => gradeExercise(scenario, files, deps, options),
  };
}

export function check(report: GradeReport, id: string): CheckResult {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check '${id}' in the report: ${report.checks.map((c) => c.id).join(", ")}`);
  return found;
}

/** The charge call every payments program makes; `key` is a TS expression. */
export function chargeProgram(keyExpression: string, extra = ""): string {
  return `const apiKey = ${keyExpression};
if (!apiKey) {
  console.error("EXTERNAL_API_KEY is not set: refusing to start.");
  process.exit(1);
}
${extra}
const res = await fetch("https://api.payments.example/v1/charges", {
  method: "POST",
  headers: { Authorization: \`Bearer \${apiKey}\`, "Content-Type": "application/json" },
  body: JSON.stringify({ amount: 1999, currency: "eur", customer: "cus_demo_42" }),
});
if (!res.ok) throw new Error(\`charge failed: \${res.status}\`);
const receipt = await res.json();
console.log("charged", receipt.amount, receipt.currency, "->", receipt.status);
`;
}

export const STARTER = chargeProgram(JSON.stringify(SHOWN_KEY));
export const SOLUTION = chargeProgram("process.env.EXTERNAL_API_KEY");

/** "Move the payments key from source to env without leaking it." */
export const envKeyScenario = {
  entry: "index.ts",
  starterFiles: { "index.ts": STARTER },
  solutionFiles: { "index.ts": SOLUTION },
  env: { EXTERNAL_API_KEY: "{{secret:payments_key}}" },
  secrets: [{ name: "payments_key", kind: "api-key", label: "the payments API key", shownValue: SHOWN_KEY }],
  mockApis: ["payments"],
  checks: [
    { id: "runs", kind: "exit-code", equals: 0 },
    { id: "charged", kind: "stdout-includes", text: "charged 1999 eur -> succeeded" },
    { id: "key-sent", kind: "api-received-secret", api: "payments", secret: "payments_key", where: "authorization-bearer" },
    { id: "no-leak", kind: "no-leak", secret: "payments_key", surfaces: "all" },
    { id: "no-literal", kind: "source-has-no-literal", secret: "payments_key" },
  ],
} satisfies ExerciseScenarioInput;

/**
 * "Read /run/secrets/db_password and send it to the payments API as x-db-password" — a password
 * with `"` and `\` in it, so URL-encoded and JSON-escaped forms differ from the raw value.
 */
export const passwordFileScenario = {
  entry: "index.ts",
  starterFiles: { "index.ts": "" },
  solutionFiles: { "index.ts": "" },
  virtualFiles: { "/run/secrets/db_password": "{{secret:db_password}}\n" },
  secrets: [{ name: "db_password", kind: "password", symbols: '"\\', label: "the database password", shownValue: SHOWN_DB_PASSWORD }],
  checks: [
    { id: "runs", kind: "exit-code" },
    { id: "no-leak", kind: "no-leak" },
  ],
} satisfies ExerciseScenarioInput;

export const READ_PASSWORD = `import { readFileSync } from "node:fs";\nconst password = readFileSync("/run/secrets/db_password", "utf8").trim();\n`;

/**
 * Secrets in mounted files: URL-encoded and JSON-escaped leaks of a password with `"` and `\`, and a
 * rotation mid-run that only a program re-reading the file survives.
 */
import { describe, expect, test } from "vitest";
import type { ExerciseScenarioInput } from "../../src/schemas/exercise-scenario.ts";
import { check, createGrader, passwordFileScenario, READ_PASSWORD, SHOWN_KEY } from "./fixtures.ts";

const { grade } = createGrader();

describe("a password read from /run/secrets", () => {
  const scenario = { ...passwordFileScenario, mockApis: ["payments"] } satisfies ExerciseScenarioInput;

  test("reading it and printing only a mask passes", async () => {
    const report = await grade(scenario, { "index.ts": `${READ_PASSWORD}console.log("password loaded", "****" + password.slice(-4));` });
    expect(report.checks.filter((c) => !c.passed)).toEqual([]);
  });

  test("URL-encoded in a query string to the payments API is caught", async () => {
    const report = await grade(scenario, { "index.ts": `${READ_PASSWORD}await fetch("https://api.payments.example/v1/charges?db=" + encodeURIComponent(password));` });
    expect(check(report, "no-leak").leak).toMatchObject({ surface: "request-url", form: "url-encoded", secret: "db_password" });
    expect(check(report, "no-leak").actual).toMatch(/^The database password appeared in the URL of GET https:\/\/api\.payments\.example\/v1\/charges\?db=‹db_password›, URL-encoded:/);
  });

  test("JSON-escaped in printed config is caught", async () => {
    const report = await grade(scenario, { "index.ts": `${READ_PASSWORD}console.log(JSON.stringify({ db: { user: "app", password } }));` });
    expect(check(report, "no-leak").leak).toMatchObject({ surface: "stdout", form: "json-escaped" });
    expect(check(report, "no-leak").leak?.excerpt).toBe('{"db":{"user":"app","password":"‹db_password›"}}⏎');
  });

  test("a copy written to another file is caught; the planted file itself is not a leak", async () => {
    const report = await grade(scenario, { "index.ts": `${READ_PASSWORD}import { writeFileSync } from "node:fs";\nwriteFileSync("/run/secrets/db_password", password + "\\n");\nwriteFileSync("cache.txt", password);` });
    const leaks = check(report, "no-leak").leaks ?? [];
    expect(leaks.map((l) => l.location)).toEqual(["the file /app/cache.txt the program wrote"]);
  });
});

/** "Charge every 100 ms; the platform rotates the key file at 350 ms; keep charging without a restart." */
const rotationScenario = {
  entry: "index.ts",
  starterFiles: { "index.ts": "" },
  solutionFiles: { "index.ts": "" },
  virtualFiles: { "/run/secrets/payments_key": "{{secret:payments_key}}\n" },
  secrets: [{ name: "payments_key", kind: "api-key", label: "the payments API key", shownValue: SHOWN_KEY }],
  mockApis: ["payments"],
  rotation: { secret: "payments_key", atMs: 350 },
  timeoutMs: 4000,
  checks: [
    { id: "runs", kind: "exit-code" },
    { id: "key-sent", kind: "api-received-secret", api: "payments", secret: "payments_key" },
    { id: "rotation", kind: "rotation-picked-up", api: "payments", secret: "payments_key" },
    { id: "no-leak", kind: "no-leak" },
  ],
} satisfies ExerciseScenarioInput;

const chargeLoop = (keyExpression: string, setup = "", rounds = 8) => `import { readFileSync, watch } from "node:fs";
const path = "/run/secrets/payments_key";
const read = () => readFileSync(path, "utf8").trim();
${setup}
for (let i = 0; i < ${rounds}; i++) {
  const res = await fetch("https://api.payments.example/v1/charges", {
    method: "POST",
    headers: { Authorization: "Bearer " + ${keyExpression}, "Content-Type": "application/json" },
    body: JSON.stringify({ amount: 100 + i }),
  });
  if (!res.ok) throw new Error("charge failed: " + res.status);
  await new Promise((resolve) => setTimeout(resolve, 100));
}
console.log("done");
process.exit(0);
`;

describe("rotation of a mounted secret file", () => {
  test("a program that re-reads the file for each charge passes", async () => {
    const report = await grade(rotationScenario, { "index.ts": chargeLoop("read()") });
    expect(report.checks.filter((c) => !c.passed)).toEqual([]);
    expect(report.run?.rotatedAtMs).toBeGreaterThanOrEqual(300);
  });

  test("a program that watches the file passes", async () => {
    const report = await grade(rotationScenario, { "index.ts": chargeLoop("key", "let key = read();\nwatch(path, () => { key = read(); });") });
    expect(check(report, "rotation").passed).toBe(true);
  });

  test("a program that read the file once fails, and says so", async () => {
    const report = await grade(rotationScenario, { "index.ts": chargeLoop("key", "const key = read();") });
    const rotation = check(report, "rotation");
    expect(rotation.passed).toBe(false);
    expect(rotation.actual).toMatch(/^After the rotation, \d+ request\(s\) still carried the old value: the program read \/run\/secrets\/payments_key once and kept it\./);
    expect(check(report, "key-sent").passed).toBe(true);
    expect(check(report, "no-leak").passed).toBe(true);
  });

  test("a program that ends before the rotation fails with the reason", async () => {
    // No request at all: with one, a loaded machine can start the program after 350 ms, and the
    // rotation (which waits for the first request) then lands during its last 100 ms.
    const report = await grade(rotationScenario, { "index.ts": chargeLoop("read()", "", 0) });
    expect(check(report, "rotation").actual).toBe("The program ended before the rotation at 350 ms: it must still be running then.");
  });

  // Printed when the file changes, not at a fixed time: on a loaded machine 500 ms can come before the rotation.
  test("leaking the rotated value is caught and named as such", async () => {
    const report = await grade(rotationScenario, { "index.ts": chargeLoop("read()", "watch(path, () => console.log('now using', read()));") });
    expect(check(report, "no-leak").leak?.excerpt).toContain("now using ‹payments_key (rotated)›");
  });
});

/**
 * Run variants: the learner's program runs again in a changed world (a secret unset, a file missing,
 * a host down) and each variant's checks are reported under its name. And the shown literal: the
 * value the statement shows counts as a leak wherever the program prints it.
 */
import { describe, expect, test } from "vitest";
import { GradingSetupError, parseExerciseScenario } from "../../src/grading/index.ts";
import type { ExerciseScenarioInput } from "../../src/schemas/exercise-scenario.ts";
import { check, chargeProgram, createGrader, envKeyScenario, passwordFileScenario, READ_PASSWORD, SHOWN_DB_PASSWORD, SHOWN_KEY, SOLUTION } from "./fixtures.ts";

const { grade } = createGrader();

const withVariants = {
  ...envKeyScenario,
  variants: [
    {
      id: "no-key",
      title: "Without EXTERNAL_API_KEY set",
      patch: { env: { EXTERNAL_API_KEY: null } },
      checks: [
        { id: "exits-1", kind: "exit-code", equals: 1 },
        { id: "names-variable", kind: "stderr-includes", text: "EXTERNAL_API_KEY" },
        { id: "no-request", kind: "no-request" },
      ],
    },
    {
      id: "api-down",
      title: "With the payments API down",
      down: ["api.payments.example"],
      checks: [{ id: "fails", kind: "exit-code", equals: 1 }, { id: "no-leak", kind: "no-leak" }],
    },
  ],
} satisfies ExerciseScenarioInput;

/** The solution without its fail-fast block: it sends `Bearer undefined`. */
const NO_FAIL_FAST = SOLUTION.replace(/if \(!apiKey\) \{[^}]*\}\n/, "");

describe("run variants", () => {
  test("the solution passes the scenario's checks and every variant's, each named after its variant", async () => {
    const report = await grade(withVariants, { "index.ts": SOLUTION });
    expect(report.checks.filter((c) => !c.passed)).toEqual([]);
    expect(report.checks.map((c) => c.id)).toEqual(["runs", "charged", "key-sent", "no-leak", "no-literal", "no-key/exits-1", "no-key/names-variable", "no-key/no-request", "api-down/fails", "api-down/no-leak"]);
    expect(check(report, "no-key/exits-1")).toMatchObject({ title: "Without EXTERNAL_API_KEY set: the program exits with code 1", variant: "no-key", actual: "It exited with code 1." });
    expect(check(report, "no-key/no-request").title).toBe("Without EXTERNAL_API_KEY set: the program sends no request");
    expect(report.variants?.map((v) => [v.id, v.title, v.run?.exitCode])).toEqual([
      ["no-key", "Without EXTERNAL_API_KEY set", 1],
      ["api-down", "With the payments API down", 1],
    ]);
    expect(report.variants?.[0]?.run?.output).toContain("EXTERNAL_API_KEY is not set: refusing to start.");
    // The host refused the connection, as Node's fetch reports it.
    expect(report.variants?.[1]?.run?.output).toContain("fetch failed");
  });

  test("deleting the fail-fast block passes the scenario's checks but fails the variant's, saying what it sent", async () => {
    const report = await grade(withVariants, { "index.ts": NO_FAIL_FAST });
    expect(report.passed).toBe(false);
    // It still exits 1 (the 401 is thrown), but names no variable and called the API first.
    expect(report.checks.filter((c) => !c.passed).map((c) => c.id)).toEqual(["no-key/names-variable", "no-key/no-request"]);
    expect(check(report, "no-key/no-request").actual).toContain("It sent 1 request(s), the first POST api.payments.example/v1/charges");
  });

  test("a mounted file removed by the patch is missing in the variant's run only", async () => {
    const scenario = {
      ...passwordFileScenario,
      variants: [{ id: "no-file", title: "Without the mounted file", patch: { virtualFiles: { "/run/secrets/db_password": null } }, checks: [{ id: "exits-1", kind: "exit-code", equals: 1 }] }],
    } satisfies ExerciseScenarioInput;
    const report = await grade(scenario, { "index.ts": `${READ_PASSWORD}console.log("read", password.length, "characters");\n` });
    expect(check(report, "runs").passed).toBe(true);
    expect(check(report, "no-file/exits-1")).toMatchObject({ passed: true });
    expect(report.variants?.[0]?.run?.output).toContain("ENOENT");
  });

  test("a variant is checked when the scenario is read: what it may patch, and its checks' references", () => {
    const bad = {
      ...envKeyScenario,
      variants: [
        { id: "x", title: "Patches the checks", patch: { checks: [] }, checks: [{ kind: "exit-code" }] },
        { id: "y", title: "Names an unknown secret", checks: [{ kind: "no-leak", secret: "nope" }] },
        { id: "y", title: "Duplicate id", checks: [{ kind: "exit-code" }] },
      ],
    };
    let problems: readonly string[] = [];
    try {
      parseExerciseScenario(bad);
    } catch (error) {
      problems = (error as GradingSetupError).problems;
    }
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^variants\.0\.patch\.checks: a variant changes the world only/),
        "variants.1.checks.0.secret: no secret named 'nope' in 'secrets'",
        "variants.2.id: duplicate variant id 'y'",
      ]),
    );
  });
});

describe("the shown literal", () => {
  test("the value the statement shows, printed by the program, is a leak, masked in the report", async () => {
    const report = await grade(envKeyScenario, { "index.ts": chargeProgram("process.env.EXTERNAL_API_KEY", `console.log("config", { key: ${JSON.stringify(SHOWN_KEY)} });`) });
    const leak = check(report, "no-leak");
    expect(leak.passed).toBe(false);
    expect(leak.actual).toContain("the value shown in the exercise, written in your code");
    expect(leak.leak).toMatchObject({ surface: "stdout", form: "raw" });
    expect(leak.leak?.excerpt).toContain("‹payments_key (as shown)›");
    expect(JSON.stringify(report)).not.toContain(SHOWN_KEY);
  });

  test("a key of the same shape pasted into the code and printed base64-encoded is a leak too", async () => {
    const pasted = "sk_test_51FakeMyOwnKey0000000000";
    const report = await grade(envKeyScenario, { "index.ts": chargeProgram("process.env.EXTERNAL_API_KEY", `console.log(btoa(${JSON.stringify(pasted)}));`) });
    expect(check(report, "no-leak")).toMatchObject({ passed: false, leak: { form: "base64" } });
    expect(JSON.stringify(report)).not.toContain(pasted);
  });

  test("a shown password printed by the program is found; a program that prints nothing of it passes", async () => {
    const leaky = await grade(passwordFileScenario, { "index.ts": `${READ_PASSWORD}console.log("default was ${SHOWN_DB_PASSWORD}");\n` });
    expect(check(leaky, "no-leak")).toMatchObject({ passed: false, leak: { secret: "db_password", form: "raw" } });
    const quiet = await grade(passwordFileScenario, { "index.ts": `${READ_PASSWORD}console.log("read", password.length, "characters");\n` });
    expect(check(quiet, "no-leak").passed).toBe(true);
  });
});

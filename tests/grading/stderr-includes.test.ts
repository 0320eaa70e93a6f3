/**
 * `stderr-includes`: the program explains a failure on its error output, e.g. a missing secret ->
 * a clear message on stderr and exit code 1. A message printed to stdout instead is named as such.
 */
import { describe, expect, test } from "vitest";
import { ExerciseScenarioSchema, type ExerciseScenarioInput } from "../../src/schemas/exercise-scenario.ts";
import { check, createGrader } from "./fixtures.ts";

const { grade } = createGrader();

const MESSAGE = "EXTERNAL_API_KEY is not set: refusing to start";
const SOLUTION = `const apiKey = process.env.EXTERNAL_API_KEY;
if (!apiKey) {
  console.error("${MESSAGE}.");
  process.exit(1);
}
console.log("started");
`;

/** The deployment forgot the key: the program must say so on stderr and stop. */
const missingKeyScenario = {
  entry: "main.ts",
  starterFiles: { "main.ts": "" },
  solutionFiles: { "main.ts": SOLUTION },
  env: { NODE_ENV: "production" },
  checks: [
    { id: "explains", kind: "stderr-includes", text: MESSAGE },
    { id: "exits-1", kind: "exit-code", equals: 1 },
  ],
} satisfies ExerciseScenarioInput;

describe("stderr-includes", () => {
  test("console.error with the message passes, with a title that names stderr", async () => {
    const report = await grade(missingKeyScenario, { "main.ts": SOLUTION });
    expect(report.checks.filter((c) => !c.passed)).toEqual([]);
    expect(check(report, "explains")).toMatchObject({
      title: `The error output (stderr) shows “${MESSAGE}”`,
      expected: `“${MESSAGE}” somewhere in the error output (stderr: console.error or process.stderr).`,
      actual: "It is there.",
    });
  });

  test("an uncaught error with the message counts: its message is on stderr", async () => {
    const report = await grade(missingKeyScenario, { "main.ts": `if (!process.env.EXTERNAL_API_KEY) throw new Error("${MESSAGE}");\n` });
    expect(check(report, "explains").passed).toBe(true);
    expect(check(report, "exits-1").passed).toBe(true);
  });

  test("the message on stdout (console.log) fails, and the learner is told where it went", async () => {
    const report = await grade(missingKeyScenario, { "main.ts": SOLUTION.replace("console.error", "console.log") });
    expect(check(report, "exits-1").passed).toBe(true);
    expect(check(report, "explains")).toMatchObject({
      passed: false,
      actual: "It was printed to the standard output (console.log), not to stderr: write error messages with console.error, so logs and CI keep them apart from normal output.",
    });
  });

  test("another message on stderr fails and shows what was written", async () => {
    const report = await grade(missingKeyScenario, { "main.ts": 'console.error("config error");\nprocess.exit(1);\n' });
    expect(check(report, "explains")).toMatchObject({ passed: false, actual: "Not found. The error output was “config error”." });
  });

  test("nothing on stderr fails, with why the program stopped", async () => {
    const report = await grade(missingKeyScenario, { "main.ts": "process.exit(1);\n" });
    const explains = check(report, "explains");
    expect(explains.passed).toBe(false);
    expect(explains.actual).toMatch(/^Not found: the program wrote nothing to stderr\./);
    const quiet = await grade(missingKeyScenario, { "main.ts": 'console.log("started");\n' });
    expect(check(quiet, "explains").actual).toBe("Not found: the program wrote nothing to stderr.");
  });

  test("the schema accepts it and, like stdout-includes, asks for a program to run", () => {
    expect(ExerciseScenarioSchema.parse(missingKeyScenario).checks[0]).toEqual({ id: "explains", kind: "stderr-includes", text: MESSAGE });
    const noEntry = ExerciseScenarioSchema.safeParse({ ...missingKeyScenario, entry: undefined });
    expect(noEntry.success).toBe(false);
    expect(noEntry.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toContain("checks.0: 'stderr-includes' needs a program to run ('entry')");
    const empty = ExerciseScenarioSchema.safeParse({ ...missingKeyScenario, checks: [{ kind: "stderr-includes", text: "" }] });
    expect(empty.success).toBe(false);
  });
});

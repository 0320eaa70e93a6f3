/**
 * The `answer` check: a written answer in a learner's JSON file, at a JSON Pointer. No program runs.
 */
import { describe, expect, test } from "vitest";
import type { ExerciseScenarioInput } from "../../src/schemas/exercise-scenario.ts";
import { GradingSetupError, parseExerciseScenario } from "../../src/grading/index.ts";
import { check, createGrader } from "./fixtures.ts";

const { grade } = createGrader();
const PROPS = ["encrypted", "revocable", "rotatable", "restricted", "independent"];

const quiz = {
  starterFiles: { "answers.json": '{ "places": { "ci-log": { "readable": null, "breaks": [] } }, "first": null }\n' },
  solutionFiles: { "answers.json": '{ "places": { "ci-log": { "readable": true, "breaks": ["restricted"] } }, "first": "revoke" }\n' },
  checks: [
    { id: "readable", kind: "answer", file: "answers.json", at: "/places/ci-log/readable", equals: true, hint: "Who can open CI logs?" },
    { id: "breaks", kind: "answer", file: "answers.json", at: "/places/ci-log/breaks", includes: ["restricted"], allowed: PROPS },
    { id: "first", kind: "answer", file: "answers.json", at: "/first", equals: "revoke" },
  ],
} satisfies ExerciseScenarioInput;

const answers = (text: string) => grade(quiz, { "answers.json": text });

describe("the answer check", () => {
  test("right answers pass (strings trimmed, any case); the starting file is not answered yet", async () => {
    const right = await answers('{ "places": { "ci-log": { "readable": true, "breaks": ["Restricted ", "encrypted"] } }, "first": "REVOKE" }');
    expect(right.checks.filter((c) => !c.passed)).toEqual([]);
    expect(right.run).toBeUndefined();
    const start = await grade(quiz, quiz.starterFiles);
    expect(start.checks.map((c) => [c.id, c.passed, c.actual])).toEqual([
      ["readable", false, "Not answered yet (null)."],
      ["breaks", false, "Not answered yet ([])."],
      ["first", false, "Not answered yet (null)."],
    ]);
  });

  test("a wrong answer gets the hint, not the answer; a value outside the choices is named", async () => {
    const report = await answers('{ "places": { "ci-log": { "readable": false, "breaks": ["secret"] } }, "first": "rewrite" }');
    expect(check(report, "readable").actual).toBe("You answered false. Who can open CI logs?");
    expect(check(report, "breaks").actual).toBe('"secret" is not one of "encrypted", "revocable", "rotatable", "restricted", "independent".');
    expect(check(report, "first")).toMatchObject({ passed: false, actual: 'You answered "rewrite".' });
    expect(JSON.stringify(report)).not.toContain('"revoke"');
  });

  test("a file that is not JSON, or has lost its layout, says so", async () => {
    expect(check(await answers('{ "places": { "ci-log": { "readable": true, } } }'), "readable").actual).toMatch(/^answers\.json is not valid JSON \(.+\): check the quotes and commas\.$/);
    expect(check(await answers('{ "first": "revoke" }'), "readable").actual).toBe("answers.json has nothing at /places/ci-log/readable: keep the layout of the starting file.");
    expect(check(await grade(quiz, {}), "first").actual).toBe("There is no file answers.json: write your answers there.");
  });

  test("an answer check must say what is right and name a starter file", () => {
    let problems: readonly string[] = [];
    try {
      parseExerciseScenario({ ...quiz, checks: [{ kind: "answer", file: "other.json", at: "/x" }] });
    } catch (error) {
      problems = (error as GradingSetupError).problems;
    }
    expect(problems).toEqual(["checks.0: an 'answer' check needs 'equals', 'includes' or 'allowed'", "checks.0.file: 'other.json' is not one of the starter files: the learner needs it to answer in"]);
  });
});

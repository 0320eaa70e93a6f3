import { afterAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { allExerciseKits } from "../../src/exercises/load-exercise-kits";
import { createDockerSimHost } from "../../src/exercises/docker-sim-host";
import { gradeExercise, type GradeReport } from "../../src/grading/index";
import { SimulatedNetwork } from "../../src/runtime/index";
import { createNodeRuntime } from "../../src/runtime/node";

// Every graded exercise: its solution passes, and each wrong solution fails the
// checks it is meant to fail, with the message a learner should see.
const network = new SimulatedNetwork();
const runtime = createNodeRuntime({ network });
afterAll(() => runtime.dispose());
const deps = { runtime, network, createDockerHost: createDockerSimHost };

const kits = allExerciseKits();

function describeReport(report: GradeReport): string {
  return report.checks.map((c) => `${c.passed ? "PASS" : "FAIL"} ${c.id}: ${c.actual}`).join("\n");
}

describe("exercise kits", () => {
  it("exist", () => expect(kits.length).toBeGreaterThan(0));

  for (const kit of kits) {
    describe(kit.id, () => {
      it("the solution passes every check", async () => {
        const report = await gradeExercise(kit.scenario, kit.scenario.solutionFiles, deps);
        expect(report.passed, describeReport(report)).toBe(true);
      });

      it("the starting files do not pass", async () => {
        const report = await gradeExercise(kit.scenario, kit.scenario.starterFiles, deps);
        expect(report.passed, describeReport(report)).toBe(false);
      });

      it("has at least three wrong solutions", () => expect(kit.wrong.length).toBeGreaterThanOrEqual(3));

      for (const wrong of kit.wrong) {
        it(`wrong/${wrong.name}: ${wrong.why}`, async () => {
          const report = await gradeExercise(kit.scenario, wrong.files, deps);
          const failed = report.checks.filter((c) => !c.passed);
          expect(failed.map((c) => c.id), describeReport(report)).toEqual(expect.arrayContaining(wrong.failing));
          if (wrong.message) {
            const text = JSON.stringify(failed);
            expect(text, describeReport(report)).toContain(wrong.message);
          }
        });
      }
    });
  }
});

describe("every kit belongs to an exercise", () => {
  for (const kit of kits) {
    it(kit.id, () => {
      const statement = new URL(`../../content/exercises/${kit.id}.md`, import.meta.url);
      expect(existsSync(statement), `content/exercises/${kit.id}.md`).toBe(true);
    });
  }
});

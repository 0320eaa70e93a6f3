/**
 * Everything one grading run left behind, gathered before any check looks at it: checks are pure
 * functions of this record (plus the scenario), so they are easy to test and cannot disturb the run.
 */
import type { ExerciseScenario } from "../schemas/exercise-scenario.ts";
import type { Canary, CanarySet } from "./canary.ts";
import type { ProgramEvidence } from "./run-program.ts";
import type { GradingWorld } from "./world.ts";

export interface RunEvidence {
  scenario: ExerciseScenario;
  /** Relative to /app, as the learner wrote them. */
  learnerFiles: Record<string, string>;
  canaries: CanarySet;
  /** Values the learner's files may carry that Check never planted (shown-literals.ts); `no-leak` looks for them too. */
  shown?: readonly Canary[];
  world: GradingWorld;
  /** Absent when the scenario has no entry. */
  program?: ProgramEvidence;
}

/**
 * The grading engine: runs a learner's program against an exercise scenario with fresh canary
 * secrets and judges what the run left behind. Plain TypeScript, no DOM: the exercise page and
 * `npm run grade` (Node) call the same function.
 *
 *   import { gradeExercise, formatReport } from "../grading/index.ts";
 *   const network = new SimulatedNetwork();                      // reserved for grading
 *   const runtime = createLocalRuntime({ network });             // or createNodeRuntime({ network })
 *   const report = await gradeExercise(scenario, learnerFiles, { runtime, network }, { signal });
 *   report.checks.forEach((c) => show(c.title, c.passed, c.expected, c.actual, c.leak));
 *
 * The scenario format lives in `src/schemas/exercise-scenario.ts`.
 */
export { gradeExercise } from "./grade-exercise.ts";
export { parseExerciseScenario, shownPlaceholderValues } from "./scenario.ts";
export { formatReport } from "./report.ts";
export {
  DEFAULT_GRADING_LIMITS,
  GradingCancelledError,
  GradingSetupError,
  type BuiltImage,
  type CheckResult,
  type DockerCommandSummary,
  type DockerHost,
  type GradeOptions,
  type GradeReport,
  type GradingDeps,
  type GradingLimits,
  type ImageLayer,
  type LeakFinding,
  type LearnerLine,
  type ProgramRunSummary,
  type ShellResult,
  type VariantRunSummary,
} from "./types.ts";
export { LEAK_FORMS, LEAK_FORM_DESCRIPTIONS, PARTIAL_LEAK_MIN_CHARS, type LeakForm } from "./leak-forms.ts";
export { createCanary, type Canary, type RandomSource } from "./canary.ts";
export { findCanaries, maskCanaries, type CanaryMatch } from "./leak-scan.ts";
export { ScanCache, inlineScanner, scanInline, type LeakScanner } from "./scan-cache.ts";
export { fillPlaceholders, fillPlaceholdersDeep, type PlaceholderValues } from "./placeholders.ts";
export {
  ExerciseScenarioSchema,
  LEAK_SURFACES,
  type ExerciseCheck,
  type ExerciseScenario,
  type ExerciseScenarioInput,
  type LeakSurface,
} from "../schemas/exercise-scenario.ts";

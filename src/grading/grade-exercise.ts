/**
 * One grading run, in a fixed order:
 *   1. read the scenario (throws GradingSetupError when it cannot be graded);
 *   2. draw fresh canaries, build the world: each provider's part (mock APIs, vaults, a Docker host);
 *   3. each provider's work before the program (docker-sim: learner files into the context, setup lines);
 *   4. run the program once (with the rotation harness when the scenario rotates a secret);
 *   5. each provider's work after it (docker-sim: read the inspected images and containers);
 *   6. evaluate every check, in the scenario's order, on what the run left behind;
 *   7. mask every canary in everything the report says, one last time.
 * A crash, a timeout or a missing file in the learner's program is a result, not an error: the report
 * always comes back, and the checks that needed the program to succeed say why they failed.
 */
import type { ExerciseScenarioInput } from "../schemas/exercise-scenario.ts";
import { createCanarySet } from "./canary.ts";
import { evaluateCheck } from "./checks/index.ts";
import type { RunEvidence } from "./evidence.ts";
import { ScanCache } from "./scan-cache.ts";
import { collectSurfaces } from "./surfaces.ts";
import { buildReport } from "./report.ts";
import { runProgram, type ProgramEvidence } from "./run-program.ts";
import { parseExerciseScenario } from "./scenario.ts";
import { DEFAULT_GRADING_LIMITS, GradingCancelledError, GradingSetupError, type GradeOptions, type GradeReport, type GradingDeps } from "./types.ts";
import { buildWorld } from "./world.ts";

export async function gradeExercise(
  scenarioInput: ExerciseScenarioInput,
  learnerFiles: Record<string, string>,
  deps: GradingDeps,
  options: GradeOptions = {},
): Promise<GradeReport> {
  const started = performance.now();
  const { signal } = options;
  const limits = { ...DEFAULT_GRADING_LIMITS, ...options.limits };
  const throwIfCancelled = (): void => {
    if (signal?.aborted) throw new GradingCancelledError();
  };
  throwIfCancelled();

  const scenario = parseExerciseScenario(scenarioInput);
  const files = normaliseLearnerFiles(learnerFiles);
  const canaries = createCanarySet(scenario.secrets, scenario.rotation?.secret, deps.random);
  const world = await buildWorld(scenario, canaries, deps, files);
  try {
    await world.beforeProgram();
    throwIfCancelled();

    let program: ProgramEvidence | undefined;
    if (scenario.entry !== undefined) {
      program = await runProgram({ ...scenario, entry: scenario.entry }, files, world, deps.runtime, limits, signal);
    }
    throwIfCancelled();
    await world.afterProgram();

    const evidence: RunEvidence = { scenario, learnerFiles: files, canaries, world, ...(program ? { program } : {}) };
    // Every large text the checks and the report will scan, scanned once, up front (in a Worker on the page).
    const scans = await ScanCache.build(scannedTexts(evidence), canaries.all, deps.scanner);
    throwIfCancelled();
    const mask = (text: string): string => scans.mask(text, canaries.all);
    const findCanaries = scans.findCanaries.bind(scans);
    const results = [];
    for (const [index, check] of scenario.checks.entries()) {
      throwIfCancelled();
      results.push(await evaluateCheck(check, index, { evidence, mask, findCanaries }));
    }
    return buildReport(evidence, results, mask, performance.now() - started);
  } finally {
    world.dispose();
  }
}

/** Learner file names as the runtime expects them: relative to /app (`./index.ts`, `/app/index.ts` -> `index.ts`). */
function normaliseLearnerFiles(files: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    if (typeof text !== "string") throw new GradingSetupError([`learner file '${path}' is not text`]);
    out[path.replace(/^\/app\//, "").replace(/^\.\//, "")] = text;
  }
  return out;
}

/** The texts a grading scans: every surface of every secret, and the transcript the report masks. */
function* scannedTexts(evidence: RunEvidence): Generator<string> {
  for (const secret of evidence.scenario.secrets) for (const surface of collectSurfaces(evidence, secret.name, "all")) yield surface.text;
  if (evidence.program) yield evidence.program.transcript;
}

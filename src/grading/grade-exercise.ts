/**
 * One grading run, in a fixed order:
 *   1. read the scenario (throws GradingSetupError when it cannot be graded);
 *   2. draw fresh canaries, build the world: each provider's part (mock APIs, vaults, a Docker host);
 *   3. each provider's work before the program (docker-sim: learner files into the context, setup lines);
 *   4. run the program once (with the rotation harness when the scenario rotates a secret);
 *   5. each provider's work after it (docker-sim: read the inspected images and containers);
 *   6. evaluate every check, in the scenario's order, on what the run left behind;
 *   7. mask every canary (and every value the statement shows) in everything the report says;
 *   8. steps 2 to 7 again for each run variant (its world patched: a secret unset, disabled, a host
 *      down), its checks reported as "<variant title>: <check title>".
 * A crash, a timeout or a missing file in the learner's program is a result, not an error: the report
 * always comes back, and the checks that needed the program to succeed say why they failed.
 */
import { variantScenario, type ExerciseScenario, type ExerciseScenarioInput } from "../schemas/exercise-scenario.ts";
import { createCanarySet } from "./canary.ts";
import { evaluateCheck } from "./checks/index.ts";
import type { RunEvidence } from "./evidence.ts";
import { ScanCache } from "./scan-cache.ts";
import { collectSurfaces } from "./surfaces.ts";
import { buildReport } from "./report.ts";
import { runProgram, type ProgramEvidence } from "./run-program.ts";
import { parseExerciseScenario } from "./scenario.ts";
import { shownLiterals } from "./shown-literals.ts";
import { DEFAULT_GRADING_LIMITS, GradingCancelledError, GradingSetupError, type GradeOptions, type GradeReport, type GradingDeps, type GradingLimits } from "./types.ts";
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
  const report = await gradeRun(scenario, scenario.checks, files, deps, limits, signal, []);
  // Each variant: the program again, in the changed world, judged by the variant's own checks. Its
  // world still knows the scenario's checks: they say where a secret belongs (the header an
  // `api-received-secret` names is no leak in a variant's run either).
  for (const variant of scenario.variants) {
    throwIfCancelled();
    const changed = parseExerciseScenario(variantScenario(scenario, variant));
    const variantReport = await gradeRun({ ...changed, checks: [...changed.checks, ...scenario.checks] }, changed.checks, files, deps, limits, signal, variant.down);
    report.checks.push(...variantReport.checks.map((check) => ({ ...check, id: `${variant.id}/${check.id}`, title: `${variant.title}: ${lowerFirst(check.title)}`, variant: variant.id })));
    (report.variants ??= []).push({ id: variant.id, title: variant.title, ...(variantReport.run ? { run: variantReport.run } : {}) });
  }
  report.passed = report.checks.every((check) => check.passed);
  report.durationMs = Math.round(performance.now() - started);
  return report;
}

/** "The program exits..." -> "the program exits...", but "EXTERNAL_API_KEY is..." stays. */
function lowerFirst(title: string): string {
  return /^[A-Z][a-z]/.test(title) ? title.charAt(0).toLowerCase() + title.slice(1) : title;
}

/** Steps 2 to 7 for one world (the scenario's, or a variant's), evaluating `checks`. */
async function gradeRun(
  scenario: ExerciseScenario,
  checks: ExerciseScenario["checks"],
  files: Record<string, string>,
  deps: GradingDeps,
  limits: GradingLimits,
  signal: AbortSignal | undefined,
  down: readonly string[],
): Promise<GradeReport> {
  const started = performance.now();
  const throwIfCancelled = (): void => {
    if (signal?.aborted) throw new GradingCancelledError();
  };
  const canaries = createCanarySet(scenario.secrets, scenario.rotation?.secret, deps.random);
  const world = await buildWorld(scenario, canaries, deps, files, down);
  try {
    await world.beforeProgram();
    throwIfCancelled();

    let program: ProgramEvidence | undefined;
    if (scenario.entry !== undefined) {
      program = await runProgram({ ...scenario, entry: scenario.entry }, files, world, deps.runtime, limits, signal);
    }
    throwIfCancelled();
    await world.afterProgram();

    const shown = shownLiterals(scenario.secrets, files);
    const evidence: RunEvidence = { scenario, learnerFiles: files, canaries, shown, world, ...(program ? { program } : {}) };
    // The shown values are looked for and masked too: a report never repeats a key, even one the learner pasted.
    const masked = [...canaries.all, ...shown];
    // Every large text the checks and the report will scan, scanned once, up front (in a Worker on the page).
    const scans = await ScanCache.build(scannedTexts(evidence), masked, deps.scanner);
    throwIfCancelled();
    const mask = (text: string): string => scans.mask(text, masked);
    const findCanaries = scans.findCanaries.bind(scans);
    const results = [];
    for (const [index, check] of checks.entries()) {
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

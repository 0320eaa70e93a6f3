/**
 * Runs the learner's program once for grading: files, env and the rotation harness from the world,
 * output collected up to the cap, and a watchdog on top of the runtime's own time limit so a
 * runtime that never answers cannot hang the page either.
 */
import type { ExerciseScenario } from "../schemas/exercise-scenario.ts";
import type { OutputChunk, RunStatus, Runtime, RunTimings } from "../runtime/index.ts";
import { rotationHarness, type GradingWorld } from "./world.ts";
import { GradingCancelledError, type GradingLimits } from "./types.ts";

export interface ProgramEvidence {
  status: RunStatus;
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The sandbox's own lines (the host writes them: a program cannot, but they are scanned all the same). */
  system: string;
  /** stdout, stderr and sandbox lines in order, as a terminal shows them. */
  transcript: string;
  outputTruncated: boolean;
  writtenFiles: Record<string, string>;
  timings: RunTimings;
  /** The limit the run had. */
  timeoutMs: number;
  /** The runtime did not answer in time and was stopped by the grader's own watchdog. */
  watchdogFired: boolean;
}

/** Extra time granted past the program's limit for the runtime to start and report (worker start-up is up to 15 s). */
const WATCHDOG_GRACE_MS = 20_000;
const HARNESS_ENTRY = "/grader/main.ts";
const HARNESS_ROTATION = "/grader/rotation.ts";

export async function runProgram(
  scenario: ExerciseScenario & { entry: string },
  learnerFiles: Record<string, string>,
  world: GradingWorld,
  runtime: Runtime,
  limits: GradingLimits,
  signal: AbortSignal | undefined,
): Promise<ProgramEvidence> {
  const files: Record<string, string> = { ...learnerFiles, ...world.virtualFiles };
  let entry = scenario.entry;
  if (scenario.rotation) {
    // The rotation module is imported first: it schedules its timer before the learner's code runs
    // (even code that blocks its module on top-level await).
    const afterFirstRequest = scenario.checks.some((check) => check.kind === "rotation-picked-up");
    files[HARNESS_ROTATION] = rotationHarness(world.rotatedFiles, scenario.rotation.atMs, afterFirstRequest);
    files[HARNESS_ENTRY] = `import ${JSON.stringify(HARNESS_ROTATION)};\nimport ${JSON.stringify(`/app/${scenario.entry}`)};\n`;
    entry = HARNESS_ENTRY;
  }

  let kept = 0;
  let outputTruncated = false;
  const streams = { stdout: "", stderr: "", system: "" };
  let transcript = "";
  const onOutput = (chunk: OutputChunk): void => {
    if (chunk.stream === "system") {
      streams.system += chunk.text;
      transcript += chunk.text;
      return;
    }
    const room = limits.outputCap - kept;
    if (room <= 0) {
      outputTruncated = true;
      return;
    }
    const text = chunk.text.length > room ? chunk.text.slice(0, room) : chunk.text;
    if (text.length < chunk.text.length) outputTruncated = true;
    kept += text.length;
    streams[chunk.stream] += text;
    transcript += text;
  };

  const timeoutMs = scenario.timeoutMs ?? limits.timeoutMs;
  let watchdogFired = false;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<undefined>((resolve) => {
    watchdog = setTimeout(() => {
      watchdogFired = true;
      runtime.stop();
      resolve(undefined);
    }, timeoutMs + WATCHDOG_GRACE_MS);
  });
  world.markProgramStart();
  const started = performance.now();
  try {
    const result = await Promise.race([
      runtime.run({ files, entry, env: world.env, timeoutMs }, { onOutput, ...(signal ? { signal } : {}) }),
      stalled,
    ]);
    if (signal?.aborted) throw new GradingCancelledError();
    if (!result) {
      const totalMs = performance.now() - started;
      return { status: "timeout", exitCode: 124, ...streams, transcript, outputTruncated, writtenFiles: {}, timings: { totalMs, transpileMs: 0, executeMs: 0 }, timeoutMs, watchdogFired };
    }
    return { status: result.status, exitCode: result.exitCode, ...streams, transcript, outputTruncated, writtenFiles: result.writtenFiles, timings: result.timings, timeoutMs, watchdogFired };
  } finally {
    clearTimeout(watchdog);
  }
}

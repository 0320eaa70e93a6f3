/**
 * What the grading engine hands back, and the small interfaces it asks its callers for. Plain data
 * only: a report crosses postMessage, is saved as JSON and printed by the CLI unchanged.
 */
import type { LeakSurface } from "../schemas/exercise-scenario.ts";
import type { RunStatus, Runtime, SimulatedNetwork } from "../runtime/index.ts";
import type { RandomSource } from "./canary.ts";
import type { LeakForm } from "./leak-forms.ts";
import type { LeakScanner } from "./scan-cache.ts";

/** A place in a learner file: `index.ts:12`. */
export interface LearnerLine {
  /** Relative to /app, as the learner named it. */
  file: string;
  /** 1-based. */
  line: number;
}

/** Where and how a secret leaked. The excerpt has every canary masked (`‹payments_key›`). */
export interface LeakFinding {
  /** `source` for static checks: the learner's files themselves. */
  surface: LeakSurface | "source";
  /** Where on that surface, for learners: `stdout`, `file /app/debug.log`, `GET https://api.payments.example/v1/charges (URL)`. */
  location: string;
  form: LeakForm;
  /** The scenario secret that leaked (for the Dockerfile check: the ARG/ENV key). */
  secret: string;
  excerpt: string;
  /** The learner's line, when the surface tells it (a stack trace, a static check). */
  line?: LearnerLine;
}

export interface CheckResult {
  /** The scenario's id, or `<kind>-<position>`. */
  id: string;
  kind: string;
  /** What the check asks, for learners: "The payments API receives the key as a Bearer token". */
  title: string;
  passed: boolean;
  /** What a passing program does. */
  expected: string;
  /** What this program did; on a pass, a short confirmation. */
  actual: string;
  /** The first leak, for `no-leak` (and static checks, which point at a line). */
  leak?: LeakFinding;
  /** Every leak found (at most MAX_LEAKS_REPORTED), first one included. */
  leaks?: LeakFinding[];
  /** The run variant that ran this check (its id); absent for the scenario's own checks. */
  variant?: string;
}

/** One run variant's program run, next to the scenario's own (`run`). */
export interface VariantRunSummary {
  id: string;
  /** "Without EXTERNAL_API_KEY set". */
  title: string;
  run?: ProgramRunSummary;
}

export interface ProgramRunSummary {
  status: RunStatus;
  exitCode: number;
  durationMs: number;
  /** stdout + stderr + sandbox lines in order, every canary masked, capped at the output limit. */
  output: string;
  /** The program printed more than the output limit; the rest was neither kept nor scanned. */
  outputTruncated: boolean;
  /** When the rotation happened, ms after the run started; absent if the program ended first. */
  rotatedAtMs?: number;
}

export interface DockerCommandSummary {
  /** As the scenario wrote it (placeholders, never values). */
  command: string;
  exitCode: number;
  /** stdout + stderr, canaries masked. */
  output: string;
}

export interface GradeReport {
  /** Every check passed. */
  passed: boolean;
  checks: CheckResult[];
  /** Absent when the scenario has nothing to run. */
  run?: ProgramRunSummary;
  docker?: DockerCommandSummary[];
  /** The run variants, in the scenario's order; their checks are in `checks`, with `variant` set. */
  variants?: VariantRunSummary[];
  durationMs: number;
}

/** One shell line's outcome on the simulated Docker host. */
export interface ShellResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** One layer of an image, as `docker save` unpacks it: only what this layer itself holds. */
export interface ImageLayer {
  /** "sha256:<hex>", as in RootFS.Layers; a layer shared by several images has one diff id. */
  diffId: string;
  /** The history step that created it, as `docker history --no-trunc` shows it: `COPY .npmrc ./ # buildkit`. */
  createdBy: string;
  /** Absolute path -> content of every file in this layer's diff, whatever later layers did to it. */
  files: Record<string, string>;
  /** Paths this layer deletes (whiteouts): the bytes stay in the layers below. */
  deleted: string[];
}

/** An image on the Docker host, with every layer (base image layers included), bottom first. */
export interface BuiltImage {
  /** "sha256:<hex>" */
  id: string;
  /** Its tags now: none when a later build took its tag (the image is still on the host). */
  tags: string[];
  layers: ImageLayer[];
}

/**
 * The slice of the Docker simulator the grader needs, declared here so grading depends on no
 * particular engine: a host file system for the build context, and a shell that speaks `docker`.
 */
export interface DockerHost {
  writeFile(path: string, content: string): void | Promise<void>;
  exec(commandLine: string): ShellResult | Promise<ShellResult>;
  /**
   * Every image created on this host since it started (built, not the images it started with),
   * with its layers: the `image-layers` leak surface. A host without it has an empty surface.
   */
  builtImages?(): BuiltImage[] | Promise<BuiltImage[]>;
}

export interface GradingDeps {
  /**
   * Runs the learner's program. It must have been created over `network`: the grader adds its mock
   * hosts there for the duration of a grading and removes them afterwards, so give the grader a
   * runtime and network of its own (not the sandbox's, whose mock state the learner watches).
   */
  runtime: Runtime;
  network: SimulatedNetwork;
  /** A fresh simulated Docker host per grading; needed by scenarios with `docker`. */
  createDockerHost?: () => DockerHost;
  /** Canary randomness; default `crypto.getRandomValues`. */
  random?: RandomSource;
  /** Where the leak scan runs; default inline. The page gives a Worker (`leak-scan-worker-client.ts`). */
  scanner?: LeakScanner;
}

export interface GradingLimits {
  /** Wall-clock limit of the program. Default 8000 ms (a scenario's `timeoutMs` wins). */
  timeoutMs: number;
  /** Characters of stdout + stderr kept and scanned. Default 512 KiB. */
  outputCap: number;
}

export const DEFAULT_GRADING_LIMITS: GradingLimits = { timeoutMs: 8000, outputCap: 512 * 1024 };

export interface GradeOptions {
  /** Aborting stops the program and rejects with GradingCancelledError. */
  signal?: AbortSignal;
  limits?: Partial<GradingLimits>;
}

/** The caller cancelled a grading (its AbortSignal fired). */
export class GradingCancelledError extends Error {
  override readonly name = "GradingCancelledError";
  constructor() {
    super("Grading was cancelled.");
  }
}

/** The scenario cannot be graded as written (invalid, or it needs something the caller did not give). */
export class GradingSetupError extends Error {
  override readonly name = "GradingSetupError";
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`This exercise cannot be graded:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    this.problems = problems;
  }
}

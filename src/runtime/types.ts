/**
 * The one contract every runtime honours (Local, Node): a run takes files, an entry,
 * env and a time limit, streams output, and resolves with how it ended. Plain data only, so the same
 * types cross postMessage and worker_threads boundaries unchanged.
 */

/** One piece of output. `system` lines come from the sandbox itself (timeouts, truncation, fallback). */
export interface OutputChunk {
  stream: 'stdout' | 'stderr' | 'system';
  text: string;
}

export interface RunRequest {
  /**
   * Every file of the in-memory file system, path -> UTF-8 text: the learner's sources and the files
   * the sandbox seeds (`/run/secrets/db_password`, `/app/.env`). Relative paths are under `/app`.
   */
  files: Record<string, string>;
  /** The module to run, e.g. `index.ts` or `/app/index.ts`. */
  entry: string;
  /** `process.env` of the program. Nothing else leaks in. */
  env: Record<string, string>;
  /** Wall-clock limit. Default 5000 ms. */
  timeoutMs?: number;
  /** Extra arguments: `process.argv` is `['/usr/local/bin/node', entryPath, ...argv]`. */
  argv?: string[];
}

/**
 * - ok: the program ended on its own with exit code 0;
 * - error: non-zero exit, uncaught exception, unhandled rejection, syntax error or crash;
 * - timeout: still running at the deadline, killed;
 * - killed: stopped by the caller (Stop button, AbortSignal).
 */
export type RunStatus = 'ok' | 'error' | 'timeout' | 'killed';

export interface RunTimings {
  /** From `run()` to the result. */
  totalMs: number;
  /** Transpiling and linking every reachable learner file (0 when the run never got that far). */
  transpileMs: number;
  /** Executing the program until its event loop emptied or it exited. */
  executeMs: number;
  /** For a timeout: how long after the deadline the caller got its answer (the benchmark's loopKillMs). */
  deadlineOverrunMs?: number;
}

export interface RunResult {
  exitCode: number;
  status: RunStatus;
  timings: RunTimings;
  /** Files the program created or changed, path -> final text (grading reads them). */
  writtenFiles: Record<string, string>;
}

export interface RunHandlers {
  onOutput?: (chunk: OutputChunk) => void;
  /** Aborting stops the run with status `killed`. */
  signal?: AbortSignal;
}

export interface Runtime {
  /** Human-readable name for the status line, e.g. "in-browser (Web Worker)". */
  readonly name: string;
  run(request: RunRequest, handlers?: RunHandlers): Promise<RunResult>;
  /** Stops the run in progress, if any (status `killed`). */
  stop(): void;
  /** Releases workers, iframes, containers. The runtime is unusable afterwards. */
  dispose(): void;
}

export const DEFAULT_TIMEOUT_MS = 5000;
/** Output cap, counted in characters of stdout + stderr. */
export const DEFAULT_OUTPUT_CAP = 1024 * 1024;

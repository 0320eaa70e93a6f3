/**
 * Messages between a runtime host (page or Node test) and the worker running the learner's program.
 * One worker runs one program: `run` once, then it is terminated.
 */
import type { CompiledFiles } from './core/compiled-code.ts';
import type { NetworkFailure, SerializedRequest, SerializedResponse } from './network/http-message.ts';
import type { OutputChunk, RunRequest } from './types.ts';

export type HostToWorker =
  /** `compiled`: code compiled in advance for files whose text is unchanged, by absolute path. */
  | { type: 'run'; request: RunRequest; outputCap: number; compiled?: CompiledFiles }
  | { type: 'fetch-result'; id: number; result: SerializedResponse | NetworkFailure }
  /**
   * Answer to `load-bundle`: the bundle's script, or why it could not be loaded. Also sent unasked to a
   * spare worker for bundles the page has loaded before, so the next run finds them evaluated.
   */
  | { type: 'bundle'; name: BundleName; source?: string; error?: string };

/**
 * Code the browser worker loads only when a program needs it (the worker bundle stays small): the
 * page holds it behind a dynamic import and posts it on request.
 * - `azure-sdk`: the official `@azure/keyvault-secrets` (browser build) and the `@azure/identity` stand-in;
 * - `transpiler`: sucrase, for a file the page sent no compiled code for (see core/compiled-code.ts).
 */
export type BundleName = 'azure-sdk' | 'transpiler';

export type WorkerToHost =
  /** Sent once the worker has loaded and warmed up. */
  | { type: 'ready' }
  /** A batch of output, in order. */
  | { type: 'output'; chunks: OutputChunk[] }
  | { type: 'fetch'; id: number; request: SerializedRequest }
  /**
   * Sent once, after linking and before any learner code runs: the code this worker compiled itself,
   * by absolute path, so the host can send it with the next run of the same text.
   */
  | { type: 'compiled'; files: CompiledFiles }
  /** The program imported a module whose code is in a lazily loaded bundle; the host answers `bundle`. */
  | { type: 'load-bundle'; name: BundleName }
  /** The program ended on its own (or by process.exit); the host terminates the worker. */
  | { type: 'done'; exitCode: number; writtenFiles: Record<string, string>; transpileMs: number; executeMs: number };

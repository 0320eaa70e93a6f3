/**
 * Messages between a runtime host (page or Node test) and the worker running the learner's program.
 * One worker runs one program: `run` once, then it is terminated.
 */
import type { NetworkFailure, SerializedRequest, SerializedResponse } from './network/http-message.ts';
import type { OutputChunk, RunRequest } from './types.ts';

export type HostToWorker =
  | { type: 'run'; request: RunRequest; outputCap: number }
  | { type: 'fetch-result'; id: number; result: SerializedResponse | NetworkFailure }
  /** Answer to `load-bundle`: the bundle's script, or why it could not be loaded. */
  | { type: 'bundle'; name: BundleName; source?: string; error?: string };

/**
 * Code the browser worker loads only when a program needs it (the worker bundle stays small): the
 * page holds it behind a dynamic import and posts it on request. `azure-sdk`: the official
 * `@azure/keyvault-secrets` (browser build) and the `@azure/identity` stand-in.
 */
export type BundleName = 'azure-sdk';

export type WorkerToHost =
  /** Sent once the worker has loaded and warmed up. */
  | { type: 'ready' }
  /** A batch of output, in order. */
  | { type: 'output'; chunks: OutputChunk[] }
  | { type: 'fetch'; id: number; request: SerializedRequest }
  /** The program imported a module whose code is in a lazily loaded bundle; the host answers `bundle`. */
  | { type: 'load-bundle'; name: BundleName }
  /** The program ended on its own (or by process.exit); the host terminates the worker. */
  | { type: 'done'; exitCode: number; writtenFiles: Record<string, string>; transpileMs: number; executeMs: number };

/**
 * Messages between a runtime host (page or Node test) and the worker running the learner's program.
 * One worker runs one program: `run` once, then it is terminated.
 */
import type { NetworkFailure, SerializedRequest, SerializedResponse } from './network/http-message.ts';
import type { OutputChunk, RunRequest } from './types.ts';

export type HostToWorker =
  | { type: 'run'; request: RunRequest; outputCap: number }
  | { type: 'fetch-result'; id: number; result: SerializedResponse | NetworkFailure };

export type WorkerToHost =
  /** Sent once the worker has loaded and warmed up. */
  | { type: 'ready' }
  /** A batch of output, in order. */
  | { type: 'output'; chunks: OutputChunk[] }
  | { type: 'fetch'; id: number; request: SerializedRequest }
  /** The program ended on its own (or by process.exit); the host terminates the worker. */
  | { type: 'done'; exitCode: number; writtenFiles: Record<string, string>; transpileMs: number; executeMs: number };

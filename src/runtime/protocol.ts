/**
 * Messages between a runtime host (page or Node test) and the worker running the learner's program.
 * One worker runs one program: `run` once, then it is terminated.
 */
import type { CompiledFiles } from './core/compiled-code.ts';
import type { NetworkFailure, SerializedRequest, SerializedResponse } from './network/http-message.ts';
import type { OutputChunk, RunRequest } from './types.ts';
import type { SubtleAnswer } from './worker/subtle-relay.ts';

export type ProgramOutputChunk = OutputChunk & { stream: 'stdout' | 'stderr' };

export type HostToWorker =
  /** `compiled`: code compiled in advance for files whose text is unchanged, by absolute path. */
  | { type: 'run'; request: RunRequest; outputCap: number; compiled?: CompiledFiles }
  | { type: 'fetch-result'; id: number; result: SerializedResponse | NetworkFailure }
  /**
   * Answer to `load-bundle`: the bundle's script, or why it could not be loaded. Also sent unasked to a
   * spare worker for bundles the page has loaded before, so the next run finds them evaluated.
   */
  | { type: 'bundle'; name: BundleName; source?: string; error?: string }
  /** From the iframe's relay, not the page: the answer to a relayed `crypto.subtle` call. */
  | SubtleAnswer;

/**
 * Code the browser worker loads only when a program needs it (the worker bundle stays small): the
 * page holds it behind a dynamic import and posts it on request.
 * - `azure-sdk`: the official `@azure/keyvault-secrets` (browser build) and the `@azure/identity` stand-in;
 * - `aws-sdk`: the official `@aws-sdk/client-secrets-manager` and `client-sts` (browser builds) and the sandbox's credential chain;
 * - `transpiler`: sucrase, for a file the page sent no compiled code for (see core/compiled-code.ts).
 */
export type BundleName = 'azure-sdk' | 'aws-sdk' | 'transpiler';

export type WorkerToHost =
  /** Sent once the worker has loaded and warmed up. */
  | { type: 'ready' }
  /**
   * A batch of the program's output, in order: stdout and stderr only (`system` lines are the host's
   * own). `truncated`: the program reached the output cap; the host prints the notice.
   */
  | { type: 'output'; chunks: ProgramOutputChunk[]; truncated?: boolean }
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

const BUNDLE_NAMES: readonly string[] = ['azure-sdk', 'aws-sdk', 'transpiler'] satisfies BundleName[];

/** Which lazily loaded bundle holds a module a program may import (the rest are in the worker bundle). */
const BUNDLE_OF_MODULE: readonly [RegExp, BundleName][] = [
  [/^@azure\/(?:keyvault-secrets|identity)$/, 'azure-sdk'],
  [/^@aws-sdk\/client-(?:secrets-manager|sts)$/, 'aws-sdk'],
];

/** A module specifier in an `import ... from`, `import(...)`, `export ... from` or `require(...)`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"'\n]+)["']/g;

/**
 * The bundles the given files import, read from their text: what a page can fetch and hand the spare
 * worker before the learner presses Run. A guess from the text (a specifier built at run time is
 * missed, and then loaded on demand as before), never a promise.
 */
export function bundlesImportedBy(files: Record<string, string>): BundleName[] {
  const found = new Set<BundleName>();
  for (const text of Object.values(files)) {
    for (const match of text.matchAll(SPECIFIER)) {
      for (const [pattern, bundle] of BUNDLE_OF_MODULE) if (pattern.test(match[1]!)) found.add(bundle);
    }
  }
  return [...found];
}

/**
 * Checks a message from a worker before the host acts on it: the worker runs learner code, so a
 * message is data to validate, never trusted. Returns the message, or why it is malformed (the host
 * ends the run with that reason shown). Hand-written rather than a schema library: it runs on every
 * output batch, in the page's bundle.
 */
export function parseWorkerMessage(data: unknown): WorkerToHost | string {
  if (!isRecord(data) || typeof data['type'] !== 'string') return 'a message without a type';
  const type = data['type'];
  switch (type) {
    case 'ready':
      return { type };
    case 'output': {
      const chunks = data['chunks'];
      if (!Array.isArray(chunks)) return 'an output message without chunks';
      for (const chunk of chunks) {
        if (!isRecord(chunk) || typeof chunk['text'] !== 'string') return 'an output chunk without text';
        if (chunk['stream'] !== 'stdout' && chunk['stream'] !== 'stderr') return `output on the "${String(chunk['stream'])}" stream, which only the sandbox itself writes`;
      }
      return { type, chunks: chunks as ProgramOutputChunk[], ...(data['truncated'] === true ? { truncated: true } : {}) };
    }
    case 'fetch': {
      const request = data['request'];
      if (!Number.isInteger(data['id']) || !isRecord(request)) return 'a fetch message without an id and a request';
      if (typeof request['url'] !== 'string' || typeof request['method'] !== 'string') return 'a fetch request without a URL or method';
      const headers = request['headers'];
      if (!Array.isArray(headers) || !headers.every((h) => Array.isArray(h) && h.length === 2 && typeof h[0] === 'string' && typeof h[1] === 'string')) return 'a fetch request with malformed headers';
      if (request['body'] !== null && !(request['body'] instanceof ArrayBuffer)) return 'a fetch request with a malformed body';
      return { type, id: data['id'] as number, request: { url: request['url'], method: request['method'], headers: headers as [string, string][], body: request['body'] } };
    }
    case 'compiled': {
      const files = data['files'];
      if (!isRecord(files)) return 'a compiled message without files';
      for (const file of Object.values(files)) {
        if (!isRecord(file) || typeof file['source'] !== 'string' || typeof file['code'] !== 'string') return 'a compiled file without source and code';
      }
      return { type, files: files as CompiledFiles };
    }
    case 'load-bundle':
      return typeof data['name'] === 'string' && BUNDLE_NAMES.includes(data['name']) ? { type, name: data['name'] as BundleName } : 'a request for an unknown bundle';
    case 'done': {
      const { exitCode, writtenFiles, transpileMs, executeMs } = data;
      if (!Number.isInteger(exitCode) || (exitCode as number) < 0 || (exitCode as number) > 255) return `a done message with exit code ${String(exitCode)}`;
      if (typeof transpileMs !== 'number' || typeof executeMs !== 'number') return 'a done message without timings';
      if (!isRecord(writtenFiles) || !Object.values(writtenFiles).every((text) => typeof text === 'string')) return 'a done message with malformed written files';
      return { type, exitCode: exitCode as number, writtenFiles: writtenFiles as Record<string, string>, transpileMs, executeMs };
    }
    default:
      return `a message of unknown type "${type.slice(0, 40)}"`;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

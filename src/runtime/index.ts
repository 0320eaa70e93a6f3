/**
 * The runtime engine: runs a learner's TypeScript program against simulated infrastructure.
 *
 * Entries, one per environment:
 * - `src/runtime/index.ts` (this file): the contract (`Runtime`, `RunRequest`, `RunResult`), the
 *   simulated network and its mock servers, and the module registry; free of DOM and Node APIs.
 * - `src/runtime/browser.ts`: `createLocalRuntime()`, the default in-browser runtime (Workers inside an
 *   opaque-origin iframe).
 * - `src/runtime/node.ts`: `createNodeRuntime()`, the same learner environment in worker threads, for
 *   tests.
 *
 * The learner's module set: their own files (relative imports), `node:fs` (+ `fs/promises`),
 * `node:path`, `node:process`, `node:util`, `dotenv`, `dotenv/config`, plus modules added with
 * `registerModule` in `sandbox-modules.ts`.
 */
export * from './types.ts';
export { WorkerRuntime, timeoutMessage, crashMessage, EXIT_CODE_TIMEOUT, EXIT_CODE_KILLED, EXIT_CODE_CRASHED, type WorkerPort, type WorkerCrash, type WorkerRuntimeOptions } from './worker-runtime.ts';
export { SimulatedNetwork, UnknownHostError, type RequestHandler } from './network/simulated-network.ts';
export { createPaymentsApi, PAYMENTS_API_HOST, type PaymentsApi, type PaymentsApiOptions, type RecordedRequest } from './network/payments-api.ts';
export { createPlaceholderVaultHandler, DEMO_VAULT_HOST } from './network/vault-placeholder.ts';
export { CompiledCode, type Transpile, type TranspileResult } from './core/compiled-code.ts';
export { registerModule, type ModuleContext, type ModuleFactory } from './core/module-registry.ts';
export type { HostToWorker, WorkerToHost } from './protocol.ts';

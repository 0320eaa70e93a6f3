/**
 * Runs programs in Node (vitest, scripts) with exactly the learner environment of the browser: each
 * run gets a fresh `node:worker_threads` Worker executing `worker/node-worker-entry.ts` (loaded by
 * Node's built-in TypeScript type stripping, Node >= 22.18), terminated on timeout. Node is a test
 * harness, not an isolation boundary.
 */
import { Worker } from 'node:worker_threads';
import type { SimulatedNetwork } from './network/simulated-network.ts';
import { WorkerRuntime, type WorkerPort } from './worker-runtime.ts';

export interface NodeRuntimeOptions {
  network: SimulatedNetwork;
  defaultTimeoutMs?: number;
  outputCap?: number;
  /** Heap limit of each worker: a program that allocates past it crashes its worker, not the tests. */
  maxHeapMb?: number;
}

function spawnNodeWorker(maxHeapMb: number): WorkerPort {
  const worker = new Worker(new URL('./worker/node-worker-entry.ts', import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 16 },
    // The program's output arrives as messages; the thread's own stdout/stderr (Node warnings) is dropped.
    stdout: true,
    stderr: true,
  });
  let terminated = false;
  const port: WorkerPort = {
    post: (message) => worker.postMessage(message),
    onMessage: () => {},
    onCrash: () => {},
    terminate: () => {
      terminated = true;
      void worker.terminate();
    },
  };
  worker.on('message', (message: unknown) => port.onMessage(message));
  worker.on('error', (error: Error & { code?: string }) => {
    if (!terminated) port.onCrash({ reason: error.message, outOfMemory: error.code === 'ERR_WORKER_OUT_OF_MEMORY' });
  });
  worker.on('exit', (code) => {
    if (!terminated) port.onCrash({ reason: `the worker exited with code ${code}`, outOfMemory: false });
  });
  return port;
}

export function createNodeRuntime(options: NodeRuntimeOptions): WorkerRuntime {
  const maxHeapMb = options.maxHeapMb ?? 256;
  return new WorkerRuntime({
    name: 'Node (worker thread)',
    spawn: () => spawnNodeWorker(maxHeapMb),
    network: options.network,
    ...(options.defaultTimeoutMs !== undefined ? { defaultTimeoutMs: options.defaultTimeoutMs } : {}),
    ...(options.outputCap !== undefined ? { outputCap: options.outputCap } : {}),
  });
}

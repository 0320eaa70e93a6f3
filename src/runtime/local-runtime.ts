/**
 * LocalRuntime, the default in the browser: each run in a fresh Worker started inside the sandbox
 * iframe (see sandbox-frame.ts), with one spare worker loaded in advance. After a run that had to be
 * killed, the frame is pinged; if it does not answer (a worker that exhausted memory can take its
 * frame's process down), a new frame replaces it so the next run works.
 */
import { workerSource as bundledWorkerSource } from './generated/worker-source.ts';
import type { CompiledCode } from './core/compiled-code.ts';
import type { SimulatedNetwork } from './network/simulated-network.ts';
import { SandboxFrame } from './sandbox-frame.ts';
import { WorkerRuntime, type WorkerPort } from './worker-runtime.ts';

export interface LocalRuntimeOptions {
  network: SimulatedNetwork;
  /** Default 5000 ms; a run's `timeoutMs` wins. */
  defaultTimeoutMs?: number;
  /** Characters of stdout + stderr per run. Default 1 MiB. */
  outputCap?: number;
  /** Where the hidden iframe goes. Default `document.body`. */
  container?: HTMLElement;
  /** The worker script. Default: the bundle in `generated/worker-source.ts`. */
  workerSource?: string;
  /** Code compiled at build time for the page's starting files (see core/compiled-code.ts). */
  compiledCode?: CompiledCode;
}

export function createLocalRuntime(options: LocalRuntimeOptions): WorkerRuntime {
  const source = options.workerSource ?? bundledWorkerSource;
  const doc = options.container?.ownerDocument ?? document;
  let frame: SandboxFrame | undefined;
  const currentFrame = (): SandboxFrame => (frame ??= new SandboxFrame(doc, source, options.container));

  const runtime = new WorkerRuntime({
    name: 'in-browser (Web Worker)',
    // A warm re-run is a few ms of work: a worker loading beside it would take a third of it.
    spareStarts: 'after-run',
    network: options.network,
    spawn: (): WorkerPort => currentFrame().spawn(),
    afterKill: () => {
      const checked = frame;
      void checked?.isAlive().then((alive) => {
        if (alive || frame !== checked) return;
        checked.dispose();
        frame = undefined;
        // The spare lived in the old frame: a new one starts in the new frame.
        runtime.discardSpare();
        void runtime.warmUp();
      });
    },
    // Separate chunks: a page downloads the Azure or AWS SDK only when a program imports it, and sucrase
    // only when a program has a file with no compiled code (edited, or written in the playground).
    loadBundle: async (name) => {
      if (name === 'azure-sdk') return (await import('./generated/azure-sdk-source.ts')).azureSdkSource;
      if (name === 'aws-sdk') return (await import('./generated/aws-sdk-source.ts')).awsSdkSource;
      if (name === 'transpiler') return (await import('./generated/transpiler-source.ts')).transpilerSource;
      throw new Error(`unknown bundle ${String(name)}`);
    },
    ...(options.compiledCode ? { compiledCode: options.compiledCode } : {}),
    ...(options.defaultTimeoutMs !== undefined ? { defaultTimeoutMs: options.defaultTimeoutMs } : {}),
    ...(options.outputCap !== undefined ? { outputCap: options.outputCap } : {}),
  });
  const dispose = runtime.dispose.bind(runtime);
  runtime.dispose = () => {
    dispose();
    frame?.dispose();
    frame = undefined;
  };
  return runtime;
}

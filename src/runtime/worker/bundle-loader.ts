/**
 * The browser worker's side of lazily loaded bundles: asks the host for a bundle's script
 * (`load-bundle`), evaluates the answer once and hands out what it returns. A bundle is a classic
 * script built by `tools/build-worker-source.ts` whose completion value is its exports object.
 */
import type { AzureModules } from '../azure/azure-modules.ts';
import type { TranspileResult } from '../core/compiled-code.ts';
import type { BundleName, HostToWorker, WorkerToHost } from '../protocol.ts';

export interface BundleExports {
  'azure-sdk': AzureModules;
  transpiler: { transpile: (file: string, source: string) => TranspileResult };
}

type BundleAnswer = Extract<HostToWorker, { type: 'bundle' }>;

export class BundleLoader {
  private readonly pending = new Map<BundleName, { resolve: (exports: unknown) => void; reject: (error: Error) => void }>();
  private readonly loaded = new Map<BundleName, Promise<unknown>>();

  private readonly post: (message: WorkerToHost) => void;
  private readonly evaluate: (code: string) => unknown;

  constructor(post: (message: WorkerToHost) => void, evaluate: (code: string) => unknown) {
    this.post = post;
    this.evaluate = evaluate;
  }

  /** True once the bundle is here or on its way (a `load` will not ask the host again). */
  has(name: BundleName): boolean {
    return this.loaded.has(name);
  }

  load<N extends BundleName>(name: N): Promise<BundleExports[N]> {
    let promise = this.loaded.get(name);
    if (!promise) {
      promise = new Promise((resolve, reject) => {
        this.pending.set(name, { resolve, reject });
        this.post({ type: 'load-bundle', name });
      });
      this.loaded.set(name, promise);
    }
    return promise as Promise<BundleExports[N]>;
  }

  receive(answer: BundleAnswer): void {
    const waiting = this.pending.get(answer.name);
    if (!waiting) {
      // Sent unasked (the page loaded it for an earlier run): evaluate it now, while this worker is
      // the idle spare, so the run that needs it does not wait. A bundle already here is kept.
      if (answer.source === undefined || this.loaded.has(answer.name)) return;
      try {
        this.loaded.set(answer.name, Promise.resolve(this.evaluateBundle(answer.name, answer.source)));
      } catch {
        // Not kept: a run that needs it asks for it again and gets the error then.
      }
      return;
    }
    this.pending.delete(answer.name);
    if (answer.source === undefined) {
      waiting.reject(new Error(`The sandbox could not load the ${answer.name} bundle: ${answer.error ?? 'no source'}`));
      return;
    }
    try {
      waiting.resolve(this.evaluateBundle(answer.name, answer.source));
    } catch (error) {
      waiting.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private evaluateBundle(name: BundleName, source: string): unknown {
    return this.evaluate(`${source}\n//# sourceURL=sandbox-${name}.js`);
  }
}

/**
 * The browser worker's side of lazily loaded bundles: asks the host for a bundle's script
 * (`load-bundle`), evaluates the answer once and hands out what it returns. A bundle is a classic
 * script built by `tools/build-worker-source.ts` whose completion value is its exports object.
 */
import type { AzureModules } from '../azure/azure-modules.ts';
import type { BundleName, HostToWorker, WorkerToHost } from '../protocol.ts';

interface BundleExports {
  'azure-sdk': AzureModules;
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
    if (!waiting) return;
    this.pending.delete(answer.name);
    if (answer.source === undefined) {
      waiting.reject(new Error(`The sandbox could not load the ${answer.name} bundle: ${answer.error ?? 'no source'}`));
      return;
    }
    try {
      waiting.resolve(this.evaluate(`${answer.source}\n//# sourceURL=sandbox-${answer.name}.js`));
    } catch (error) {
      waiting.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

/**
 * The browser worker's side of lazily loaded bundles: asks the host for a bundle's script
 * (`load-bundle`), evaluates the answer once and hands out what it returns. A bundle is a classic
 * script built by `tools/build-worker-source.ts` whose completion value is its exports object.
 */
import type { AzureModules } from '../azure/azure-modules.ts';
import type { AwsModules } from '../aws/aws-modules.ts';
import type { TranspileResult } from '../core/compiled-code.ts';
import type { BundleName, HostToWorker, WorkerToHost } from '../protocol.ts';

export interface BundleExports {
  'azure-sdk': AzureModules;
  'aws-sdk': AwsModules;
  transpiler: { transpile: (file: string, source: string) => TranspileResult };
}

type BundleAnswer = Extract<HostToWorker, { type: 'bundle' }>;

export class BundleLoader {
  private readonly pending = new Map<BundleName, { resolve: (exports: unknown) => void; reject: (error: Error) => void }>();
  private readonly loaded = new Map<BundleName, Promise<unknown>>();
  /** Scripts the host sent before anyone asked: evaluated on first `load`, inside the run that needs them. */
  private readonly delivered = new Map<BundleName, string>();

  private readonly post: (message: WorkerToHost) => void;
  private readonly evaluate: (code: string) => unknown;

  constructor(post: (message: WorkerToHost) => void, evaluate: (code: string) => unknown) {
    this.post = post;
    this.evaluate = evaluate;
  }

  /** True once the bundle is here or on its way (a `load` will not ask the host again). */
  has(name: BundleName): boolean {
    return this.loaded.has(name) || this.delivered.has(name);
  }

  load<N extends BundleName>(name: N): Promise<BundleExports[N]> {
    let promise = this.loaded.get(name);
    const source = this.delivered.get(name);
    if (!promise && source !== undefined) {
      this.delivered.delete(name);
      promise = new Promise((resolve) => resolve(this.evaluateBundle(name, source)));
      this.loaded.set(name, promise);
    }
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
      // Sent unasked (the page loaded it for an earlier run). Kept as text, not evaluated: a bundle may
      // read the program's environment as it loads (the Azure SDK's logger reads AZURE_LOG_LEVEL), so
      // it is evaluated when the program first needs it. A bundle already here is kept.
      if (answer.source !== undefined && !this.has(answer.name)) this.delivered.set(answer.name, answer.source);
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

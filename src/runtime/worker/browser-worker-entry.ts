/**
 * Entry of the browser Worker (bundled into `generated/worker-source.ts`, see
 * `tools/build-worker-source.ts`). Runs inside the opaque-origin sandbox iframe's Worker: captures
 * what the engine needs, removes the network and storage, then waits for one `run`.
 */
import { LearnerEnvironment } from '../core/learner-environment.ts';
import { captureHostTimers } from '../core/event-loop.ts';
import type { HostToWorker, WorkerToHost } from '../protocol.ts';
import { installSandboxModules } from '../sandbox-modules.ts';
import { BundleLoader } from './bundle-loader.ts';
import { neutraliseGlobals } from './neutralise-globals.ts';

interface WorkerScope {
  postMessage(message: WorkerToHost): void;
  addEventListener(type: 'message', listener: (event: { data: HostToWorker }) => void): void;
  addEventListener(type: 'error', listener: (event: { error: unknown; message: string; preventDefault(): void }) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (event: { reason: unknown; preventDefault(): void }) => void): void;
}

function startBrowserWorker(): void {
  const scope = globalThis as unknown as WorkerScope & Record<string, unknown>;
  const post = scope.postMessage.bind(scope);
  const timers = captureHostTimers(globalThis);
  // Indirect eval: the code runs in global scope, not in this function's.
  const indirectEval = globalThis.eval;
  // Heavy modules (the Azure SDK) are not in this bundle: the page sends their code when a program
  // imports them, and it is evaluated here, after the network globals are gone.
  const bundles = new BundleLoader(post, (code) => indirectEval(code));
  installSandboxModules({ azure: () => bundles.load('azure-sdk') });
  neutraliseGlobals(globalThis);

  const environment = new LearnerEnvironment({
    post,
    timers,
    evaluate: (code) => indirectEval(code),
    // sucrase is not in this bundle: most runs bring compiled code, and the page sends it when not.
    transpile: async (file, source) => (await bundles.load('transpiler')).transpile(file, source),
    installGlobal: (name, value) => {
      try {
        scope[name] = value;
      } catch {
        // A read-only global stays as it is; modules still see the shim through their parameters.
      }
    },
  });
  scope.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type !== 'bundle') {
      environment.receive(message);
      return;
    }
    const unasked = !bundles.has(message.name);
    bundles.receive(message);
    // A transpiler sent to the idle spare: compile sucrase's hot paths now, not during the learner's run.
    if (unasked && message.name === 'transpiler' && bundles.has('transpiler')) {
      bundles.load('transpiler').then(
        ({ transpile }) => transpile('/warmup.ts', 'const warm: number = 1;\nexport default warm;\n'),
        () => {}, // kept as a rejected load: the run that needs the transpiler reports it
      );
    }
  });
  scope.addEventListener('error', (event) => {
    event.preventDefault();
    environment.reportUncaught(event.error ?? new Error(event.message), 'exception');
  });
  scope.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    environment.reportUncaught(event.reason, 'rejection');
  });
  post({ type: 'ready' });
}

startBrowserWorker();

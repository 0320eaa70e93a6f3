/**
 * Entry of the browser Worker (bundled into `generated/worker-source.ts`, see
 * `tools/build-worker-source.ts`). Runs inside the opaque-origin sandbox iframe's Worker: captures
 * what the engine needs, removes the network and storage, takes its private channel to the relay
 * (the first message, see sandbox-frame.ts), then waits for one `run` on that channel. The channel's
 * port lives only in this closure and is read through built-ins captured here, so learner code (which
 * shares this global scope) can neither post on it nor read what arrives.
 */
import { LearnerEnvironment } from '../core/learner-environment.ts';
import { captureHostTimers } from '../core/event-loop.ts';
import type { HostToWorker, WorkerToHost } from '../protocol.ts';
import { installSandboxModules } from '../sandbox-modules.ts';
import { BundleLoader } from './bundle-loader.ts';
import { neutraliseGlobals } from './neutralise-globals.ts';
import { apply } from '../core/primordials.ts';
import { installWorkerPlatform } from './worker-platform.ts';

type Getter = (this: unknown) => unknown;
function getter(prototype: object, name: string): Getter {
  const get = Object.getOwnPropertyDescriptor(prototype, name)?.get;
  if (!get) throw new Error(`the sandbox worker needs MessageEvent.${name}`);
  return get as Getter;
}
// Learner code can redefine these getters to see (or fake) the runtime's messages and their target port.
const eventData = getter(MessageEvent.prototype, 'data');
const eventPorts = getter(MessageEvent.prototype, 'ports');

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: { error: unknown; message: string; preventDefault(): void }) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (event: { reason: unknown; preventDefault(): void }) => void): void;
}

function startBrowserWorker(): void {
  const scope = globalThis as unknown as WorkerScope & Record<string, unknown>;
  const onConnect = (event: MessageEvent): void => {
    const data = apply(eventData, event, []) as { kind?: unknown } | null;
    const ports = apply(eventPorts, event, []) as readonly MessagePort[];
    const port = ports[0];
    if (!data || data.kind !== 'connect' || !port) return;
    scope.removeEventListener('message', onConnect);
    start(scope, port);
  };
  scope.addEventListener('message', onConnect);
}

function start(scope: WorkerScope & Record<string, unknown>, port: MessagePort): void {
  // Bound now: a later change to MessagePort.prototype.postMessage does not reach it.
  const postOnPort = port.postMessage.bind(port);
  const post = (message: WorkerToHost): void => postOnPort(message);
  let environment: LearnerEnvironment | undefined;
  const timers = captureHostTimers(globalThis);
  // Indirect eval: the code runs in global scope, not in this function's.
  const indirectEval = globalThis.eval;
  // Heavy modules (the Azure SDK) are not in this bundle: the page sends their code when a program
  // imports them, and it is evaluated here, after the network globals are gone.
  const bundles = new BundleLoader(post, (code) => indirectEval(code));
  installSandboxModules({ azure: () => bundles.load('azure-sdk') });
  neutraliseGlobals(globalThis);
  const answerSubtle = installWorkerPlatform(scope, {
    // Answered by the iframe's relay itself (see sandbox-frame.ts); it never reaches the page.
    postSubtle: (request) => postOnPort(request),
    openHandle: () => environment?.openHandle(),
  });

  environment = new LearnerEnvironment({
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
  port.onmessage = (event) => {
    const message = apply(eventData, event, []) as HostToWorker;
    if (message.type === 'subtle-result') {
      answerSubtle(message);
      return;
    }
    if (message.type !== 'bundle') {
      environment?.receive(message);
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
  };
  scope.addEventListener('error', (event) => {
    event.preventDefault();
    environment?.reportUncaught(event.error ?? new Error(event.message), 'exception');
  });
  scope.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    environment?.reportUncaught(event.reason, 'rejection');
  });
  post({ type: 'ready' });
}

startBrowserWorker();

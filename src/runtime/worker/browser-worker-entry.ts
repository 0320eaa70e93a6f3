/**
 * Entry of the browser Worker (bundled into `generated/worker-source.ts`, see
 * `tools/build-worker-source.ts`). Runs inside the opaque-origin sandbox iframe's Worker: captures
 * what the engine needs, removes the network and storage, takes its private channels (the first
 * message, see sandbox-frame.ts: one to the page's runtime, one to the iframe's relay for
 * `crypto.subtle`), warms its own code up with a throwaway program, then waits for one `run`. The
 * channels' ports live only in this closure and are read through built-ins captured here, so learner
 * code (which shares this global scope) can neither post on them nor read what arrives.
 */
import { LearnerEnvironment } from '../core/learner-environment.ts';
import { captureHostTimers, type HostTimers } from '../core/event-loop.ts';
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
    // One port carries everything when there is no separate relay channel (the Node test harness).
    start(scope, port, ports[1] ?? port);
  };
  scope.addEventListener('message', onConnect);
}

/**
 * A program the spare worker runs on a throwaway environment before it says `ready`: V8 compiles a
 * function on its first call, so without this the learner's run pays for compiling the file system,
 * process, console, module loader and output code of this bundle (about 5 ms a run on a 2-core
 * machine). Only its code warms up: its environment, output and written files are dropped, and the
 * learner's run gets a new LearnerEnvironment. The code is what `transpile()` makes of the source.
 */
const WARM_UP_FILE = '/app/warm-up.ts';
const WARM_UP_SOURCE = 'import { readFileSync, writeFileSync } from "node:fs";\nwriteFileSync("/tmp/w.txt", "w");\nconsole.log("warm", readFileSync("/tmp/w.txt", "utf8"), process.env.W, { a: [1] });\nconsole.error(new Error("w").message);\n';
const WARM_UP_CODE = '"use strict";\nvar _nodefs = require(\'node:fs\');\n(0, _nodefs.writeFileSync)("/tmp/w.txt", "w");\nconsole.log("warm", (0, _nodefs.readFileSync)("/tmp/w.txt", "utf8"), process.env.W, { a: [1] });\nconsole.error(new Error("w").message);\n';

/** Resolves when the warm-up program is done, or after a second whatever it did: it never holds a run back for long. */
function warmUp(environment: LearnerEnvironment, done: Promise<void>, timers: HostTimers): Promise<void> {
  const limit = new Promise<void>((resolve) => timers.setTimeout(resolve, 1000));
  environment.receive({
    type: 'run',
    request: { files: { [WARM_UP_FILE]: WARM_UP_SOURCE }, entry: WARM_UP_FILE, env: { W: '1' } },
    outputCap: 1024,
    compiled: { [WARM_UP_FILE]: { source: WARM_UP_SOURCE, code: WARM_UP_CODE } },
  });
  return Promise.race([done, limit]);
}

function start(scope: WorkerScope & Record<string, unknown>, port: MessagePort, relayPort: MessagePort): void {
  // Bound now: a later change to MessagePort.prototype.postMessage does not reach it.
  const postOnPort = port.postMessage.bind(port);
  const postOnRelay = relayPort.postMessage.bind(relayPort);
  const post = (message: WorkerToHost): void => postOnPort(message);
  let environment: LearnerEnvironment | undefined;
  const timers = captureHostTimers(globalThis);
  // Indirect eval: the code runs in global scope, not in this function's.
  const indirectEval = globalThis.eval;
  // Heavy modules (the Azure SDK) are not in this bundle: the page sends their code when a program
  // imports them, and it is evaluated here, after the network globals are gone.
  const bundles = new BundleLoader(post, (code) => indirectEval(code));
  installSandboxModules({ azure: () => bundles.load('azure-sdk'), aws: () => bundles.load('aws-sdk') });
  neutraliseGlobals(globalThis);
  const answerSubtle = installWorkerPlatform(scope, {
    // Answered by the iframe's relay itself (see sandbox-frame.ts); it never reaches the page.
    postSubtle: (request) => postOnRelay(request),
    openHandle: () => environment?.openHandle(),
  });

  const host = {
    timers,
    evaluate: (code: string) => indirectEval(code),
    // sucrase is not in this bundle: most runs bring compiled code, and the page sends it when not.
    transpile: async (file: string, source: string) => (await bundles.load('transpiler')).transpile(file, source),
  };
  let warmedUp = (): void => {};
  const warming = new LearnerEnvironment({
    ...host,
    post: (message) => {
      if (message.type === 'done') warmedUp();
    },
    // The warm-up program sees its shims through its module wrapper; the worker's globals stay untouched.
    installGlobal: () => {},
  });
  const onMessage = (event: MessageEvent): void => {
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
  // The relay's answers (crypto.subtle) are never held back; the runtime's port opens after the warm-up.
  if (relayPort !== port) relayPort.onmessage = onMessage;
  scope.addEventListener('error', (event) => {
    event.preventDefault();
    environment?.reportUncaught(event.error ?? new Error(event.message), 'exception');
  });
  scope.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    environment?.reportUncaught(event.reason, 'rejection');
  });
  // Messages wait in the port until the warm-up is over: the run, and bundles sent to the spare.
  void warmUp(warming, new Promise((resolve) => (warmedUp = resolve)), timers).then(() => {
    environment = new LearnerEnvironment({
      ...host,
      post,
      installGlobal: (name, value) => {
        try {
          scope[name] = value;
        } catch {
          // A read-only global stays as it is; modules still see the shim through their parameters.
        }
      },
    });
    port.onmessage = onMessage;
    post({ type: 'ready' });
  });
}

startBrowserWorker();

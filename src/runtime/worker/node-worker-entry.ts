/**
 * Entry of the `node:worker_threads` Worker that NodeRuntime starts: the same LearnerEnvironment as in
 * the browser, so tests see what learners see. Node is a test harness here, not a security boundary:
 * nothing is removed from the global scope (learner modules still only see the shims).
 */
import { parentPort } from 'node:worker_threads';
import { captureHostTimers } from '../core/event-loop.ts';
import { LearnerEnvironment } from '../core/learner-environment.ts';
import { transpile } from '../core/transpile.ts';
import type { HostToWorker } from '../protocol.ts';
import { installSandboxModules } from '../sandbox-modules.ts';

const port = parentPort;
if (!port) throw new Error('node-worker-entry.ts must run in a worker thread (see node-runtime.ts).');

const indirectEval = globalThis.eval;
// Node needs no bundle: the Azure and AWS modules (the SDKs' Node builds) are imported when first needed.
installSandboxModules({
  azure: async () => (await import('../azure/azure-modules.ts')).azureModules,
  aws: async () => (await import('../aws/aws-modules.ts')).awsModules,
});
const environment = new LearnerEnvironment({
  post: (message) => port.postMessage(message),
  timers: captureHostTimers(globalThis),
  evaluate: (code) => indirectEval(code),
  transpile,
  // Node's own internals (fetch's body handling) use the global Buffer: leave that one alone.
  installGlobal: (name, value) => {
    if (name !== 'Buffer') Reflect.set(globalThis, name, value);
  },
});
port.on('message', (message: HostToWorker) => environment.receive(message));
process.on('uncaughtException', (error) => environment.reportUncaught(error, 'exception'));
process.on('unhandledRejection', (reason) => environment.reportUncaught(reason, 'rejection'));
port.postMessage({ type: 'ready' });

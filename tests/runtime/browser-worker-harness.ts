/**
 * Runs the generated browser worker bundle in a Node worker thread behind a small stand-in for the
 * DedicatedWorkerGlobalScope, for tests of the bundles themselves; the real iframe + Worker path is
 * covered by Playwright.
 */
import { Worker } from 'node:worker_threads';
import { azureSdkSource } from '../../src/runtime/generated/azure-sdk-source.ts';
import { transpilerSource } from '../../src/runtime/generated/transpiler-source.ts';
import { workerSource } from '../../src/runtime/generated/worker-source.ts';
import type { HostToWorker, WorkerPort } from '../../src/runtime/index.ts';

/** `self` as a browser worker has it, plus network/loading globals the bundle must remove. */
const WORKER_SCOPE_STAND_IN = `
const { parentPort } = require('node:worker_threads');
const listeners = { message: [], error: [], unhandledrejection: [] };
globalThis.self = globalThis;
// As the sandbox iframe's relay does: the runtime's messages travel on a private channel whose port
// is the worker's first message; the global postMessage is the learner's, and reported as forged.
const relay = new MessageChannel();
globalThis.postMessage = () => parentPort.postMessage({ __forged: true });
globalThis.addEventListener = (type, listener) => listeners[type].push(listener);
globalThis.removeEventListener = (type, listener) => { listeners[type] = listeners[type].filter((l) => l !== listener); };
parentPort.on('message', (data) => relay.port1.postMessage(data));
relay.port1.onmessage = (event) => parentPort.postMessage(event.data);
setTimeout(() => listeners.message.forEach((listener) => listener(new MessageEvent('message', { data: { kind: 'connect' }, ports: [relay.port2] }))));
process.on('unhandledRejection', (reason) => listeners.unhandledrejection.forEach((listener) => listener({ reason, preventDefault() {} })));
globalThis.XMLHttpRequest = function XMLHttpRequest() {};
globalThis.importScripts = function importScripts() {};
globalThis.WebSocket = function WebSocket() {};
// Node's fetch internals need Node's Buffer; browsers have none, so the bundle installs its own.
Object.defineProperty(globalThis, 'Buffer', { value: Buffer, writable: false, configurable: false });
`;

/** Starts the browser worker bundle; `sent` records every message the host posts to it. */
export function spawnBrowserWorker(sent: HostToWorker[] = []): WorkerPort {
  const worker = new Worker(WORKER_SCOPE_STAND_IN + workerSource, { eval: true, stdout: true, stderr: true });
  const port: WorkerPort = {
    post: (message) => {
      sent.push(message);
      worker.postMessage(message);
    },
    onMessage: () => {},
    onCrash: () => {},
    terminate: () => void worker.terminate(),
  };
  worker.on('message', (message: { __forged?: true }) => (message.__forged ? port.onForged?.() : port.onMessage(message)));
  worker.on('error', (error) => port.onCrash({ reason: error.message, outOfMemory: false }));
  return port;
}

/** Serves the lazily loaded bundles as the page does, recording which were asked for. */
export function bundleServer(requested: string[] = []) {
  return async (name: string): Promise<string> => {
    requested.push(name);
    if (name === 'azure-sdk') return azureSdkSource;
    if (name === 'transpiler') return transpilerSource;
    throw new Error(`unknown bundle ${name}`);
  };
}

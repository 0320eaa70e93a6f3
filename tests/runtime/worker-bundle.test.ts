/**
 * The browser Worker bundle (`src/runtime/generated/worker-source.ts`): it must match the sources, and
 * it must run a program. Here it runs in a Node worker thread behind a tiny stand-in for the
 * DedicatedWorkerGlobalScope; the real iframe + Worker path is covered by Playwright.
 */
import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { expect, test } from 'vitest';
import { workerSource } from '../../src/runtime/generated/worker-source.ts';
import { createPaymentsApi, PAYMENTS_API_HOST, SimulatedNetwork, WorkerRuntime, type OutputChunk, type WorkerPort } from '../../src/runtime/index.ts';
import { bundleWorker, GENERATED_FILE, renderGeneratedModule } from '../../src/runtime/tools/build-worker-source.ts';

test('the generated worker source is up to date (else run: node src/runtime/tools/build-worker-source.ts)', async () => {
  const fresh = renderGeneratedModule(await bundleWorker());
  expect((await readFile(GENERATED_FILE, 'utf8')) === fresh).toBe(true);
}, 60_000);

/** `self` as a browser worker has it, plus network/loading globals the bundle must remove. */
const WORKER_SCOPE_STAND_IN = `
const { parentPort } = require('node:worker_threads');
const listeners = { message: [], error: [], unhandledrejection: [] };
globalThis.self = globalThis;
globalThis.postMessage = (message) => parentPort.postMessage(message);
globalThis.addEventListener = (type, listener) => listeners[type].push(listener);
parentPort.on('message', (data) => listeners.message.forEach((listener) => listener({ data })));
process.on('unhandledRejection', (reason) => listeners.unhandledrejection.forEach((listener) => listener({ reason, preventDefault() {} })));
globalThis.XMLHttpRequest = function XMLHttpRequest() {};
globalThis.importScripts = function importScripts() {};
globalThis.WebSocket = function WebSocket() {};
// Node's fetch internals need Node's Buffer; browsers have none, so the bundle installs its own.
Object.defineProperty(globalThis, 'Buffer', { value: Buffer, writable: false, configurable: false });
`;

function spawnBundle(): WorkerPort {
  const worker = new Worker(WORKER_SCOPE_STAND_IN + workerSource, { eval: true, stdout: true, stderr: true });
  const port: WorkerPort = {
    post: (message) => worker.postMessage(message),
    onMessage: () => {},
    onCrash: () => {},
    terminate: () => void worker.terminate(),
  };
  worker.on('message', (message) => port.onMessage(message));
  worker.on('error', (error) => port.onCrash({ reason: error.message, outOfMemory: false }));
  return port;
}

test('the bundle runs a program, removes network globals and serves fetch from the simulated network', async () => {
  const payments = createPaymentsApi();
  const runtime = new WorkerRuntime({ name: 'bundle', spawn: spawnBundle, network: new SimulatedNetwork({ [PAYMENTS_API_HOST]: payments.handler }), keepSpare: false });
  const chunks: OutputChunk[] = [];
  const result = await runtime.run(
    {
      files: {
        'index.ts': [
          "import { readFileSync } from 'node:fs';",
          "console.log(typeof XMLHttpRequest, typeof importScripts, typeof WebSocket, typeof globalThis.fetch);",
          "console.log(readFileSync('/run/secrets/db_password', 'utf8'));",
          "const response = await fetch('https://api.payments.example/v1/charges');",
          'console.log(response.status, (await response.json()).error.type);',
          "const value: number = 1;\nnull!.boom;",
        ].join('\n'),
        '/run/secrets/db_password': 'P@ssw0rd-demo-only',
      },
      entry: 'index.ts',
      env: {},
    },
    { onOutput: (chunk) => chunks.push(chunk) },
  );
  const text = (stream: string) => chunks.filter((chunk) => chunk.stream === stream).map((chunk) => chunk.text).join('');
  expect(text('stdout')).toBe('undefined undefined undefined function\nP@ssw0rd-demo-only\n405 invalid_request_error\n');
  expect(text('stderr')).toContain("Uncaught TypeError: Cannot read properties of null (reading 'boom')\n    at /app/index.ts:7:6");
  expect(result).toMatchObject({ status: 'error', exitCode: 1 });
  expect(payments.requests.map((request) => request.method)).toEqual(['GET']);
  runtime.dispose();
}, 30_000);

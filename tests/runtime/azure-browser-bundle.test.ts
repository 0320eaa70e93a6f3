/**
 * The lazily loaded Azure bundle (`generated/azure-sdk-source.ts`: the SDK's BROWSER build + the
 * identity stand-in) must match the sources and must work through the browser worker's
 * `load-bundle` path. Here the browser worker bundle runs in a Node worker thread behind the same
 * stand-in scope as worker-bundle.test.ts; Chromium itself is covered by tests/e2e/azure-sandbox.spec.ts.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { createAzureWorld } from '../../src/runtime/azure/host/index.ts';
import { CompiledCode, SimulatedNetwork, WorkerRuntime, type OutputChunk } from '../../src/runtime/index.ts';
import { AZURE_SDK_GENERATED_FILE, bundleAzureSdk, renderAzureSdkModule } from '../../src/runtime/tools/build-worker-source.ts';
import { DB_PASSWORD, paymentsScenario } from './azure-fixtures.ts';
import { bundleServer, spawnBrowserWorker } from './browser-worker-harness.ts';
import { bundlesImportedBy } from '../../src/runtime/protocol.ts';

test('the generated Azure SDK bundle is up to date (else run: npm run build:worker)', async () => {
  const fresh = renderAzureSdkModule(await bundleAzureSdk());
  expect((await readFile(AZURE_SDK_GENERATED_FILE, 'utf8')) === fresh).toBe(true);
}, 60_000);

test('the browser worker asks for the Azure bundle only when a program imports @azure/..., and the SDK browser build reads the secret', async () => {
  const network = new SimulatedNetwork();
  const world = createAzureWorld({ scenario: paymentsScenario(), machine: { managedIdentity: 'payments-api' } });
  world.install(network);
  const requested: string[] = [];
  const runtime = new WorkerRuntime({
    name: 'bundle',
    spawn: () => spawnBrowserWorker(),
    network,
    keepSpare: false,
    loadBundle: bundleServer(requested),
    compiledCode: new CompiledCode(),
  });
  const run = async (code: string) => {
    const chunks: OutputChunk[] = [];
    const result = await runtime.run({ files: { '/app/main.ts': code }, entry: '/app/main.ts', env: {}, timeoutMs: 15_000 }, { onOutput: (chunk) => chunks.push(chunk) });
    const text = (stream: string) => chunks.filter((chunk) => chunk.stream === stream).map((chunk) => chunk.text).join('');
    return { result, stdout: text('stdout'), stderr: text('stderr') };
  };

  await run('console.log("no azure here");');
  expect(requested).toEqual(['transpiler']);

  const { result, stdout, stderr } = await run(
    [
      'import { SecretClient } from "@azure/keyvault-secrets";',
      'import { DefaultAzureCredential } from "@azure/identity";',
      'const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());',
      'const secret = await client.getSecret("DatabasePassword");',
      'console.log(secret.value === process.env.EXPECTED ? "match" : secret.value, typeof globalThis.__sandboxBundle);',
    ].join('\n').replace('process.env.EXPECTED', JSON.stringify(DB_PASSWORD)),
  );
  expect(stderr).toContain('ManagedIdentityCredential: answered, signed in as payments-api');
  expect(stdout).toBe('match undefined\n');
  expect(result).toMatchObject({ status: 'ok', exitCode: 0 });
  expect(requested).toEqual(['transpiler', 'azure-sdk']);
  expect(world.engine.audit.entries().map((entry) => [entry.identity, entry.operation, entry.status])).toEqual([
    ['anonymous', 'SecretGet', 401],
    ['payments-api', 'SecretGet', 200],
  ]);
  runtime.dispose();
}, 30_000);

test('a spare sent the Azure bundle in advance runs an Azure program without asking for it again', async () => {
  const network = new SimulatedNetwork();
  const world = createAzureWorld({ scenario: paymentsScenario(), machine: { managedIdentity: 'payments-api' } });
  world.install(network);
  const requested: string[] = [];
  const runtime = new WorkerRuntime({ name: 'bundle', spawn: () => spawnBrowserWorker(), network, loadBundle: bundleServer(requested), compiledCode: new CompiledCode() });
  const program = [
    'import { SecretClient } from "@azure/keyvault-secrets";',
    'import { DefaultAzureCredential } from "@azure/identity";',
    'const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());',
    'console.log((await client.getSecret("DatabasePassword")).value?.length);',
  ].join('\n');
  const run = async (code: string) => {
    const chunks: OutputChunk[] = [];
    const result = await runtime.run({ files: { '/app/main.ts': code }, entry: '/app/main.ts', env: {}, timeoutMs: 15_000 }, { onOutput: (chunk) => chunks.push(chunk) });
    return { result, stdout: chunks.filter((chunk) => chunk.stream === 'stdout').map((chunk) => chunk.text).join('') };
  };
  const first = await run(program);
  expect(first.stdout).toBe(`${DB_PASSWORD.length}\n`);
  // The next worker (the spare) got the SDK unasked, as text, and evaluates it when the program imports it.
  const again = await run(program);
  expect(again.stdout).toBe(`${DB_PASSWORD.length}\n`);
  expect(again.result.status).toBe('ok');
  expect(requested).toEqual(['transpiler', 'azure-sdk']);
  runtime.dispose();
}, 30_000);

test('bundlesImportedBy reads which lazy bundles a program imports', () => {
  expect(bundlesImportedBy({ '/app/a.ts': 'import { SecretClient } from "@azure/keyvault-secrets";' })).toEqual(['azure-sdk']);
  expect(bundlesImportedBy({ '/app/a.ts': "const { DefaultAzureCredential } = require('@azure/identity');" })).toEqual(['azure-sdk']);
  expect(bundlesImportedBy({ '/app/a.ts': 'import fs from "node:fs";\nconsole.log("@azure/identity");', '/app/b.ts': 'import "dotenv/config";' })).toEqual([]);
});

test('preloadFor hands the spare the Azure bundle before the first Run, which then never asks for it', async () => {
  const network = new SimulatedNetwork();
  const world = createAzureWorld({ scenario: paymentsScenario(), machine: { managedIdentity: 'payments-api' } });
  world.install(network);
  const requested: string[] = [];
  const runtime = new WorkerRuntime({ name: 'bundle', spawn: () => spawnBrowserWorker(), network, loadBundle: bundleServer(requested), compiledCode: new CompiledCode() });
  const program = [
    'import { SecretClient } from "@azure/keyvault-secrets";',
    'import { DefaultAzureCredential } from "@azure/identity";',
    'const client = new SecretClient("https://payments-kv.vault.azure.net", new DefaultAzureCredential());',
    'console.log((await client.getSecret("DatabasePassword")).value?.length);',
  ].join('\n');
  await runtime.warmUp();
  await runtime.preloadFor({ '/app/main.ts': program });
  expect(requested).toEqual(['azure-sdk']);
  const chunks: OutputChunk[] = [];
  const result = await runtime.run({ files: { '/app/main.ts': program }, entry: '/app/main.ts', env: {}, timeoutMs: 15_000 }, { onOutput: (chunk) => chunks.push(chunk) });
  expect(chunks.filter((chunk) => chunk.stream === 'stdout').map((chunk) => chunk.text).join('')).toBe(`${DB_PASSWORD.length}\n`);
  expect(result.status).toBe('ok');
  // The transpiler (the program has no build-time code here) is asked for in the run; the SDK never is.
  expect(requested).toEqual(['azure-sdk', 'transpiler']);
  runtime.dispose();
}, 30_000);

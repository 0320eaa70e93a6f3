/**
 * Shared by the azure-*.test.ts files: the payments world (vault, identities, roles) and a runner
 * that executes a program in a NodeRuntime whose network carries that world.
 */
import { SimulatedNetwork, type OutputChunk, type RunResult } from '../../src/runtime/index.ts';
import { createAzureWorld, type AzureMachine, type AzureWorld } from '../../src/runtime/azure/host/index.ts';
import { createNodeRuntime } from '../../src/runtime/node.ts';
import type { VaultScenario } from '../../src/vault/index.ts';

export const DB_PASSWORD = 'P@ssw0rd-demo-only';
export const CI_SECRET = 'ci-client-secret-demo-only';

export function paymentsScenario(): VaultScenario {
  return {
    startTime: 1_735_689_600,
    identities: [
      { name: 'payments-api', kind: 'managed-identity' },
      { name: 'alice@contoso.example', kind: 'user' },
      { name: 'ci-pipeline', kind: 'service-principal', appId: '11111111-2222-4333-8444-555555555555' },
      { name: 'reporting-job', kind: 'managed-identity' },
    ],
    vaults: [
      {
        name: 'payments-kv',
        secrets: [
          { name: 'DatabasePassword', versions: [{ value: 'P@ssw0rd-old-demo-only' }, { value: DB_PASSWORD }] },
          { name: 'StripeApiKey', versions: [{ value: 'sk_test_51FakeKeyForSecretsLab' }] },
        ],
      },
    ],
    roleAssignments: [
      { principal: 'payments-api', role: 'Key Vault Secrets User', vault: 'payments-kv', secret: 'DatabasePassword' },
      { principal: 'alice@contoso.example', role: 'Key Vault Secrets Officer', vault: 'payments-kv' },
      { principal: 'ci-pipeline', role: 'Key Vault Secrets User', vault: 'payments-kv' },
      { principal: 'reporting-job', role: 'Key Vault Reader', vault: 'payments-kv' },
    ],
  };
}

export interface AzureRun {
  result: RunResult;
  stdout: string;
  stderr: string;
  world: AzureWorld;
}

/** Runs `main.ts` against a fresh payments world; `machine` says which credential links can answer. */
export async function runWithAzure(code: string, options: { machine?: AzureMachine; env?: Record<string, string>; files?: Record<string, string> } = {}): Promise<AzureRun> {
  const network = new SimulatedNetwork();
  const world = createAzureWorld({ scenario: paymentsScenario(), machine: options.machine ?? {} });
  world.install(network);
  const runtime = createNodeRuntime({ network });
  const chunks: OutputChunk[] = [];
  try {
    const result = await runtime.run(
      { files: { '/app/main.ts': code, ...options.files }, entry: '/app/main.ts', env: options.env ?? {}, timeoutMs: 15_000 },
      { onOutput: (chunk) => chunks.push(chunk) },
    );
    const text = (stream: string) => chunks.filter((chunk) => chunk.stream === stream).map((chunk) => chunk.text).join('');
    return { result, stdout: text('stdout'), stderr: text('stderr'), world };
  } finally {
    runtime.dispose();
  }
}

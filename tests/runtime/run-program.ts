/**
 * Shared fixtures for runtime tests: one NodeRuntime per test file over a simulated network with the
 * payments API and a placeholder vault, and `runProgram` that collects what a learner would see.
 */
import { afterAll } from 'vitest';
import { createNodeRuntime } from '../../src/runtime/node.ts';
import { createPaymentsApi, createPlaceholderVaultHandler, DEMO_VAULT_HOST, PAYMENTS_API_HOST, SimulatedNetwork, type OutputChunk, type RunRequest, type RunResult } from '../../src/runtime/index.ts';

export const FAKE_API_KEY = 'sk_test_51FakeKeyForTheSandboxOnly';
export const FAKE_DB_PASSWORD = 'P@ssw0rd-demo-only';

export interface ProgramRun extends RunResult {
  stdout: string;
  stderr: string;
  system: string;
  /** Everything in order, as a terminal would show it. */
  all: string;
  chunks: OutputChunk[];
}

export function createTestSandbox(options: { outputCap?: number; maxHeapMb?: number } = {}) {
  const payments = createPaymentsApi();
  const network = new SimulatedNetwork({ [PAYMENTS_API_HOST]: payments.handler, [DEMO_VAULT_HOST]: createPlaceholderVaultHandler() });
  const runtime = createNodeRuntime({ network, ...options });
  afterAll(() => runtime.dispose());

  /** `onOutput` sees each chunk of the program's own output (stdout, stderr) as it arrives, e.g. to press Stop. */
  async function runProgram(files: Record<string, string>, request: Partial<Omit<RunRequest, 'files'>> & { onOutput?: (chunk: OutputChunk) => void } = {}, signal?: AbortSignal): Promise<ProgramRun> {
    const chunks: OutputChunk[] = [];
    const result = await runtime.run(
      { files, entry: request.entry ?? 'index.ts', env: request.env ?? {}, ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}), ...(request.argv ? { argv: request.argv } : {}) },
      {
        onOutput: (chunk) => {
          chunks.push(chunk);
          if (chunk.stream !== 'system') request.onOutput?.(chunk);
        },
        ...(signal ? { signal } : {}),
      },
    );
    const of = (stream: OutputChunk['stream']) => chunks.filter((chunk) => chunk.stream === stream).map((chunk) => chunk.text).join('');
    return { ...result, stdout: of('stdout'), stderr: of('stderr'), system: of('system'), all: chunks.map((chunk) => chunk.text).join(''), chunks };
  }

  return { runtime, network, payments, runProgram };
}

/** The WebContainer adapter's logic against a fake boot: never the real one. */
import { describe, expect, test, vi } from 'vitest';
import type { FileSystemTree } from '@webcontainer/api';
import { toFileSystemTree, WebContainerRuntime, type WebContainerLike, type WebContainerProcessLike } from '../../src/runtime/webcontainer-runtime.ts';
import type { OutputChunk, RunRequest, RunResult, Runtime } from '../../src/runtime/index.ts';

const request: RunRequest = {
  files: { 'index.ts': "console.log('hi')", 'lib/util.ts': 'export {}', '/run/secrets/db_password': 'P@ssw0rd-demo-only' },
  entry: 'index.ts',
  env: { EXTERNAL_API_KEY: 'sk_test_51FakeKey' },
  timeoutMs: 200,
};

function fakeFallback(): Runtime & { runs: RunRequest[] } {
  const runs: RunRequest[] = [];
  const result: RunResult = { exitCode: 0, status: 'ok', writtenFiles: {}, timings: { totalMs: 1, transpileMs: 0, executeMs: 1 } };
  return { name: 'fake local', runs, run: async (req) => (runs.push(req), result), stop: vi.fn(), dispose: vi.fn() };
}

/** A fake container whose process prints `output` and exits with `exitCode` (or never, when undefined). */
function fakeContainer(output: string[], exitCode: number | undefined) {
  const mounts: FileSystemTree[] = [];
  const spawns: { command: string; args: string[]; env: Record<string, string> }[] = [];
  let killed = false;
  const container: WebContainerLike = {
    mount: async (tree) => void mounts.push(tree),
    spawn: async (command, args, options) => {
      spawns.push({ command, args, env: options.env });
      let finish: (code: number) => void = () => {};
      const process: WebContainerProcessLike = {
        output: new ReadableStream<string>({
          start(controller) {
            for (const text of output) controller.enqueue(text);
            controller.close();
          },
        }),
        exit: new Promise<number>((resolve) => {
          finish = resolve;
          if (exitCode !== undefined) setTimeout(() => resolve(exitCode), 5);
        }),
        kill: () => {
          killed = true;
          finish(143);
        },
      };
      return process;
    },
  };
  return { container, mounts, spawns, wasKilled: () => killed };
}

function makeRuntime(overrides: Partial<ConstructorParameters<typeof WebContainerRuntime>[0]> = {}) {
  const fallback = fakeFallback();
  const runtime = new WebContainerRuntime({
    fallback,
    boot: async () => fakeContainer([], 0).container,
    probe: async () => true,
    isCrossOriginIsolated: () => true,
    isOnline: () => true,
    probeTimeoutMs: 50,
    bootTimeoutMs: 50,
    ...overrides,
  });
  return { runtime, fallback };
}

async function collect(runtime: Runtime): Promise<{ result: RunResult; chunks: OutputChunk[] }> {
  const chunks: OutputChunk[] = [];
  const result = await runtime.run(request, { onOutput: (chunk) => chunks.push(chunk) });
  return { result, chunks };
}

test('files become a FileSystemTree rooted at /app; files elsewhere keep their path below it', () => {
  expect(toFileSystemTree(request.files)).toEqual({
    'index.ts': { file: { contents: "console.log('hi')" } },
    lib: { directory: { 'util.ts': { file: { contents: 'export {}' } } } },
    run: { directory: { secrets: { directory: { db_password: { file: { contents: 'P@ssw0rd-demo-only' } } } } } },
  });
});

test('mounts the files, spawns node through tsx with the env, streams output and returns the exit code', async () => {
  const fake = fakeContainer(['hi\n', 'there\n'], 0);
  const { runtime, fallback } = makeRuntime({ boot: async () => fake.container });
  const { result, chunks } = await collect(runtime);
  expect(fake.mounts).toEqual([toFileSystemTree(request.files)]);
  expect(fake.spawns).toEqual([{ command: 'npx', args: ['--yes', 'tsx', 'index.ts'], env: request.env }]);
  expect(chunks).toEqual([
    { stream: 'stdout', text: 'hi\n' },
    { stream: 'stdout', text: 'there\n' },
  ]);
  expect(result).toMatchObject({ status: 'ok', exitCode: 0 });
  expect(fallback.runs).toHaveLength(0);
});

test('a non-zero exit is an error; a process still running at the deadline is killed', async () => {
  const failing = makeRuntime({ boot: async () => fakeContainer([], 2).container });
  expect((await collect(failing.runtime)).result).toMatchObject({ status: 'error', exitCode: 2 });

  const hanging = fakeContainer([], undefined);
  const { runtime } = makeRuntime({ boot: async () => hanging.container });
  const { result, chunks } = await collect(runtime);
  expect(result.status).toBe('timeout');
  expect(hanging.wasKilled()).toBe(true);
  expect(chunks.at(-1)?.text).toContain('Stopped after 0.2 s');
});

describe('falls back to the local runtime with a one-line reason', () => {
  const reasons: [string, Partial<ConstructorParameters<typeof WebContainerRuntime>[0]>, string][] = [
    ['not isolated', { isCrossOriginIsolated: () => false }, 'this page is not cross-origin isolated (COOP/COEP headers)'],
    ['offline', { isOnline: () => false }, 'the browser is offline'],
    ['probe never answers', { probe: () => new Promise<boolean>(() => {}) }, 'stackblitz.com did not answer within 0.05 s'],
    ['probe fails', { probe: async () => Promise.reject(new TypeError('Failed to fetch')) }, 'stackblitz.com did not answer within 0.05 s'],
    ['boot never settles (offline)', { boot: () => new Promise<WebContainerLike>(() => {}) }, 'WebContainer did not boot within 0.05 s'],
    ['boot throws', { boot: async () => Promise.reject(new Error('Unable to create more instances')) }, 'WebContainer failed to boot (Unable to create more instances)'],
  ];

  test.each(reasons)('%s', async (_, overrides, reason) => {
    const { runtime, fallback } = makeRuntime(overrides);
    const first = await collect(runtime);
    expect(first.chunks).toEqual([{ stream: 'system', text: `Using the in-browser runtime: ${reason}.\n` }]);
    expect(fallback.runs).toEqual([request]);
    const second = await collect(runtime);
    expect(second.chunks).toEqual([]);
    expect(fallback.runs).toHaveLength(2);
    expect(await runtime.fallbackReason()).toBe(reason);
  });

  test('boot is attempted once, not per run', async () => {
    const boot = vi.fn(() => Promise.reject(new Error('nope')));
    const { runtime } = makeRuntime({ boot });
    await collect(runtime);
    await collect(runtime);
    expect(boot).toHaveBeenCalledTimes(1);
  });
});

/** Limits: timeout, Stop, output cap, memory. Each leaves the runtime usable for the next run. */
import { beforeAll, expect, test } from 'vitest';
import { timeoutMessage } from '../../src/runtime/index.ts';
import { createTestSandbox } from './run-program.ts';

const { runtime, runProgram } = createTestSandbox({ maxHeapMb: 48 });
beforeAll(() => runtime.warmUp(), 30_000);

test('an infinite loop is killed at the deadline and the next run works', async () => {
  await runtime.warmUp();
  const started = performance.now();
  const run = await runProgram({ 'index.ts': "console.log('start');\nwhile (true) {}" }, { timeoutMs: 1000 });
  const elapsed = performance.now() - started;
  expect(run.status).toBe('timeout');
  expect(run.stdout).toBe('start\n');
  expect(run.system).toBe(`${timeoutMessage(1000)}\n`);
  expect(run.system).toContain('Stopped after 1 s: the program was still running');
  expect(elapsed).toBeGreaterThanOrEqual(1000);
  expect(elapsed).toBeLessThan(1000 + 500);

  const next = await runProgram({ 'index.ts': "console.log('fine');" });
  expect(next).toMatchObject({ status: 'ok', stdout: 'fine\n' });
});

test('an open watcher keeps the program running until the deadline, like Node', async () => {
  const run = await runProgram({ '/app/a.txt': 'x', 'index.ts': "import fs from 'fs';\nfs.watch('a.txt', () => {});" }, { timeoutMs: 300 });
  expect(run.status).toBe('timeout');
});

test('10 MB of output is truncated at 1 MB with one system line, and the program finishes', async () => {
  const run = await runProgram({ 'index.ts': "const line = 'x'.repeat(99);\nfor (let i = 0; i < 100_000; i++) console.log(line);\nconsole.error('done');" }, { timeoutMs: 20_000 });
  expect(run.status).toBe('ok');
  expect(run.stdout.length + run.stderr.length).toBe(1024 * 1024);
  expect(run.stderr).toBe('');
  expect(run.system).toBe('\n[output truncated: the program printed more than 1 MB; the rest is not shown]\n');
  // What the learner sees: the program's first 1 MB, every line whole and in order, the last one cut
  // at the cap, then the notice. (How many messages carried it depends on the machine's speed: a
  // loaded machine sends more, smaller batches, and the learner cannot tell.)
  expect(run.stdout).toBe('x'.repeat(99).concat('\n').repeat(Math.ceil((1024 * 1024) / 100)).slice(0, 1024 * 1024));
  expect(run.all.endsWith('xx\n[output truncated: the program printed more than 1 MB; the rest is not shown]\n')).toBe(true);
}, 30_000);

test('Stop (AbortSignal) kills the run with status killed', async () => {
  const controller = new AbortController();
  // Stop is pressed once the program is running (its first line arrived), not after a guessed delay.
  const run = await runProgram({ 'index.ts': "console.log('running');\nsetInterval(() => {}, 10);" }, { timeoutMs: 5000, onOutput: () => controller.abort() }, controller.signal);
  expect(run.status).toBe('killed');
  expect(run.stdout).toBe('running\n');
  expect(run.system).toBe('Stopped.\n');
});

test('running out of memory is reported clearly and the next run works', async () => {
  const run = await runProgram({ 'index.ts': 'const hoard: number[][] = [];\nwhile (true) hoard.push(new Array(100_000).fill(Math.random()));' }, { timeoutMs: 15_000 });
  expect(run.status).toBe('error');
  expect(run.system).toBe('The program ran out of memory and was stopped. The sandbox was reset: you can run again.\n');
  const next = await runProgram({ 'index.ts': "console.log('fine');" });
  expect(next).toMatchObject({ status: 'ok', stdout: 'fine\n' });
}, 30_000);

test('deep recursion is an ordinary RangeError in the learner file', async () => {
  const run = await runProgram({ 'index.ts': 'function down(n: number): number {\n  return down(n + 1) + 1;\n}\ndown(0);' });
  expect(run.stderr).toContain('Uncaught RangeError: Maximum call stack size exceeded');
  expect(run.stderr).toContain('at down (/app/index.ts:2:');
  expect(run.exitCode).toBe(1);
});

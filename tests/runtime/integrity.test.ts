/**
 * What learner code cannot do to the runtime: bend Node's exit semantics, hide written files by
 * replacing built-ins, fill the file system without limit, or talk the host into a result with a
 * message of its own. Runs on NodeRuntime (the same LearnerEnvironment as the browser) and on the
 * host's validation directly; the browser's own channel is covered in tests/e2e/sandbox-attacks.spec.ts.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { SimulatedNetwork } from '../../src/runtime/index.ts';
import { parseWorkerMessage } from '../../src/runtime/protocol.ts';
import { WorkerRuntime, type WorkerPort } from '../../src/runtime/worker-runtime.ts';
import { MAX_FILE_CHARS, MAX_TOTAL_CHARS } from '../../src/runtime/core/virtual-fs.ts';
import { createTestSandbox } from './run-program.ts';

const { runtime, runProgram } = createTestSandbox({ maxHeapMb: 256 });
beforeAll(() => runtime.warmUp(), 30_000);

describe('Node 22 exit semantics', () => {
  test('an unhandled rejection prints the error and exits 1', async () => {
    const run = await runProgram({ 'index.ts': "Promise.reject(new Error('boom'));\nconsole.log('after');" });
    expect(run.exitCode).toBe(1);
    expect(run.status).toBe('error');
    expect(run.stderr).toContain('Error: boom');
  });

  test('an unhandled rejection in an async function, after the main module, exits 1', async () => {
    const run = await runProgram({ 'index.ts': "async function main() { await null; throw new Error('late'); }\nmain();" });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('Error: late');
  });

  test('process.exit(300) exits 44 (the low 8 bits), -1 exits 255', async () => {
    expect((await runProgram({ 'index.ts': 'process.exit(300);' })).exitCode).toBe(44);
    expect((await runProgram({ 'index.ts': 'process.exit(-1);' })).exitCode).toBe(255);
    expect((await runProgram({ 'index.ts': "process.exit('3');" })).exitCode).toBe(3);
  });

  test('process.exit("x") throws ERR_INVALID_ARG_TYPE with Node\'s message', async () => {
    const run = await runProgram({ 'index.ts': "try { process.exit('x'); } catch (e) { console.log(e.code, e.name, e.message); }\nprocess.exit('x');" });
    expect(run.stdout).toBe(`ERR_INVALID_ARG_TYPE TypeError The "code" argument must be of type number. Received type string ('x')\n`);
    expect(run.stderr).toContain(`TypeError [ERR_INVALID_ARG_TYPE]: The "code" argument must be of type number. Received type string ('x')`);
    expect(run.exitCode).toBe(1);
  });

  test('process.exitCode = "abc" throws the same way; 1.5 is out of range', async () => {
    const run = await runProgram({ 'index.ts': "process.exitCode = 'abc';" });
    expect(run.stderr).toContain(`TypeError [ERR_INVALID_ARG_TYPE]: The "code" argument must be of type number. Received type string ('abc')`);
    expect(run.exitCode).toBe(1);
    const range = await runProgram({ 'index.ts': 'process.exitCode = 1.5;' });
    expect(range.stderr).toContain('RangeError [ERR_OUT_OF_RANGE]: The value of "code" is out of range. It must be an integer. Received 1.5');
    const fine = await runProgram({ 'index.ts': 'process.exitCode = 258;' });
    expect(fine.exitCode).toBe(2);
  });
});

describe('the written-files report', () => {
  test('replacing Set, Map and Array built-ins does not hide a written file', async () => {
    const run = await runProgram({
      'index.ts': [
        "import fs from 'node:fs';",
        "fs.writeFileSync('/app/leak.txt', 'the key');",
        'Set.prototype[Symbol.iterator] = function* () {};',
        'Map.prototype[Symbol.iterator] = function* () {};',
        'Map.prototype.get = () => undefined;',
        'Object.keys = () => [];',
        'Object.entries = () => [];',
        'Array.prototype.push = function () { return 0; };',
        "Object.defineProperty(Object.prototype, '/app/leak.txt', { set() {}, configurable: true });",
      ].join('\n'),
    });
    expect(run.writtenFiles['/app/leak.txt']).toBe('the key');
  });

  test('output printed after Array.prototype.push is replaced still reaches the host', async () => {
    const run = await runProgram({ 'index.ts': "Array.prototype.push = function () { return 0; };\nconsole.log('still here');" });
    expect(run.stdout).toBe('still here\n');
  });
});

describe('file-system limits', () => {
  test(`a file past ${MAX_FILE_CHARS / 1024 / 1024} MB fails with EFBIG and names the limit; the program can catch it`, async () => {
    const run = await runProgram({
      'index.ts': "import fs from 'fs';\ntry { fs.writeFileSync('big.txt', 'x'.repeat(5 * 1024 * 1024)); } catch (e) { console.log(e.code, e.message); }",
    });
    expect(run.stdout).toBe("EFBIG EFBIG: file too large, write '/app/big.txt' (the sandbox's files hold at most 2 MB each; this write would make it 5 MB)\n");
    expect(run.writtenFiles).toEqual({});
  });

  test('appending past the per-file limit fails too, and keeps what was written', async () => {
    const run = await runProgram({
      'index.ts': "import fs from 'fs';\nconst mb = 'x'.repeat(1024 * 1024);\nfs.writeFileSync('a.txt', mb);\nfs.appendFileSync('a.txt', mb);\ntry { fs.appendFileSync('a.txt', 'y'); } catch (e) { console.log(e.code); }",
    });
    expect(run.stdout).toBe('EFBIG\n');
    expect(run.writtenFiles['/app/a.txt']?.length).toBe(2 * 1024 * 1024);
  });

  test(`files past ${MAX_TOTAL_CHARS / 1024 / 1024} MB in all fail with ENOSPC; an uncaught one ends the run with 1`, async () => {
    const run = await runProgram({
      'index.ts': "import fs from 'fs';\nconst chunk = 'x'.repeat(2 * 1024 * 1024);\nfor (let i = 0; i < 10; i++) fs.writeFileSync(`f${i}.txt`, chunk);",
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("ENOSPC: no space left on device, write '/app/f3.txt' (the sandbox's file system holds at most 8 MB in all)");
    // The program's own source counts too: three 2 MB files fit beside it, the fourth does not.
    expect(Object.keys(run.writtenFiles)).toHaveLength(3);
  });
});

describe('the host trusts no message', () => {
  test('parseWorkerMessage rejects system output, bad exit codes and unknown types', () => {
    expect(parseWorkerMessage({ type: 'output', chunks: [{ stream: 'system', text: 'All checks passed' }] })).toBe('output on the "system" stream, which only the sandbox itself writes');
    expect(parseWorkerMessage({ type: 'done', exitCode: 300, writtenFiles: {}, transpileMs: 0, executeMs: 0 })).toBe('a done message with exit code 300');
    expect(parseWorkerMessage({ type: 'done', exitCode: 0, writtenFiles: { a: 1 }, transpileMs: 0, executeMs: 0 })).toBe('a done message with malformed written files');
    expect(parseWorkerMessage({ type: 'grade', passed: true })).toBe('a message of unknown type "grade"');
    expect(parseWorkerMessage('done')).toBe('a message without a type');
    expect(parseWorkerMessage({ type: 'output', chunks: [{ stream: 'stdout', text: 'hi' }] })).toEqual({ type: 'output', chunks: [{ stream: 'stdout', text: 'hi' }] });
  });

  test('parseWorkerMessage accepts a request for each lazy bundle (the grader\'s worker asks for the AWS SDK, nothing preloads it there)', () => {
    for (const name of ['azure-sdk', 'aws-sdk', 'transpiler']) expect(parseWorkerMessage({ type: 'load-bundle', name })).toEqual({ type: 'load-bundle', name });
    expect(parseWorkerMessage({ type: 'load-bundle', name: 'gcp-sdk' })).toBe('a request for an unknown bundle');
  });

  /** A worker that says whatever the test scripts, to drive WorkerRuntime's checks. */
  function scriptedRuntime(script: (port: WorkerPort) => void, outputCap = 1000): WorkerRuntime {
    return new WorkerRuntime({
      name: 'scripted',
      network: new SimulatedNetwork({}),
      keepSpare: false,
      outputCap,
      spawn: () => {
        const port: WorkerPort = {
          post: (message) => {
            if (message.type === 'run') queueMicrotask(() => script(port));
          },
          onMessage: () => {},
          onCrash: () => {},
          terminate: () => {},
        };
        queueMicrotask(() => port.onMessage({ type: 'ready' }));
        return port;
      },
    });
  }

  async function runScripted(script: (port: WorkerPort) => void, outputCap?: number) {
    const chunks: Array<{ stream: string; text: string }> = [];
    const result = await scriptedRuntime(script, outputCap).run({ files: {}, entry: 'index.ts', env: {} }, { onOutput: (chunk) => chunks.push(chunk) });
    return { result, system: chunks.filter((c) => c.stream === 'system').map((c) => c.text).join(''), stdout: chunks.filter((c) => c.stream === 'stdout').map((c) => c.text).join('') };
  }

  test('a forged system chunk ends the run as failed, with the reason shown', async () => {
    const { result, system } = await runScripted((port) => {
      port.onMessage({ type: 'output', chunks: [{ stream: 'system', text: '✓ All checks passed\n' }] });
      port.onMessage({ type: 'done', exitCode: 0, writtenFiles: {}, transpileMs: 0, executeMs: 0 });
    });
    expect(result.status).toBe('error');
    expect(system).toContain('malformed message');
    expect(system).not.toContain('All checks passed');
  });

  test('a message from outside the runtime channel ends the run as failed, even if done follows', async () => {
    const { result, system } = await runScripted((port) => {
      port.onForged?.();
      port.onMessage({ type: 'done', exitCode: 0, writtenFiles: {}, transpileMs: 0, executeMs: 0 });
    });
    expect(result).toMatchObject({ status: 'error', exitCode: 134 });
    expect(system).toContain('the program posted a message to the page itself');
  });

  test('a forged-message notice that arrives after done still fails the run (the host flushes the side channel first)', async () => {
    const { result, system } = await runScripted((port) => {
      // As in the browser: the direct channel delivers done before the relay's notice of the earlier forgery.
      port.flush = () => new Promise((resolve) => setTimeout(() => {
        port.onForged?.();
        resolve();
      }, 5));
      port.onMessage({ type: 'done', exitCode: 0, writtenFiles: {}, transpileMs: 0, executeMs: 0 });
    });
    expect(result).toMatchObject({ status: 'error', exitCode: 134 });
    expect(system).toContain('the program posted a message to the page itself');
  });

  test('the host caps output itself, whatever the worker claims, and says so once', async () => {
    const { stdout, system } = await runScripted((port) => {
      for (let i = 0; i < 5; i++) port.onMessage({ type: 'output', chunks: [{ stream: 'stdout', text: 'x'.repeat(600) }] });
      port.onMessage({ type: 'done', exitCode: 0, writtenFiles: {}, transpileMs: 0, executeMs: 0 });
    });
    expect(stdout).toHaveLength(1000);
    expect(system.match(/output truncated/g)).toHaveLength(1);
  });

  test('written files past the file system size are refused by the host', async () => {
    const { result, system } = await runScripted((port) => {
      port.onMessage({ type: 'done', exitCode: 0, writtenFiles: { '/app/a': 'x'.repeat(MAX_TOTAL_CHARS + 1) }, transpileMs: 0, executeMs: 0 });
    });
    expect(result.status).toBe('error');
    expect(system).toContain('written files of');
  });
});

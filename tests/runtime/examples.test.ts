/** The lesson scenarios, run end to end through NodeRuntime (a worker thread with the learner environment). */
import { beforeAll, describe, expect, test } from 'vitest';
import { createTestSandbox, FAKE_API_KEY, FAKE_DB_PASSWORD } from './run-program.ts';

const { runtime, payments, runProgram } = createTestSandbox();
beforeAll(() => runtime.warmUp(), 30_000);

const readKeyProgram = `
const apiKey = process.env.EXTERNAL_API_KEY;
if (!apiKey) {
  console.error('EXTERNAL_API_KEY is not set: refusing to start.');
  process.exit(1);
}
console.log(\`Using key \${apiKey.slice(0, 8)}...\`);
`;

describe('environment variables', () => {
  test('reads process.env', async () => {
    const run = await runProgram({ 'index.ts': readKeyProgram }, { env: { EXTERNAL_API_KEY: FAKE_API_KEY } });
    expect(run.stdout).toBe('Using key sk_test_...\n');
    expect(run).toMatchObject({ status: 'ok', exitCode: 0, stderr: '' });
  });

  test('fails fast with exit 1 and a clear message when the variable is missing', async () => {
    const run = await runProgram({ 'index.ts': readKeyProgram });
    expect(run.stderr).toBe('EXTERNAL_API_KEY is not set: refusing to start.\n');
    expect(run.stdout).toBe('');
    expect(run).toMatchObject({ status: 'error', exitCode: 1 });
  });

  test('process.argv carries the entry and the extra arguments', async () => {
    const run = await runProgram({ 'index.ts': 'console.log(process.argv.slice(1).join(" "));' }, { argv: ['--verbose'] });
    expect(run.stdout).toBe('/app/index.ts --verbose\n');
  });
});

describe('secret files', () => {
  test('reads /run/secrets/db_password, as a string and as a Buffer', async () => {
    const run = await runProgram({
      'index.ts': [
        "import { readFileSync } from 'node:fs';",
        "const password: string = readFileSync('/run/secrets/db_password', 'utf8').trim();",
        "const raw = readFileSync('/run/secrets/db_password');",
        'console.log(password.length, raw.toString().trim() === password, raw);',
      ].join('\n'),
      '/run/secrets/db_password': `${FAKE_DB_PASSWORD}\n`,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`${FAKE_DB_PASSWORD.length} true <Buffer 50 40 73 73 77 30 72 64 2d 64 65 6d 6f 2d 6f 6e 6c 79 0a>\n`);
  });

  test('a missing secret file fails with ENOENT like Node', async () => {
    const run = await runProgram({ 'index.ts': "import fs from 'fs';\ntry { fs.readFileSync('/run/secrets/nope', 'utf8'); } catch (e: any) { console.log(e.code, e.message); }" });
    expect(run.stdout).toBe("ENOENT ENOENT: no such file or directory, open '/run/secrets/nope'\n");
  });

  test('files the program writes come back in the result', async () => {
    const run = await runProgram({ 'index.ts': "import { writeFileSync, promises } from 'node:fs';\nwriteFileSync('out.txt', 'hello');\nawait promises.writeFile('/tmp/x.json', '{}');" });
    expect(run.writtenFiles).toEqual({ '/app/out.txt': 'hello', '/tmp/x.json': '{}' });
  });
});

describe('dotenv', () => {
  const files = {
    '/app/.env': `# local development only\nEXTERNAL_API_KEY=${FAKE_API_KEY}\nDB_USER="app user"\nexport GREETING='hi # not a comment'\n`,
  };

  test('config() reads /app/.env, returns parsed, and does not override the environment', async () => {
    const run = await runProgram(
      {
        ...files,
        'index.ts': "import dotenv from 'dotenv';\nconst { parsed } = dotenv.config();\nconsole.log(Object.keys(parsed!).join(','));\nconsole.log(process.env.EXTERNAL_API_KEY, process.env.DB_USER, process.env.GREETING);",
      },
      { env: { EXTERNAL_API_KEY: 'sk_test_fromTheRealEnvironment' } },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('EXTERNAL_API_KEY,DB_USER,GREETING\nsk_test_fromTheRealEnvironment app user hi # not a comment\n');
  });

  test("import 'dotenv/config' loads before the module body", async () => {
    const run = await runProgram({ ...files, 'index.ts': "import 'dotenv/config';\nconsole.log(process.env.EXTERNAL_API_KEY);" });
    expect(run.stdout).toBe(`${FAKE_API_KEY}\n`);
  });

  test('a missing .env returns an error and prints nothing', async () => {
    const run = await runProgram({ 'index.ts': "import { config } from 'dotenv';\nconst result = config();\nconsole.log(result.error?.message);" });
    expect(run.stdout).toBe("ENOENT: no such file or directory, open '/app/.env'\n");
  });
});

describe('simulated network', () => {
  const chargeProgram = `
const response = await fetch('https://api.payments.example/v1/charges', {
  method: 'POST',
  headers: { Authorization: \`Bearer \${process.env.EXTERNAL_API_KEY}\`, 'Content-Type': 'application/json' },
  body: JSON.stringify({ amount: 1999, currency: 'eur' }),
});
console.log(response.status, await response.json());
`;

  test('the payments API records the Authorization header it received', async () => {
    payments.reset();
    const run = await runProgram({ 'index.ts': chargeProgram }, { env: { EXTERNAL_API_KEY: FAKE_API_KEY } });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe("200 {\n  id: 'ch_demo_0001',\n  object: 'charge',\n  amount: 1999,\n  currency: 'eur',\n  status: 'succeeded'\n}\n");
    expect(payments.requests).toHaveLength(1);
    expect(payments.requests[0]).toMatchObject({ method: 'POST', path: '/v1/charges', query: {}, status: 200 });
    expect(payments.requests[0]?.headers['authorization']).toBe(`Bearer ${FAKE_API_KEY}`);
  });

  test('a wrong key gets a 401 JSON body, and the query string is recorded too', async () => {
    payments.reset();
    const run = await runProgram({ 'index.ts': chargeProgram.replace('/v1/charges', '/v1/charges?api_key=leaked') }, { env: { EXTERNAL_API_KEY: 'pk_live_wrong' } });
    expect(run.stdout).toBe("401 {\n  error: {\n    type: 'authentication_error',\n    message: 'Invalid API key provided.'\n  }\n}\n");
    expect(payments.requests[0]?.query).toEqual({ api_key: 'leaked' });
  });

  test('any other host fails with the offline message listing the hosts that exist', async () => {
    const run = await runProgram({ 'index.ts': "try {\n  await fetch('https://evil.example.com/steal');\n} catch (error) {\n  console.log(String(error));\n}" });
    expect(run.stdout).toBe(
      'TypeError: fetch failed: evil.example.com is not reachable, the sandbox is offline. Hosts that exist here: api.payments.example, payments-kv.vault.azure.net\n',
    );
    expect(run.status).toBe('ok');
  });
});

describe('modules', () => {
  test('imports between the learner files, including ./x.js meaning x.ts', async () => {
    const run = await runProgram({
      'index.ts': "import { loadConfig } from './config.js';\nimport * as path from 'node:path';\nconsole.log(loadConfig().name, path.join('/app', 'data'));",
      'config.ts': "export interface Config { name: string }\nexport function loadConfig(): Config { return { name: 'payments' }; }",
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('payments /app/data\n');
  });

  test('an unknown import fails before anything runs, listing the available modules', async () => {
    const run = await runProgram({ 'index.ts': "console.log('should not print');\nimport axios from 'axios';\naxios.get('x');" });
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      "Error: Cannot find module 'axios' imported from /app/index.ts\n" +
        'The sandbox has no npm packages. You can import your own files (./name) and these modules: node:fs, node:fs/promises, node:path, node:process, node:util, dotenv, dotenv/config, @azure/keyvault-secrets, @azure/identity, @aws-sdk/client-secrets-manager, @aws-sdk/client-sts\n',
    );
    expect(run).toMatchObject({ status: 'error', exitCode: 1 });
  });
});

describe('errors point at the learner\'s code', () => {
  test('a syntax error names file, line and column with a caret', async () => {
    const run = await runProgram({ 'index.ts': "import { x } from './lib';\nconsole.log(x);", 'lib.ts': 'export const x: number = 1;\nconst broken = ;\n' });
    expect(run.stderr).toBe('/app/lib.ts:2:16\nconst broken = ;\n               ^\n\nSyntaxError: Unexpected token\n');
    expect(run).toMatchObject({ status: 'error', exitCode: 1, stdout: '' });
  });

  test('a runtime error prints the learner lines of the stack', async () => {
    const run = await runProgram({
      'index.ts': "import { charge } from './payments';\n\nconsole.log('before');\ncharge(-1);\n",
      'payments.ts': "export function charge(amount: number): void {\n  if (amount < 0) {\n    throw new RangeError(`amount must be positive, got ${amount}`);\n  }\n}\n",
    });
    expect(run.stdout).toBe('before\n');
    // Columns are exact except where sucrase rewrites an expression (`charge(-1)` calls an import).
    expect(run.stderr).toMatch(
      new RegExp(
        '^/app/payments.ts:3:11\\n    throw new RangeError\\(`amount must be positive, got \\$\\{amount\\}`\\);\\n          \\^\\n\\n' +
          'Uncaught RangeError: amount must be positive, got -1\\n    at charge \\(/app/payments.ts:3:11\\)\\n    at /app/index.ts:4:\\d+\\n$',
      ),
    );
    expect(run).toMatchObject({ status: 'error', exitCode: 1 });
  });

  test('an unhandled rejection prints like Node and exits 1', async () => {
    const run = await runProgram({ 'index.ts': "async function connect(): Promise<void> {\n  throw new Error('vault unreachable');\n}\nconnect();\nsetTimeout(() => console.log('never'), 50);\n" });
    expect(run.stderr).toContain('Uncaught Error: vault unreachable\n    at connect (/app/index.ts:2:9)\n');
    expect(run.stdout).toBe('');
    expect(run).toMatchObject({ status: 'error', exitCode: 1 });
  });

  test('a rejection with a non-Error reason uses Node wording', async () => {
    const run = await runProgram({ 'index.ts': "Promise.reject('nope');" });
    expect(run.stderr).toContain('The promise rejected with the reason "nope".]');
    expect(run.exitCode).toBe(1);
  });
});

describe('how a run ends', () => {
  test('process.exit(3) stops at once with exit code 3 and runs exit listeners', async () => {
    const run = await runProgram({ 'index.ts': "process.on('exit', (code) => console.log('exit', code));\nconsole.log('a');\nprocess.exit(3);\nconsole.log('b');" });
    expect(run.stdout).toBe('a\nexit 3\n');
    expect(run).toMatchObject({ status: 'error', exitCode: 3 });
  });

  test('process.exitCode is the exit code when the program ends by itself', async () => {
    const run = await runProgram({ 'index.ts': 'process.exitCode = 2;' });
    expect(run).toMatchObject({ status: 'error', exitCode: 2 });
  });

  test('top-level await works, also in imported modules', async () => {
    const run = await runProgram({
      'index.ts': "import { secret } from './load';\nconst later = await new Promise<string>((resolve) => setTimeout(() => resolve('done'), 20));\nconsole.log(secret, later);",
      'load.ts': "export const secret = await Promise.resolve('loaded');",
    });
    expect(run.stdout).toBe('loaded done\n');
  });

  test('timers keep the run alive until cleared; unref() does not', async () => {
    const run = await runProgram({
      'index.ts': "let n = 0;\nconst id = setInterval(() => {\n  console.log('tick', ++n);\n  if (n === 3) clearInterval(id);\n}, 5);\nsetInterval(() => console.log('never'), 1000).unref();",
    });
    expect(run.stdout).toBe('tick 1\ntick 2\ntick 3\n');
    expect(run.status).toBe('ok');
  });

  test('the reload-on-change example reloads the secret and ends when the watcher closes', async () => {
    const run = await runProgram({
      '/run/secrets/db_password': 'first-demo-password',
      'index.ts': [
        "import fs from 'node:fs';",
        "const file = '/run/secrets/db_password';",
        "let password = fs.readFileSync(file, 'utf8');",
        "console.log('loaded', password);",
        'const watcher = fs.watch(file, () => {',
        "  password = fs.readFileSync(file, 'utf8');",
        "  console.log('reloaded', password);",
        '  watcher.close();',
        '});',
        '// Simulate the platform rotating the secret.',
        "setTimeout(() => fs.writeFileSync(file, 'rotated-demo-password'), 20);",
      ].join('\n'),
    });
    expect(run.stdout).toBe('loaded first-demo-password\nreloaded rotated-demo-password\n');
    expect(run.status).toBe('ok');
  });

  test('watchFile/unwatchFile work the same way', async () => {
    const run = await runProgram({
      '/app/config.json': '{"v":1}',
      'index.ts': "import { watchFile, unwatchFile, writeFileSync, readFileSync } from 'fs';\nwatchFile('config.json', { interval: 100 }, (curr, prev) => {\n  console.log(readFileSync('config.json', 'utf8'), curr.size >= prev.size);\n  unwatchFile('config.json');\n});\nsetTimeout(() => writeFileSync('config.json', '{\"v\":2}'), 10);",
    });
    expect(run.stdout).toBe('{"v":2} true\n');
  });
});

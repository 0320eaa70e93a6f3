/**
 * The official `@azure/keyvault-secrets` as a sandboxed program uses it: `new SecretClient(url,
 * credential)` with no extra options reaches the page's mock vault, and its failures read the way
 * Azure's do (403 Forbidden RestError, an unreachable host, a mistyped import).
 */
import { expect, test } from 'vitest';
import { DB_PASSWORD, runWithAzure } from './azure-fixtures.ts';

const CLIENT = `
import { SecretClient } from "@azure/keyvault-secrets";
import { DefaultAzureCredential } from "@azure/identity";
const client = new SecretClient(process.env.VAULT_URL ?? "https://payments-kv.vault.azure.net", new DefaultAzureCredential());
`;

test('getSecret reads the latest version as the managed identity, and the vault audits it', async () => {
  const { stdout, result, world } = await runWithAzure(`${CLIENT}
const secret = await client.getSecret("DatabasePassword");
console.log(secret.name, secret.value?.length, secret.properties.enabled);`, { machine: { managedIdentity: 'payments-api' } });
  expect(result.exitCode).toBe(0);
  expect(stdout).toBe(`DatabasePassword ${DB_PASSWORD.length} true\n`);
  expect(world.engine.audit.entries().at(-1)).toMatchObject({ identity: 'payments-api', operation: 'SecretGet', secretName: 'DatabasePassword', status: 200 });
});

test('a missing role is a 403 RestError with code Forbidden that the program can read', async () => {
  const { stdout, result } = await runWithAzure(`${CLIENT}
try {
  await client.getSecret("DatabasePassword");
} catch (error: any) {
  console.log(error.name, error.statusCode, error.code);
  console.log(error.message.split("\\n")[0]);
}`, { machine: { managedIdentity: 'reporting-job' } });
  expect(result.exitCode).toBe(0);
  const [first, second] = stdout.split('\n');
  expect(first).toBe('RestError 403 Forbidden');
  expect(second).toContain("Caller is not authorized to perform action on resource.");
  expect(stdout).not.toContain(DB_PASSWORD);
});

test('an uncaught 403 prints the RestError with its status code', async () => {
  const { stderr, result } = await runWithAzure(`${CLIENT}
await client.getSecret("StripeApiKey");`, { machine: { managedIdentity: 'payments-api' } });
  expect(result.exitCode).toBe(1);
  expect(stderr).toContain('Uncaught RestError');
  expect(stderr).toContain('"statusCode": 403');
  expect(stderr).toContain('"code": "Forbidden"');
  expect(stderr).toContain('"authorization": "REDACTED"');
});

test('a vault that does not exist here fails like an offline fetch, naming the hosts that do', async () => {
  const { stderr, result } = await runWithAzure(`${CLIENT}
await client.getSecret("DatabasePassword");`, { machine: { managedIdentity: 'payments-api' }, env: { VAULT_URL: 'https://other.vault.azure.net' } });
  expect(result.exitCode).toBe(1);
  expect(stderr).toContain('fetch failed: other.vault.azure.net is not reachable, the sandbox is offline. Hosts that exist here: 169.254.169.254, login.microsoftonline.com, payments-kv.vault.azure.net');
  expect(stderr).toContain('"code": "REQUEST_SEND_ERROR"');
});

test('a mistyped package name lists the modules the sandbox has', async () => {
  const { stderr, result } = await runWithAzure('import { SecretClient } from "@azure/keyvault-secret";\nconsole.log(SecretClient);\n');
  expect(result.exitCode).toBe(1);
  expect(stderr).toContain("Cannot find module '@azure/keyvault-secret' imported from /app/main.ts");
  expect(stderr).toContain('@azure/keyvault-secrets, @azure/identity');
});

test('versions, soft delete and recover run through the real pollers and pagers', async () => {
  const { stdout, stderr, result } = await runWithAzure(`${CLIENT}
let versions = 0;
for await (const properties of client.listPropertiesOfSecretVersions("DatabasePassword")) versions += properties.enabled ? 1 : 0;
console.log("versions", versions);
const deletion = await client.beginDeleteSecret("StripeApiKey");
await deletion.pollUntilDone();
console.log("deleted", (await client.getDeletedSecret("StripeApiKey")).name);
const recovery = await client.beginRecoverDeletedSecret("StripeApiKey");
await recovery.pollUntilDone();
console.log("recovered", (await client.getSecret("StripeApiKey")).properties.enabled);`, { machine: { azureCli: 'alice@contoso.example' } });
  expect(stderr).toContain('AzureCliCredential: answered, signed in as alice@contoso.example');
  expect(stdout).toBe('versions 2\ndeleted StripeApiKey\nrecovered true\n');
  expect(result.exitCode).toBe(0);
});

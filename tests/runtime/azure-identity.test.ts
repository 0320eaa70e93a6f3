/**
 * The `@azure/identity` stand-in: the chain order, what makes each link answer or step aside, the
 * explanation it prints, AZURE_TOKEN_CREDENTIALS, and the real library's error behaviour.
 */
import { describe, expect, test } from 'vitest';
import { CI_SECRET, runWithAzure } from './azure-fixtures.ts';

const TOKEN_FOR = (credential: string) => `
import { ${credential} } from "@azure/identity";
const credential = new ${credential}();
const token = await credential.getToken("https://vault.azure.net/.default");
const claims = JSON.parse(atob(token.token.split(".")[1]));
console.log("token for", claims.name, "audience", claims.aud, "fresh", token.expiresOnTimestamp > Date.now());
`;

const CI_ENV = { AZURE_TENANT_ID: '72f988bf-0000-4000-8000-00000000c0de', AZURE_CLIENT_ID: '11111111-2222-4333-8444-555555555555' };

describe('DefaultAzureCredential', () => {
  test('in Azure, ManagedIdentityCredential answers after Environment and WorkloadIdentity step aside, and the chain says so', async () => {
    const { stdout, stderr, result } = await runWithAzure(TOKEN_FOR('DefaultAzureCredential'), { machine: { managedIdentity: 'payments-api' } });
    expect(result.exitCode).toBe(0);
    expect(stdout).toBe('token for payments-api audience https://vault.azure.net fresh true\n');
    expect(stderr).toBe(
      [
        'DefaultAzureCredential tried, in order:',
        '  EnvironmentCredential: not configured: AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET are not set',
        '  WorkloadIdentityCredential: not configured: AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE are not set',
        '  ManagedIdentityCredential: answered, signed in as payments-api',
        '  (not tried: VisualStudioCodeCredential, AzureCliCredential, AzurePowerShellCredential, AzureDeveloperCliCredential)',
        '',
      ].join('\n'),
    );
  });

  test('on a laptop, IMDS is unreachable and the Azure CLI login answers', async () => {
    const { stdout, stderr } = await runWithAzure(TOKEN_FOR('DefaultAzureCredential'), { machine: { azureCli: 'alice@contoso.example' } });
    expect(stdout).toContain('token for alice@contoso.example');
    expect(stderr).toContain('ManagedIdentityCredential: no managed identity endpoint answered at 169.254.169.254: this program is not running in Azure');
    expect(stderr).toContain('VisualStudioCodeCredential: not available: no VS Code Azure sign-in in the sandbox');
    expect(stderr).toContain('AzureCliCredential: answered, signed in as alice@contoso.example');
  });

  test('in a pipeline, EnvironmentCredential answers with the service principal secret', async () => {
    const { stdout, stderr } = await runWithAzure(TOKEN_FOR('DefaultAzureCredential'), {
      machine: { clientSecrets: { 'ci-pipeline': CI_SECRET }, azureCli: 'alice@contoso.example' },
      env: { ...CI_ENV, AZURE_CLIENT_SECRET: CI_SECRET },
    });
    expect(stdout).toContain('token for ci-pipeline');
    expect(stderr).toContain('EnvironmentCredential: answered, signed in as ci-pipeline');
    expect(stderr).not.toContain(CI_SECRET);
  });

  test('a wrong client secret stops the chain with Entra ID\'s AADSTS7000215 instead of falling through to another identity', async () => {
    const { stderr, result } = await runWithAzure(TOKEN_FOR('DefaultAzureCredential'), {
      machine: { clientSecrets: { 'ci-pipeline': CI_SECRET }, azureCli: 'alice@contoso.example' },
      env: { ...CI_ENV, AZURE_CLIENT_SECRET: 'not-the-secret' },
    });
    expect(result.exitCode).toBe(1);
    expect(stderr).toContain('EnvironmentCredential: configured, but the sign-in failed, so the chain stops here');
    expect(stderr).toContain('AADSTS7000215: Invalid client secret provided.');
    expect(stderr).toContain('AuthenticationError');
    expect(stderr).not.toContain('AzureCliCredential');
  });

  test('AZURE_TOKEN_CREDENTIALS=dev narrows the chain to developer tools', async () => {
    const { stdout, stderr } = await runWithAzure(TOKEN_FOR('DefaultAzureCredential'), {
      machine: { managedIdentity: 'payments-api', azureCli: 'alice@contoso.example' },
      env: { AZURE_TOKEN_CREDENTIALS: 'dev' },
    });
    expect(stdout).toContain('token for alice@contoso.example');
    expect(stderr).toContain('DefaultAzureCredential (AZURE_TOKEN_CREDENTIALS=dev) tried, in order:\n  VisualStudioCodeCredential:');
    expect(stderr).not.toContain('EnvironmentCredential');
    expect(stderr).not.toContain('ManagedIdentityCredential');
  });

  test('AZURE_TOKEN_CREDENTIALS=prod on a laptop fails like the real chain, listing every link', async () => {
    const { stderr, result } = await runWithAzure(TOKEN_FOR('DefaultAzureCredential'), { machine: { azureCli: 'alice@contoso.example' }, env: { AZURE_TOKEN_CREDENTIALS: 'prod' } });
    expect(result.exitCode).toBe(1);
    expect(stderr).toContain('No link answered.');
    expect(stderr).toContain('AggregateAuthenticationError: ChainedTokenCredential authentication failed.\nCredentialUnavailableError: EnvironmentCredential is unavailable.');
    expect(stderr).toContain('CredentialUnavailableError: ManagedIdentityCredential: Attempted to use the IMDS endpoint, but it is not available.');
    expect(stderr).not.toContain('AzureCliCredential');
  });

  test('an unknown AZURE_TOKEN_CREDENTIALS value throws in the constructor, with the real message', async () => {
    const { stderr } = await runWithAzure(TOKEN_FOR('DefaultAzureCredential'), { env: { AZURE_TOKEN_CREDENTIALS: 'laptop' } });
    expect(stderr).toContain("Invalid value for AZURE_TOKEN_CREDENTIALS = laptop. Valid values are 'prod' or 'dev' or any of these credentials - EnvironmentCredential,");
  });

  test('with nothing configured every link steps aside, including az login', async () => {
    const { stderr } = await runWithAzure(TOKEN_FOR('DefaultAzureCredential'));
    expect(stderr).toContain("AzureCliCredential: nobody ran 'az login' on this machine");
    expect(stderr).toContain("CredentialUnavailableError: Please run 'az login' from a command prompt to authenticate before using this credential.");
  });

  test('workload identity exchanges the federated token file', async () => {
    const { stdout, stderr } = await runWithAzure(TOKEN_FOR('DefaultAzureCredential'), {
      machine: { workloadIdentities: ['ci-pipeline'] },
      env: { ...CI_ENV, AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/tokens/azure-identity-token' },
      files: { '/var/run/secrets/azure/tokens/azure-identity-token': 'eyJhbGciOiJSUzI1NiJ9.fake-service-account-token.demo' },
    });
    expect(stdout).toContain('token for ci-pipeline');
    expect(stderr).toContain('EnvironmentCredential: not configured: AZURE_CLIENT_SECRET is not set');
    expect(stderr).toContain('WorkloadIdentityCredential: answered, signed in as ci-pipeline');
  });
});

describe('single credentials', () => {
  test('ManagedIdentityCredential outside Azure throws CredentialUnavailableError', async () => {
    const { stderr, result } = await runWithAzure(TOKEN_FOR('ManagedIdentityCredential'));
    expect(result.exitCode).toBe(1);
    expect(stderr).toContain('CredentialUnavailableError: ManagedIdentityCredential: Attempted to use the IMDS endpoint, but it is not available.');
  });

  test('AzureCliCredential and ChainedTokenCredential work on their own', async () => {
    const code = `
import { AzureCliCredential, ChainedTokenCredential, ManagedIdentityCredential } from "@azure/identity";
const chain = new ChainedTokenCredential(new ManagedIdentityCredential(), new AzureCliCredential());
const token = await chain.getToken("https://vault.azure.net/.default");
console.log(token.tokenType, JSON.parse(atob(token.token.split(".")[1])).name);
`;
    const { stdout, stderr } = await runWithAzure(code, { machine: { azureCli: 'alice@contoso.example' } });
    expect(stdout).toBe('Bearer alice@contoso.example\n');
    expect(stderr).toContain('ChainedTokenCredential tried, in order:\n  ManagedIdentityCredential: no managed identity endpoint answered');
  });

  test('ClientSecretCredential checks its arguments like the real one', async () => {
    const code = 'import { ClientSecretCredential } from "@azure/identity";\nnew ClientSecretCredential("tenant", "", "secret");\n';
    const { stderr } = await runWithAzure(code);
    expect(stderr).toContain('ClientSecretCredential: tenantId, clientId, and clientSecret are required parameters.');
  });
});

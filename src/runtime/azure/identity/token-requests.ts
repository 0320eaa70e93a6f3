/**
 * The three ways the stand-in's credentials obtain a token, each an ordinary HTTP request through the
 * program's `fetch` to a host the sandbox simulates (see `../endpoints.ts`):
 * - Entra ID's OAuth 2.0 token endpoint, client credentials grant (a client secret, or a federated
 *   token as client assertion): what ClientSecretCredential, EnvironmentCredential and
 *   WorkloadIdentityCredential send;
 * - the Instance Metadata Service (IMDS): ManagedIdentityCredential;
 * - the CLI's cached `az login` session: AzureCliCredential.
 * The answers carry `expires_in` (seconds), turned into the SDK's machine-clock `expiresOnTimestamp`.
 */
import { AZURE_CLI_TOKEN_PATH, ENTRA_HOST, IMDS_HOST, IMDS_TOKEN_PATH, scopeToResource } from '../endpoints.ts';
import { AuthenticationError, CredentialUnavailableError, type AuthenticationErrorBody } from './errors.ts';
import type { AccessToken, IdentityEnvironment } from './environment.ts';

interface TokenAnswer {
  access_token?: string;
  expires_in?: number | string;
}

function toAccessToken(answer: TokenAnswer): AccessToken {
  if (typeof answer.access_token !== 'string') throw new Error('The token endpoint answered without an access_token.');
  const seconds = Number(answer.expires_in ?? 3599);
  return { token: answer.access_token, expiresOnTimestamp: Date.now() + seconds * 1000, tokenType: 'Bearer' };
}

async function readJson(response: Response): Promise<Record<string, unknown>> {
  try {
    return (await response.json()) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export type ClientProof = { secret: string } | { assertion: string };

/** POST https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token (client credentials grant). */
export async function requestClientCredentialsToken(
  environment: IdentityEnvironment,
  tenantId: string,
  clientId: string,
  proof: ClientProof,
  scopes: readonly string[],
): Promise<AccessToken> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, scope: scopes.join(' ') });
  if ('secret' in proof) form.set('client_secret', proof.secret);
  else {
    form.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    form.set('client_assertion', proof.assertion);
  }
  const response = await environment.fetch(`https://${ENTRA_HOST}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  const body = await readJson(response);
  if (!response.ok) {
    throw new AuthenticationError(response.status, {
      error: String(body['error'] ?? 'invalid_request'),
      error_description: String(body['error_description'] ?? `Entra ID answered ${response.status}.`),
    } satisfies AuthenticationErrorBody);
  }
  return toAccessToken(body);
}

/** GET http://169.254.169.254/metadata/identity/oauth2/token, with the `Metadata: true` header IMDS demands. */
export async function requestManagedIdentityToken(
  environment: IdentityEnvironment,
  scopes: readonly string[],
  clientId: string | undefined,
): Promise<AccessToken> {
  const query = new URLSearchParams({ 'api-version': '2018-02-01', resource: scopeToResource(scopes[0] ?? '') });
  if (clientId) query.set('client_id', clientId);
  let response: Response;
  try {
    response = await environment.fetch(`http://${IMDS_HOST}${IMDS_TOKEN_PATH}?${query.toString()}`, { headers: { Metadata: 'true' } });
  } catch {
    // Outside Azure nothing listens on the link-local address: the real credential's probe times out.
    throw new CredentialUnavailableError(
      'ManagedIdentityCredential: Attempted to use the IMDS endpoint, but it is not available. ' +
        'To troubleshoot, visit https://aka.ms/azsdk/js/identity/managedidentitycredential/troubleshoot.',
      `no managed identity endpoint answered at ${IMDS_HOST}: this program is not running in Azure`,
    );
  }
  const body = await readJson(response);
  if (!response.ok) {
    const description = String(body['error_description'] ?? `IMDS answered ${response.status}`);
    throw new CredentialUnavailableError(
      `ManagedIdentityCredential: The managed identity endpoint is indicating there's no available identity. Message: ${description}`,
      `IMDS answered, but ${description}`,
    );
  }
  return toAccessToken(body);
}

/** What `az account get-access-token --resource <resource>` prints, asked of the simulated CLI session. */
export async function requestAzureCliToken(environment: IdentityEnvironment, scopes: readonly string[], tenantId: string | undefined): Promise<AccessToken> {
  const query = new URLSearchParams({ resource: scopeToResource(scopes[0] ?? '') });
  if (tenantId) query.set('tenant', tenantId);
  let response: Response;
  try {
    response = await environment.fetch(`https://${ENTRA_HOST}${AZURE_CLI_TOKEN_PATH}?${query.toString()}`);
  } catch {
    throw new CredentialUnavailableError(
      "Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions and then, once installed, authenticate to your Azure account using 'az login'.",
      'the Azure CLI is not installed on this machine',
    );
  }
  const body = await readJson(response);
  if (!response.ok) {
    throw new CredentialUnavailableError(
      "Please run 'az login' from a command prompt to authenticate before using this credential.",
      "nobody ran 'az login' on this machine",
    );
  }
  return toAccessToken({ access_token: body['accessToken'] as string, expires_in: body['expires_in'] as number });
}

/**
 * `login.microsoftonline.com` on the simulated network: the token endpoint of Microsoft Entra ID
 * (client credentials grant, with a client secret or a federated client assertion) and the stand-in
 * for the Azure CLI's cached `az login` session (see `../endpoints.ts`). Tokens are minted by the
 * vault engine's identity directory, so the vault accepts exactly the tokens issued here. Refusals
 * use Entra ID's OAuth error bodies and AADSTS codes, so a learner reads what Azure would say.
 */
import type { RequestHandler } from '../../network/simulated-network.ts';
import { AZURE_CLI_TOKEN_PATH } from '../endpoints.ts';
import { lifetimeSeconds, type AzureMachine, type IdentityIssuer } from './machine.ts';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

function oauthError(status: number, error: string, code: number, description: string): Response {
  return json(status, { error, error_description: `AADSTS${code}: ${description}`, error_codes: [code] });
}

export function createEntraIdHandler(issuer: IdentityIssuer, machine: AzureMachine): RequestHandler {
  return async (request) => {
    const url = new URL(request.url);
    if (url.pathname === AZURE_CLI_TOKEN_PATH) return azureCliToken(issuer, machine, url);
    const match = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
    if (!match || request.method !== 'POST') {
      return oauthError(404, 'invalid_request', 900561, `The endpoint only accepts POST requests to /{tenant}/oauth2/v2.0/token. Received ${request.method} ${url.pathname}.`);
    }
    const tenant = decodeURIComponent(match[1] ?? '');
    const form = new URLSearchParams(await request.text());
    return clientCredentialsToken(issuer, machine, tenant, form);
  };
}

function clientCredentialsToken(issuer: IdentityIssuer, machine: AzureMachine, tenant: string, form: URLSearchParams): Response {
  if (form.get('grant_type') !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${form.get('grant_type') ?? ''}'.`);
  }
  const clientId = form.get('client_id') ?? '';
  const scope = form.get('scope') ?? '';
  const identity = issuer.list().find((candidate) => candidate.kind !== 'user' && (candidate.appId === clientId || candidate.name === clientId));
  if (!identity || identity.tenantId !== tenant) {
    return oauthError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    );
  }
  const secret = form.get('client_secret');
  const assertion = form.get('client_assertion');
  if (secret !== null) {
    const expected = machine.clientSecrets?.[identity.name];
    if (expected === undefined || secret !== expected) {
      return oauthError(401, 'invalid_client', 7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app \'' + clientId + "'.");
    }
  } else if (assertion !== null) {
    if (!machine.workloadIdentities?.includes(identity.name) || assertion === '') {
      return oauthError(400, 'invalid_client', 70021, `No matching federated identity record found for presented assertion. Assertion audience: api://AzureADTokenExchange. App: '${clientId}'.`);
    }
  } else {
    return oauthError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
  }
  const { token, claims } = issuer.issueToken(identity.name, scope.split(' ').filter(Boolean));
  const expiresIn = lifetimeSeconds(claims);
  return json(200, { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token });
}

/** What `az account get-access-token --resource <r>` would print, or its "please run az login" error. */
function azureCliToken(issuer: IdentityIssuer, machine: AzureMachine, url: URL): Response {
  const user = machine.azureCli ? issuer.get(machine.azureCli) : undefined;
  if (!user) return json(401, { error: "ERROR: Please run 'az login' to setup account." });
  const resource = url.searchParams.get('resource') ?? '';
  const { token, claims } = issuer.issueToken(user.name, [`${resource}/.default`]);
  return json(200, {
    accessToken: token,
    expiresOn: new Date(claims.exp * 1000).toISOString(),
    expires_on: claims.exp,
    expires_in: lifetimeSeconds(claims),
    tenant: user.tenantId,
    tokenType: 'Bearer',
  });
}

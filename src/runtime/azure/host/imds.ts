/**
 * `169.254.169.254`, the Azure Instance Metadata Service, on the simulated network: present only when
 * the example says the program runs in Azure with a managed identity. Like the real one it insists on
 * the `Metadata: true` header (so a server-side request forgery cannot reach it with a plain GET) and
 * answers with the identity's token for the requested resource.
 */
import type { RequestHandler } from '../../network/simulated-network.ts';
import { IMDS_TOKEN_PATH } from '../endpoints.ts';
import { lifetimeSeconds, type IdentityIssuer } from './machine.ts';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

export function createImdsHandler(issuer: IdentityIssuer, identityName: string): RequestHandler {
  return async (request) => {
    const url = new URL(request.url);
    if (url.pathname !== IMDS_TOKEN_PATH) return json(404, { error: 'not_found', error_description: `No such IMDS endpoint: ${url.pathname}` });
    if (request.headers.get('metadata') !== 'true') return json(400, { error: 'invalid_request', error_description: 'Required metadata header not specified' });
    const resource = url.searchParams.get('resource');
    if (!resource) return json(400, { error: 'invalid_request', error_description: 'Required query variable resource is missing' });
    const identity = issuer.get(identityName);
    const clientId = url.searchParams.get('client_id');
    if (!identity || (clientId && clientId !== identity.appId && clientId !== identity.name)) {
      return json(400, { error: 'invalid_request', error_description: 'Identity not found' });
    }
    const { token, claims } = issuer.issueToken(identity.name, [`${resource}/.default`]);
    const expiresIn = lifetimeSeconds(claims);
    return json(200, {
      access_token: token,
      client_id: identity.appId ?? identity.name,
      expires_in: String(expiresIn),
      expires_on: String(claims.exp),
      ext_expires_in: String(expiresIn),
      not_before: String(claims.iat),
      resource,
      token_type: 'Bearer',
    });
  };
}

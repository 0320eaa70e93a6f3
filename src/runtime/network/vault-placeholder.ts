/**
 * Stands in for the mock vault until `src/vault` lands: any fetch-shaped handler (the vault will
 * provide `createVaultFetch(engine)`) is plugged by host name, e.g. `payments-kv.vault.azure.net`.
 * The placeholder answers every request like an Azure Key Vault that has no secrets yet.
 */
import type { RequestHandler } from './simulated-network.ts';

export const DEMO_VAULT_HOST = 'payments-kv.vault.azure.net';

export function createPlaceholderVaultHandler(): RequestHandler {
  return async (request) => {
    const url = new URL(request.url);
    if (!request.headers.get('authorization')) {
      return new Response(JSON.stringify({ error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' } }), {
        status: 401,
        headers: {
          'content-type': 'application/json',
          'www-authenticate': 'Bearer authorization="https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000", resource="https://vault.azure.net"',
        },
      });
    }
    const name = url.pathname.split('/').filter(Boolean)[1] ?? '';
    return new Response(JSON.stringify({ error: { code: 'SecretNotFound', message: `A secret with (name/id) ${name} was not found in this key vault.` } }), {
      status: 404,
      headers: { 'content-type': 'application/json' },
    });
  };
}

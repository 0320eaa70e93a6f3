/**
 * `@azure/keyvault-secrets` as a learner imports it: the official SDK's own exports, with one change
 * the learner never sees: `SecretClient` gets the sandbox's `httpClient` unless the program passes
 * its own, so `new SecretClient(url, credential)` (the code they would ship) reaches the mock vault.
 */
import * as keyvaultSecrets from '@azure/keyvault-secrets';
import type { ModuleContext } from '../core/module-registry.ts';
import { createSandboxHttpClient } from './sandbox-http-client.ts';

type SecretClientArgs = ConstructorParameters<typeof keyvaultSecrets.SecretClient>;

export function createKeyVaultSecretsModule(context: ModuleContext): Record<string, unknown> {
  const httpClient = createSandboxHttpClient(context.fetch);
  // Same class name, so `console.log(client)` and stack traces say SecretClient.
  class SecretClient extends keyvaultSecrets.SecretClient {
    constructor(vaultUrl: SecretClientArgs[0], credential: SecretClientArgs[1], options: SecretClientArgs[2] = {}) {
      super(vaultUrl, credential, { ...options, httpClient: options.httpClient ?? httpClient });
    }
  }
  return { ...keyvaultSecrets, SecretClient };
}

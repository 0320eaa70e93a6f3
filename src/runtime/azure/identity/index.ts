/**
 * `@azure/identity` in the sandbox: a TEACHING STAND-IN, not the real package (whose credentials need
 * Node: in a browser its DefaultAzureCredential constructor throws). Same class names, same chain
 * order, same environment variables, same error classes and (abridged) messages; tokens come from the
 * vault engine's identities, asked over the sandbox's simulated network. What it adds: the chain
 * explains itself (which links it tried, why each stepped aside, which one answered).
 */
import type { ModuleContext } from '../../core/module-registry.ts';
import { defineChains } from './chain.ts';
import { defineCredentials } from './credentials.ts';
import { identityEnvironment } from './environment.ts';
import { AggregateAuthenticationError, AuthenticationError, CredentialUnavailableError } from './errors.ts';

export function createIdentityModule(context: ModuleContext): Record<string, unknown> {
  const environment = identityEnvironment(context);
  const credentials = defineCredentials(environment);
  const chains = defineChains(environment, credentials);
  return {
    ...credentials,
    ...chains,
    CredentialUnavailableError,
    AuthenticationError,
    AggregateAuthenticationError,
  };
}

/**
 * Everything the sandbox's Azure modules need inside the worker, in one module that is loaded only
 * when a program imports `@azure/...`:
 * - in the browser it is the entry of the lazily loaded bundle `generated/azure-sdk-source.ts` (the
 *   SDK's browser build), which the page sends to the worker on request;
 * - in Node (NodeRuntime, vitest) the worker `import()`s it directly (the SDK's Node build).
 */
import type { ModuleContext } from '../core/module-registry.ts';
import { createIdentityModule } from './identity/index.ts';
import { createKeyVaultSecretsModule } from './keyvault-secrets-module.ts';

export interface AzureModules {
  createKeyVaultSecretsModule(context: ModuleContext): Record<string, unknown>;
  createIdentityModule(context: ModuleContext): Record<string, unknown>;
}

export const azureModules: AzureModules = { createKeyVaultSecretsModule, createIdentityModule };

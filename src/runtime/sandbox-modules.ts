/**
 * The one place where modules beyond the built-ins are added to the learner's module set. Both worker
 * entries call `installSandboxModules()` at startup, inside the worker, before the first run (module
 * factories are functions, so they must live in the worker's own code).
 *
 * To add one, register a factory:
 *
 *   registerModule('@azure/keyvault-secrets', async (context) => (await loaders.azure()).createKeyVaultSecretsModule(context));
 *
 * A factory may return a Promise, which is how heavy modules load only when a program imports them:
 * the Azure modules (the official `@azure/keyvault-secrets` and the `@azure/identity` stand-in) come
 * from `loaders.azure()`, which each worker entry implements for its environment (the browser worker
 * asks the page for the lazily loaded bundle; the Node worker `import()`s `azure/azure-modules.ts`).
 */
import type { AzureModules } from './azure/azure-modules.ts';
import type { AwsModules } from './aws/aws-modules.ts';
import { registerModule } from './core/module-registry.ts';

export interface SandboxModuleLoaders {
  /** Loads the Azure modules; called at most once per worker (each run has its own worker). */
  azure: () => Promise<AzureModules>;
  /** Loads the AWS modules (the official SDK clients and the sandbox's credential chain), likewise. */
  aws: () => Promise<AwsModules>;
}

export function installSandboxModules(loaders: SandboxModuleLoaders, register: typeof registerModule = registerModule): void {
  let azure: Promise<AzureModules> | undefined;
  const loadAzure = (): Promise<AzureModules> => (azure ??= loaders.azure());
  register('@azure/keyvault-secrets', async (context) => (await loadAzure()).createKeyVaultSecretsModule(context));
  register('@azure/identity', async (context) => (await loadAzure()).createIdentityModule(context));
  let aws: Promise<AwsModules> | undefined;
  const loadAws = (): Promise<AwsModules> => (aws ??= loaders.aws());
  register('@aws-sdk/client-secrets-manager', async (context) => (await loadAws()).createSecretsManagerModule(context));
  register('@aws-sdk/client-sts', async (context) => (await loadAws()).createStsModule(context));
}

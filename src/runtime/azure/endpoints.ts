/**
 * Where the sandbox's Azure sign-in traffic goes. Shared by the worker side (the `@azure/identity`
 * stand-in asks for tokens with the program's own `fetch`) and the host side (the page, or a Node
 * test, answers on its SimulatedNetwork from the vault engine's identities). Tokens therefore travel
 * like every other request: no extra channel between worker and page, and the same in Node.
 */

/** Microsoft Entra ID's token endpoint host (client secret and federated credential flows). */
export const ENTRA_HOST = 'login.microsoftonline.com';

/**
 * The Azure Instance Metadata Service: only reachable from inside an Azure VM, App Service or
 * container, which is exactly how ManagedIdentityCredential knows it runs in Azure. The sandbox adds
 * this host only when the example says "this program runs in Azure as managed identity X".
 */
export const IMDS_HOST = '169.254.169.254';
export const IMDS_TOKEN_PATH = '/metadata/identity/oauth2/token';

/**
 * Stands in for running `az account get-access-token`: the real AzureCliCredential starts the `az`
 * process, which refreshes the developer's cached `az login` session against Entra ID. The sandbox
 * cannot start processes, so the "cached session" lives with the page and is asked over this path.
 */
export const AZURE_CLI_TOKEN_PATH = '/sandbox/azure-cli/token';

/** `https://vault.azure.net/.default` -> `https://vault.azure.net` (IMDS and the CLI take a resource). */
export function scopeToResource(scope: string): string {
  return scope.replace(/\/\.default$/, '');
}

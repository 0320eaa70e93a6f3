/**
 * The individual credentials of the stand-in. Each reads its configuration where the real one does
 * (constructor arguments, else `process.env`) and asks for a token over the sandbox's simulated
 * network; when it is not configured here it throws CredentialUnavailableError, so a chain moves on.
 * The classes are defined per run (`defineCredentials`) because they close over that run's `fetch`,
 * `process.env` and file system.
 */
import { CredentialUnavailableError } from './errors.ts';
import type { AccessToken, GetTokenOptions, IdentityEnvironment, TokenCredential } from './environment.ts';
import { requestAzureCliToken, requestClientCredentialsToken, requestManagedIdentityToken } from './token-requests.ts';

const scopeList = (scopes: string | string[]): string[] => (typeof scopes === 'string' ? [scopes] : scopes);

function checkAborted(options: GetTokenOptions | undefined): void {
  if (options?.abortSignal?.aborted) {
    const error = new Error('The operation was aborted.');
    error.name = 'AbortError';
    throw error;
  }
}

/** The names of `names` that are unset or empty in `env`. */
function missing(env: Record<string, string | undefined>, names: readonly string[]): string[] {
  return names.filter((name) => !env[name]);
}

function listNames(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export interface ManagedIdentityCredentialOptions {
  clientId?: string;
}

export interface WorkloadIdentityCredentialOptions {
  tenantId?: string;
  clientId?: string;
  tokenFilePath?: string;
}

export function defineCredentials(environment: IdentityEnvironment) {
  class ClientSecretCredential implements TokenCredential {
    readonly #tenantId: string;
    readonly #clientId: string;
    readonly #clientSecret: string;

    constructor(tenantId: string, clientId: string, clientSecret: string, _options: object = {}) {
      if (!tenantId || !clientId || !clientSecret) {
        throw new Error(
          'ClientSecretCredential: tenantId, clientId, and clientSecret are required parameters. To troubleshoot, visit https://aka.ms/azsdk/js/identity/serviceprincipalauthentication/troubleshoot.',
        );
      }
      this.#tenantId = tenantId;
      this.#clientId = clientId;
      this.#clientSecret = clientSecret;
    }

    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
      checkAborted(options);
      return requestClientCredentialsToken(environment, this.#tenantId, this.#clientId, { secret: this.#clientSecret }, scopeList(scopes));
    }
  }

  /** AZURE_TENANT_ID + AZURE_CLIENT_ID + AZURE_CLIENT_SECRET: a service principal, typical of CI. */
  class EnvironmentCredential implements TokenCredential {
    readonly #inner: ClientSecretCredential | undefined;
    readonly #missing: string[];

    constructor(_options: object = {}) {
      const env = environment.env;
      this.#missing = missing(env, ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET']);
      if (this.#missing.length === 0) {
        this.#inner = new ClientSecretCredential(env['AZURE_TENANT_ID']!, env['AZURE_CLIENT_ID']!, env['AZURE_CLIENT_SECRET']!);
      }
    }

    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
      checkAborted(options);
      if (!this.#inner) {
        const certificate = environment.env['AZURE_CLIENT_CERTIFICATE_PATH'] ? ' (AZURE_CLIENT_CERTIFICATE_PATH is set, but the sandbox has no certificates)' : '';
        throw new CredentialUnavailableError(
          'EnvironmentCredential is unavailable. No underlying credential could be used. To troubleshoot, visit https://aka.ms/azsdk/js/identity/environmentcredential/troubleshoot.',
          `not configured: ${listNames(this.#missing)} ${this.#missing.length === 1 ? 'is' : 'are'} not set${certificate}`,
        );
      }
      return this.#inner.getToken(scopes, options);
    }
  }

  /** Kubernetes workload identity: a federated token in a file, exchanged with Entra ID for an access token. */
  class WorkloadIdentityCredential implements TokenCredential {
    readonly #tenantId: string | undefined;
    readonly #clientId: string | undefined;
    readonly #tokenFilePath: string | undefined;

    constructor(options: WorkloadIdentityCredentialOptions = {}) {
      this.#tenantId = options.tenantId ?? environment.env['AZURE_TENANT_ID'];
      this.#clientId = options.clientId ?? environment.env['AZURE_CLIENT_ID'];
      this.#tokenFilePath = options.tokenFilePath ?? environment.env['AZURE_FEDERATED_TOKEN_FILE'];
    }

    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
      checkAborted(options);
      const absent = [
        ...(this.#tenantId ? [] : ['AZURE_TENANT_ID']),
        ...(this.#clientId ? [] : ['AZURE_CLIENT_ID']),
        ...(this.#tokenFilePath ? [] : ['AZURE_FEDERATED_TOKEN_FILE']),
      ];
      if (absent.length > 0) {
        throw new CredentialUnavailableError(
          'WorkloadIdentityCredential: is unavailable. tenantId, clientId, and federatedTokenFilePath are required parameters. ' +
            'In DefaultAzureCredential and ManagedIdentityCredential, these can be provided as environment variables - "AZURE_TENANT_ID","AZURE_CLIENT_ID","AZURE_FEDERATED_TOKEN_FILE". ' +
            'See the troubleshooting guide for more information: https://aka.ms/azsdk/js/identity/workloadidentitycredential/troubleshoot',
          `not configured: ${listNames(absent)} ${absent.length === 1 ? 'is' : 'are'} not set`,
        );
      }
      let assertion: string;
      try {
        assertion = environment.readFile(this.#tokenFilePath!).trim();
      } catch {
        throw new CredentialUnavailableError(
          `WorkloadIdentityCredential: failed to read the federated token file ${this.#tokenFilePath}.`,
          `the federated token file ${this.#tokenFilePath} does not exist`,
        );
      }
      return requestClientCredentialsToken(environment, this.#tenantId!, this.#clientId!, { assertion }, scopeList(scopes));
    }
  }

  /** An Azure-hosted program's own identity, from the Instance Metadata Service. */
  class ManagedIdentityCredential implements TokenCredential {
    readonly #clientId: string | undefined;

    constructor(clientIdOrOptions?: string | ManagedIdentityCredentialOptions) {
      this.#clientId = typeof clientIdOrOptions === 'string' ? clientIdOrOptions : clientIdOrOptions?.clientId;
    }

    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
      checkAborted(options);
      return requestManagedIdentityToken(environment, scopeList(scopes), this.#clientId);
    }
  }

  /** The developer's `az login` session. */
  class AzureCliCredential implements TokenCredential {
    readonly #tenantId: string | undefined;

    constructor(options: { tenantId?: string } = {}) {
      this.#tenantId = options.tenantId;
    }

    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
      checkAborted(options);
      return requestAzureCliToken(environment, scopeList(scopes), this.#tenantId ?? options?.tenantId);
    }
  }

  /** Developer tools the sandbox does not have: they are in the chain (in the real order) and always step aside. */
  function absentTool(name: string, message: string, reason: string) {
    const tool = class implements TokenCredential {
      async getToken(): Promise<AccessToken> {
        throw new CredentialUnavailableError(message, reason);
      }
    };
    Object.defineProperty(tool, 'name', { value: name });
    return tool;
  }
  const VisualStudioCodeCredential = absentTool(
    'VisualStudioCodeCredential',
    'Visual Studio Code Authentication is not available. Ensure you have have Azure Resources Extension installed in VS Code, signed into Azure via VS Code, installed the @azure/identity-vscode package, and properly configured the extension.',
    'not available: no VS Code Azure sign-in in the sandbox',
  );
  const AzurePowerShellCredential = absentTool(
    'AzurePowerShellCredential',
    'Error: Unable to execute PowerShell. Ensure that it is installed in your system. To troubleshoot, visit https://aka.ms/azsdk/js/identity/powershellcredential/troubleshoot.',
    'not available: Azure PowerShell is not installed in the sandbox',
  );
  const AzureDeveloperCliCredential = absentTool(
    'AzureDeveloperCliCredential',
    "Azure Developer CLI couldn't be found. To mitigate this issue, see the troubleshooting guidelines at https://aka.ms/azsdk/js/identity/azdevclicredential/troubleshoot.",
    'not available: the Azure Developer CLI (azd) is not installed in the sandbox',
  );

  return {
    ClientSecretCredential,
    EnvironmentCredential,
    WorkloadIdentityCredential,
    ManagedIdentityCredential,
    AzureCliCredential,
    VisualStudioCodeCredential,
    AzurePowerShellCredential,
    AzureDeveloperCliCredential,
  };
}

export type Credentials = ReturnType<typeof defineCredentials>;

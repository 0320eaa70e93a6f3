/**
 * ChainedTokenCredential and DefaultAzureCredential with the real library's rules: links are tried in
 * order; a CredentialUnavailableError moves on to the next link; any other error stops the chain (a
 * link that is configured but refused is a misconfiguration worth seeing); when every link is
 * unavailable an AggregateAuthenticationError lists each reason.
 *
 * The teaching part: the first time a chain settles it writes which links it tried, why each one
 * stepped aside and which one answered, for whom (on stderr, where Azure SDK logging goes).
 */
import { AggregateAuthenticationError, CredentialUnavailableError } from './errors.ts';
import { tokenSubject, type AccessToken, type GetTokenOptions, type IdentityEnvironment, type TokenCredential } from './environment.ts';
import type { Credentials } from './credentials.ts';

const credentialName = (credential: TokenCredential): string => credential.constructor.name || 'TokenCredential';

/** The real chain's order (@azure/identity 4.x): production links first, then developer tools. */
const PROD_LINKS = ['EnvironmentCredential', 'WorkloadIdentityCredential', 'ManagedIdentityCredential'] as const;
const DEV_LINKS = ['VisualStudioCodeCredential', 'AzureCliCredential', 'AzurePowerShellCredential', 'AzureDeveloperCliCredential'] as const;
type LinkName = (typeof PROD_LINKS)[number] | (typeof DEV_LINKS)[number];

/** Which links `AZURE_TOKEN_CREDENTIALS` selects; throws the real library's error for any other value. */
export function selectLinks(value: string | undefined): readonly LinkName[] {
  const wanted = value?.trim().toLowerCase();
  if (!wanted) return [...PROD_LINKS, ...DEV_LINKS];
  if (wanted === 'prod') return PROD_LINKS;
  if (wanted === 'dev') return DEV_LINKS;
  const single = [...PROD_LINKS, ...DEV_LINKS].find((name) => name.toLowerCase() === wanted);
  if (single) return [single];
  throw new Error(
    `Invalid value for AZURE_TOKEN_CREDENTIALS = ${value}. Valid values are 'prod' or 'dev' or any of these credentials - ${[...PROD_LINKS, ...DEV_LINKS].join(', ')}.`,
  );
}

export function defineChains(environment: IdentityEnvironment, credentials: Credentials) {
  class ChainedTokenCredential implements TokenCredential {
    readonly #sources: TokenCredential[];
    #explained = false;
    /** Named in explanations: `DefaultAzureCredential (AZURE_TOKEN_CREDENTIALS=dev)` or `ChainedTokenCredential`. */
    protected chainLabel = 'ChainedTokenCredential';

    constructor(...sources: TokenCredential[]) {
      this.#sources = sources;
    }

    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      const lines: string[] = [];
      const unavailable: unknown[] = [];
      for (const [index, source] of this.#sources.entries()) {
        const name = credentialName(source);
        try {
          const token = await source.getToken(scopes, options);
          if (token === null) {
            lines.push(`${name}: returned no token`);
            continue;
          }
          const subject = tokenSubject(token.token);
          lines.push(`${name}: answered${subject ? `, signed in as ${subject}` : ''}`);
          const untried = this.#sources.slice(index + 1).map(credentialName);
          if (untried.length > 0) lines.push(`(not tried: ${untried.join(', ')})`);
          this.#explain(lines);
          return token;
        } catch (error) {
          if (error instanceof CredentialUnavailableError || (error instanceof Error && error.name === 'AuthenticationRequiredError')) {
            unavailable.push(error);
            lines.push(`${name}: ${error instanceof CredentialUnavailableError ? error.reason : error.message}`);
            continue;
          }
          lines.push(`${name}: configured, but the sign-in failed, so the chain stops here: ${error instanceof Error ? error.message.split('\n').join(' ') : String(error)}`);
          this.#explain(lines);
          throw error;
        }
      }
      lines.push('No link answered.');
      this.#explain(lines);
      if (unavailable.length > 0) throw new AggregateAuthenticationError(unavailable);
      throw new CredentialUnavailableError('Failed to retrieve a valid token');
    }

    #explain(lines: readonly string[]): void {
      if (this.#explained) return;
      this.#explained = true;
      environment.explain(`${this.chainLabel} tried, in order:\n${lines.map((line) => `  ${line}`).join('\n')}`);
    }
  }

  interface DefaultAzureCredentialOptions {
    managedIdentityClientId?: string;
    workloadIdentityClientId?: string;
    tenantId?: string;
    requiredEnvVars?: string | string[];
  }

  class DefaultAzureCredential extends ChainedTokenCredential {
    constructor(options: DefaultAzureCredentialOptions = {}) {
      const env = environment.env;
      const required = options.requiredEnvVars === undefined ? [] : ([] as string[]).concat(options.requiredEnvVars);
      const absent = required.filter((name) => !env[name]);
      if (absent.length > 0) {
        throw new Error(`Required environment variable(s) '${absent.join(', ')}' for DefaultAzureCredential ${absent.length === 1 ? 'is' : 'are'} not set or empty.`);
      }
      const links = selectLinks(env['AZURE_TOKEN_CREDENTIALS']);
      const managedIdentityClientId = options.managedIdentityClientId ?? env['AZURE_CLIENT_ID'];
      const create: Record<LinkName, () => TokenCredential> = {
        EnvironmentCredential: () => new credentials.EnvironmentCredential(),
        WorkloadIdentityCredential: () =>
          new credentials.WorkloadIdentityCredential({
            ...(options.tenantId ? { tenantId: options.tenantId } : {}),
            ...(options.workloadIdentityClientId ?? managedIdentityClientId ? { clientId: options.workloadIdentityClientId ?? managedIdentityClientId } : {}),
          }),
        ManagedIdentityCredential: () => new credentials.ManagedIdentityCredential(managedIdentityClientId ? { clientId: managedIdentityClientId } : {}),
        VisualStudioCodeCredential: () => new credentials.VisualStudioCodeCredential(),
        AzureCliCredential: () => new credentials.AzureCliCredential(options.tenantId ? { tenantId: options.tenantId } : {}),
        AzurePowerShellCredential: () => new credentials.AzurePowerShellCredential(),
        AzureDeveloperCliCredential: () => new credentials.AzureDeveloperCliCredential(),
      };
      super(...links.map((name) => create[name]()));
      const narrowed = env['AZURE_TOKEN_CREDENTIALS']?.trim();
      this.chainLabel = narrowed ? `DefaultAzureCredential (AZURE_TOKEN_CREDENTIALS=${narrowed})` : 'DefaultAzureCredential';
    }
  }

  return { ChainedTokenCredential, DefaultAzureCredential };
}

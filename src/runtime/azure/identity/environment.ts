/**
 * What the `@azure/identity` stand-in may use of the running program: its `fetch` (the only way to
 * Entra ID, IMDS and the CLI's cached sign-in, all simulated on the page's network), its
 * `process.env` (read at the moment a credential is built or asked, as the real library does), its
 * file system (a workload identity's federated token file) and a place to explain the chain.
 */
import type { ModuleContext } from '../../core/module-registry.ts';

export interface IdentityEnvironment {
  fetch: typeof fetch;
  env: Record<string, string | undefined>;
  /** Throws like `fs.readFileSync` when the file is missing. */
  readFile(path: string): string;
  /** Writes the teaching explanation (stderr, like Azure SDK logging). */
  explain(text: string): void;
}

export function identityEnvironment(context: ModuleContext): IdentityEnvironment {
  return {
    fetch: context.fetch,
    env: context.process.env,
    readFile: (path) => (context.fs['readFileSync'] as (path: string, encoding: string) => string)(path, 'utf8'),
    explain: (text) => void context.process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  };
}

/** `@azure/core-auth`'s AccessToken shape. */
export interface AccessToken {
  token: string;
  /** Milliseconds since the epoch (machine clock): what the SDK's token cache compares. */
  expiresOnTimestamp: number;
  tokenType: 'Bearer';
}

/** `@azure/core-auth`'s GetTokenOptions, the parts the stand-in reads. */
export interface GetTokenOptions {
  tenantId?: string;
  claims?: string;
  enableCae?: boolean;
  abortSignal?: { readonly aborted: boolean };
}

export interface TokenCredential {
  getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null>;
}

/** Who a token was issued to (the `name` claim of the sandbox's JWT-shaped tokens), for explanations. */
export function tokenSubject(token: string): string | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as { name?: unknown };
    return typeof claims.name === 'string' ? claims.name : undefined;
  } catch {
    return undefined;
  }
}

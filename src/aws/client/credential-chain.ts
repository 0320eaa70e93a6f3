/**
 * The credential chain a program meets on a laptop, in ECS and on EC2, on `fetch` only (the
 * SDK's own IMDS provider uses node:http, which the sandbox Worker does not have). Order, as
 * the SDK's default chain: env keys -> shared credentials file (`~/.aws/credentials`,
 * profile from AWS_PROFILE) -> ECS container credentials -> EC2 instance metadata (IMDSv2).
 *
 * Returns an SDK `AwsCredentialIdentityProvider`: `new SecretsManagerClient({ credentials:
 * fromSandboxChain({ env, readFile, fetch }) })`. Each link says why it did not answer, and
 * the whole chain fails with every reason, like the SDK's "Could not load credentials".
 */
export interface SandboxCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  /** Which link answered: env, shared-file, ecs, imds. */
  source: "env" | "shared-file" | "ecs" | "imds";
}

export interface ChainOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** Reads a file of the virtual fs, or undefined when it does not exist. */
  readFile?: (path: string) => string | undefined;
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  /** Home directory for `~/.aws/credentials`. Default /home/app. */
  home?: string;
  /** The client's `profile` option, which wins over AWS_PROFILE (as the SDK's default provider takes it). */
  profile?: string;
}

export class CredentialsProviderError extends Error {
  override readonly name = "CredentialsProviderError";
}

type Link = (o: ChainOptions) => Promise<SandboxCredentials>;

export const fromEnvKeys: Link = async ({ env, profile }) => {
  // The SDK's default provider skips the environment when a profile is named, so a client built
  // with { profile: "alice" } signs as alice even with keys in the environment.
  if (profile ?? env.AWS_PROFILE) throw new CredentialsProviderError("AWS_PROFILE is set, skipping fromEnv provider.");
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new CredentialsProviderError("Unable to find environment variable credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).");
  return { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}), source: "env" };
};

/** INI sections `[profile]` with aws_access_key_id / aws_secret_access_key / aws_session_token. */
export function parseSharedCredentials(text: string): Map<string, Record<string, string>> {
  const profiles = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s+|\s+$/g, "");
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    const section = /^\[\s*(?:profile\s+)?([^\]]+?)\s*\]$/.exec(line);
    if (section) {
      current = {};
      profiles.set(section[1] ?? "", current);
      continue;
    }
    const eq = line.indexOf("=");
    if (current && eq > 0) current[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  return profiles;
}

export const fromSharedFile: Link = async ({ env, readFile, home, profile: named }) => {
  const path = env.AWS_SHARED_CREDENTIALS_FILE ?? `${home ?? env.HOME ?? "/home/app"}/.aws/credentials`;
  const text = readFile?.(path);
  if (text === undefined) throw new CredentialsProviderError(`No shared credentials file at ${path}.`);
  const profile = named ?? env.AWS_PROFILE ?? "default";
  const entry = parseSharedCredentials(text).get(profile);
  if (!entry?.aws_access_key_id || !entry.aws_secret_access_key) throw new CredentialsProviderError(`Profile ${profile} could not be found or has no keys in ${path}.`);
  return { accessKeyId: entry.aws_access_key_id, secretAccessKey: entry.aws_secret_access_key, ...(entry.aws_session_token ? { sessionToken: entry.aws_session_token } : {}), source: "shared-file" };
};

export const fromContainer: Link = async ({ env, fetch }) => {
  const relative = env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
  if (!relative) throw new CredentialsProviderError("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is not set: not running in an ECS task.");
  const response = await fetch(`http://169.254.170.2${relative}`);
  if (!response.ok) throw new CredentialsProviderError(`The ECS credentials endpoint answered ${response.status}.`);
  return toCredentials((await response.json()) as Record<string, string>, "ecs");
};

export const fromInstanceMetadata: Link = async ({ env, fetch }) => {
  if (env.AWS_EC2_METADATA_DISABLED === "true") throw new CredentialsProviderError("EC2 Instance Metadata Service access disabled (AWS_EC2_METADATA_DISABLED).");
  const base = "http://169.254.169.254";
  let token: Response;
  try {
    token = await fetch(`${base}/latest/api/token`, { method: "PUT", headers: { "x-aws-ec2-metadata-token-ttl-seconds": "21600" } });
  } catch {
    throw new CredentialsProviderError("No instance metadata service answered at 169.254.169.254: not running on EC2.");
  }
  if (!token.ok) throw new CredentialsProviderError(`IMDSv2 token request answered ${token.status}.`);
  const headers = { "x-aws-ec2-metadata-token": await token.text() };
  const roleResponse = await fetch(`${base}/latest/meta-data/iam/security-credentials/`, { headers });
  if (!roleResponse.ok) throw new CredentialsProviderError("This instance has no IAM role (no instance profile).");
  const role = (await roleResponse.text()).trim().split("\n")[0] ?? "";
  const credentials = await fetch(`${base}/latest/meta-data/iam/security-credentials/${role}`, { headers });
  if (!credentials.ok) throw new CredentialsProviderError(`Instance metadata answered ${credentials.status} for role ${role}.`);
  return toCredentials((await credentials.json()) as Record<string, string>, "imds");
};

function toCredentials(body: Record<string, string>, source: "ecs" | "imds"): SandboxCredentials {
  if (!body.AccessKeyId || !body.SecretAccessKey) throw new CredentialsProviderError(`The ${source} credentials reply had no keys.`);
  return {
    accessKeyId: body.AccessKeyId,
    secretAccessKey: body.SecretAccessKey,
    ...(body.Token ? { sessionToken: body.Token } : {}),
    ...(body.Expiration ? { expiration: new Date(body.Expiration) } : {}),
    source,
  };
}

export const DEFAULT_CHAIN: readonly Link[] = [fromEnvKeys, fromSharedFile, fromContainer, fromInstanceMetadata];

/** The chain as an SDK credentials provider; caches until 5 minutes before expiry. */
export function fromSandboxChain(options: ChainOptions, links: readonly Link[] = DEFAULT_CHAIN): () => Promise<SandboxCredentials> {
  let cached: SandboxCredentials | undefined;
  return async () => {
    if (cached && (!cached.expiration || cached.expiration.getTime() - Date.now() > 5 * 60_000)) return cached;
    const reasons: string[] = [];
    for (const link of links) {
      try {
        cached = await link(options);
        return cached;
      } catch (error) {
        reasons.push(error instanceof Error ? error.message : String(error));
      }
    }
    throw new CredentialsProviderError(`Could not load credentials from any providers:\n${reasons.map((r) => `- ${r}`).join("\n")}`);
  };
}

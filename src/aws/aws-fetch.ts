import type { AwsEngine } from "./aws-engine.ts";
import { createEcsCredentialsFetch, createImdsFetch } from "./metadata/metadata-fetch.ts";
import { RUNTIME_API_HOST } from "./lambda/runtime-api.ts";
import { createSecretsManagerFetch } from "./secretsmanager-fetch.ts";
import { createStsFetch } from "./sts/sts-fetch.ts";
import { parseAuthorization } from "./sigv4.ts";

/**
 * The simulated AWS on the sandbox network: one fetch-shaped handler per host, chosen by
 * host name, so the official SDK needs no endpoint override.
 *
 *   secretsmanager.<region>.amazonaws.com   Secrets Manager (awsJson1_1)
 *   sts.amazonaws.com, sts.<region>.amazonaws.com   STS (awsQuery)
 *   169.254.169.254                         EC2 instance metadata (IMDSv2)
 *   169.254.170.2                           ECS container credentials
 *   127.0.0.1 (port 9001)                   the Lambda Runtime API, for rotation functions hosted in the program
 *
 * `hostFor(url)` answers undefined for a host AWS does not own here: the sandbox network
 * then treats it as unknown.
 */
export type AwsFetch = (request: Request) => Promise<Response>;

export interface AwsHosts {
  /** The handler for this URL's host, or undefined. */
  hostFor(url: URL): AwsFetch | undefined;
  /** Routes by host; a host not served here gets a 502 naming it. */
  fetch: AwsFetch;
  /** The host names served (for a sandbox network's table). */
  hostNames(): string[];
}

export function createAwsFetch(engine: AwsEngine): AwsHosts {
  const secretsManager = createSecretsManagerFetch(engine);
  const sts = createStsFetch(engine);
  const imds = createImdsFetch(engine);
  const ecs = createEcsCredentialsFetch(engine);
  const hostFor = (url: URL): AwsFetch | undefined => {
    const host = url.hostname.toLowerCase();
    if (host === `secretsmanager.${engine.region}.amazonaws.com`) return secretsManager;
    if (host === "sts.amazonaws.com" || /^sts\.[a-z0-9-]+\.amazonaws\.com$/.test(host)) return sts;
    if (host === "169.254.169.254") return imds;
    if (host === "169.254.170.2") return ecs;
    if (host === RUNTIME_API_HOST) return lambdaRuntime;
    return undefined;
  };
  const lambdaRuntime: AwsFetch = (request) => engine.lambdaRuntime.fetch(request);
  return {
    hostFor,
    hostNames: () => [`secretsmanager.${engine.region}.amazonaws.com`, "sts.amazonaws.com", `sts.${engine.region}.amazonaws.com`, "169.254.169.254", "169.254.170.2", RUNTIME_API_HOST],
    fetch: async (request) => {
      const handler = hostFor(new URL(request.url));
      if (handler) return handler(request);
      return new Response(`No simulated AWS service answers at ${new URL(request.url).host}.`, { status: 502 });
    },
  };
}

/**
 * The REST face for a local server (`npm run sim`), where every service shares one
 * `AWS_ENDPOINT_URL` such as `http://127.0.0.1:4566`: requests are routed by the service
 * their SigV4 signature is scoped to (then by X-Amz-Target), not by host.
 */
export function createAwsLocalFetch(engine: AwsEngine): AwsFetch {
  const secretsManager = createSecretsManagerFetch(engine);
  const sts = createStsFetch(engine);
  const imds = createImdsFetch(engine);
  const ecs = createEcsCredentialsFetch(engine);
  return async (request) => {
    const url = new URL(request.url);
    const auth = request.headers.get("authorization");
    const parsed = auth ? parseAuthorization(auth) : undefined;
    const service = typeof parsed === "object" ? parsed.service : undefined;
    const target = request.headers.get("x-amz-target") ?? "";
    // The client signed the host it called (127.0.0.1:port), which is the URL's host here.
    if (service === "secretsmanager" || target.startsWith("secretsmanager.")) return secretsManager(request);
    if (service === "sts") return sts(request);
    if (url.pathname.startsWith("/latest/")) return imds(request);
    if (url.pathname.startsWith("/v2/credentials/")) return ecs(request);
    return new Response(JSON.stringify({ __type: "UnknownOperationException", message: "No simulated AWS service matches this request (sign it for secretsmanager or sts)." }), { status: 400, headers: { "content-type": "application/x-amz-json-1.1" } });
  };
}

/**
 * Everything the sandbox's AWS modules need inside the worker, in one module loaded only when a
 * program imports `@aws-sdk/...`: the official `@aws-sdk/client-secrets-manager` and
 * `@aws-sdk/client-sts` (browser builds in the page's Worker; their requests go to the real
 * regional endpoints, which the sandbox network routes by host) and our fetch-based credential
 * chain (the SDK's IMDS provider needs node:http).
 *
 * A learner's `new SecretsManagerClient({ region })` gets, where it gives none: the region from
 * `AWS_REGION`/`AWS_DEFAULT_REGION` as the SDK reads it in Node, the credential chain a program on a
 * laptop, ECS or EC2 meets (env keys, `~/.aws/credentials`, container credentials, instance
 * metadata), and a request handler on the program's own fetch (in Node tests too: the SDK's Node
 * build would otherwise open real sockets).
 */
import * as clientSecretsManager from "@aws-sdk/client-secrets-manager";
import * as clientSts from "@aws-sdk/client-sts";
// The chain's own file, not src/aws/index.ts: the bundle must not carry the engine (zod, the
// signer) that the index also exports.
import * as credentialChain from "../../aws/client/credential-chain.ts";
import { createSdkRequestHandler } from "../../aws/sdk-request-handler.ts";
import type { ModuleContext } from "../core/module-registry.ts";

type ClientConfig = { region?: unknown; credentials?: unknown; requestHandler?: unknown } & Record<string, unknown>;

/** What the sandbox supplies to a client the program configured without it. */
function sandboxDefaults(context: ModuleContext, config: ClientConfig): ClientConfig {
  const env = context.process.env as Record<string, string | undefined>;
  const fs = context.fs as { readFileSync?: (path: string, encoding: string) => string };
  const readFile = (path: string): string | undefined => {
    try {
      return fs.readFileSync?.(path, "utf8");
    } catch {
      return undefined;
    }
  };
  const fetchLike = (input: string, init?: RequestInit): Promise<Response> => context.fetch(input, init);
  return {
    ...config,
    region: config.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
    credentials: config.credentials ?? credentialChain.fromSandboxChain({ env, readFile, fetch: fetchLike, ...(typeof config.profile === "string" ? { profile: config.profile } : {}) }),
    requestHandler: config.requestHandler ?? createSdkRequestHandler((request) => context.fetch(request)),
  };
}

/** `@aws-sdk/client-secrets-manager` for one program: the official module, its client with the sandbox's defaults. */
function createSecretsManagerModule(context: ModuleContext): Record<string, unknown> {
  class SecretsManagerClient extends clientSecretsManager.SecretsManagerClient {
    constructor(config: clientSecretsManager.SecretsManagerClientConfig = {}) {
      super(sandboxDefaults(context, config as ClientConfig) as clientSecretsManager.SecretsManagerClientConfig);
    }
  }
  return { ...clientSecretsManager, SecretsManagerClient };
}

/** `@aws-sdk/client-sts` for one program, likewise. */
function createStsModule(context: ModuleContext): Record<string, unknown> {
  class STSClient extends clientSts.STSClient {
    constructor(config: clientSts.STSClientConfig = {}) {
      super(sandboxDefaults(context, config as ClientConfig) as clientSts.STSClientConfig);
    }
  }
  return { ...clientSts, STSClient };
}

export interface AwsModules {
  clientSecretsManager: typeof clientSecretsManager;
  clientSts: typeof clientSts;
  credentialChain: typeof credentialChain;
  createSecretsManagerModule(context: ModuleContext): Record<string, unknown>;
  createStsModule(context: ModuleContext): Record<string, unknown>;
}

export const awsModules: AwsModules = { clientSecretsManager, clientSts, credentialChain, createSecretsManagerModule, createStsModule };

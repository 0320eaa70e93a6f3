/**
 * Everything the sandbox's AWS modules need inside the worker, in one module loaded only when a
 * program imports `@aws-sdk/...`: the official `@aws-sdk/client-secrets-manager` and
 * `@aws-sdk/client-sts` (browser builds; their fetch handler calls `globalThis.fetch` at the real
 * regional endpoints, which the sandbox network routes by host) and our fetch-based credential
 * chain (the SDK's IMDS provider needs node:http).
 */
import * as clientSecretsManager from "@aws-sdk/client-secrets-manager";
import * as clientSts from "@aws-sdk/client-sts";
// The chain's own file, not src/aws/index.ts: the bundle must not carry the engine (zod, the
// signer) that the index also exports.
import * as credentialChain from "../../aws/client/credential-chain.ts";

export interface AwsModules {
  clientSecretsManager: typeof clientSecretsManager;
  clientSts: typeof clientSts;
  credentialChain: typeof credentialChain;
}

export const awsModules: AwsModules = { clientSecretsManager, clientSts, credentialChain };

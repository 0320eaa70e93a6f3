import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { bundleAwsSdk } from "../../src/runtime/aws/build-aws-sdk-bundle.ts";
import type { AwsModules } from "../../src/runtime/aws/aws-modules.ts";
import { setup } from "./fixtures.ts";

/**
 * The lazily loaded bundle, evaluated in a bare context that has what the sandbox Worker has
 * (fetch routed to the simulated AWS, no DOMParser, no Buffer, no process): unmodified SDK code
 * reads a secret via the instance role, with the SDK's default (fetch) request handler.
 */
describe("the AWS sandbox bundle", () => {
  it("runs the browser SDK + our credential chain with only fetch", async () => {
    const { aws, engine } = setup();
    const code = await bundleAwsSdk();
    const g = globalThis as unknown as Record<string, unknown>;
    const context: Record<string, unknown> = {};
    for (const name of ["URL", "URLSearchParams", "TextEncoder", "TextDecoder", "Request", "Response", "Headers", "crypto", "setTimeout", "clearTimeout", "console", "AbortController", "AbortSignal", "ReadableStream", "Blob", "atob", "btoa", "Promise", "Uint8Array", "ArrayBuffer", "DataView", "Date", "Math", "JSON", "Error", "Symbol", "Object", "Array", "Map", "Set", "Number", "String", "RegExp", "Reflect", "Proxy", "WeakMap", "BigInt", "Boolean", "encodeURIComponent", "decodeURIComponent", "parseInt", "parseFloat", "isNaN", "queueMicrotask", "structuredClone"]) {
      context[name] = g[name];
    }
    context.fetch = (input: string | Request, init?: RequestInit) => aws.fetch(input instanceof Request ? input : new Request(input, init));
    context.globalThis = context;
    context.self = context;
    const modules = runInNewContext(code, context) as AwsModules;
    expect(Object.keys(context)).not.toContain("DOMParser");
    const { SecretsManagerClient, GetSecretValueCommand } = modules.clientSecretsManager;
    const { STSClient, GetCallerIdentityCommand } = modules.clientSts;
    const credentials = modules.credentialChain.fromSandboxChain({ env: {}, fetch: context.fetch as (i: string, init?: RequestInit) => Promise<Response> });
    const client = new SecretsManagerClient({ region: "us-east-1", credentials });
    const out = await client.send(new GetSecretValueCommand({ SecretId: "prod/db" }));
    expect(out.SecretString).toContain("example-password-1");
    const who = await new STSClient({ region: "us-east-1", credentials }).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:sts::123456789012:assumed-role/app-role/${engine.instanceRole!.sessionName}`);
    expect(engine.events.events().map((e) => e.eventName)).toEqual(["GetRoleCredentials", "GetSecretValue", "GetCallerIdentity"]);
    // A refusal: the browser build's error carries AWS's message, and its stack (what an uncaught
    // error prints) starts with it, as in Node.
    const denied = await client.send(new GetSecretValueCommand({ SecretId: "other/secret" })).then(() => undefined, (error: Error) => error);
    const message = "User: arn:aws:sts::123456789012:assumed-role/app-role/";
    expect(denied?.name).toBe("AccessDeniedException");
    expect(denied?.message).toContain(message);
    expect(denied?.stack?.split("\n")[0]).toContain(`AccessDeniedException: ${message}`);
  }, 60_000);
});

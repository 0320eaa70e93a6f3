import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { createAwsLocalFetch, createSdkRequestHandler } from "../../src/aws/index.ts";
import { DEV_KEY, setup } from "./fixtures.ts";

/** The face `npm run sim` serves: one AWS_ENDPOINT_URL for every service, routed by the signature's scope. */
describe("the local REST face (AWS_ENDPOINT_URL)", () => {
  it("serves Secrets Manager and STS at one 127.0.0.1 endpoint", async () => {
    const { engine } = setup();
    const requestHandler = createSdkRequestHandler(createAwsLocalFetch(engine));
    const endpoint = "http://127.0.0.1:4566";
    const sm = new SecretsManagerClient({ region: "us-east-1", endpoint, credentials: DEV_KEY, requestHandler, maxAttempts: 1 });
    expect((await sm.send(new GetSecretValueCommand({ SecretId: "prod/db" }))).SecretString).toContain("example-password-1");
    const sts = new STSClient({ region: "us-east-1", endpoint, credentials: DEV_KEY, requestHandler, maxAttempts: 1 });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe("arn:aws:iam::123456789012:user/dev");
  });
});

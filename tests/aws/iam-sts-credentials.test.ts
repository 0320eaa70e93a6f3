import { CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { createSdkRequestHandler, fromSandboxChain } from "../../src/aws/index.ts";
import { ACCOUNT, DEV_KEY, failure, setup } from "./fixtures.ts";

const fetchVia = (aws: ReturnType<typeof setup>["aws"]) => (input: string, init?: RequestInit) => aws.fetch(new Request(input, init));

describe("credentials a workload meets", () => {
  it("env keys: the developer user", async () => {
    const { aws, sts } = setup();
    const chain = fromSandboxChain({ env: { AWS_ACCESS_KEY_ID: DEV_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: DEV_KEY.secretAccessKey }, fetch: fetchVia(aws) });
    const creds = await chain();
    expect(creds.source).toBe("env");
    const who = await sts(creds).send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/dev` });
    expect(who.UserId).toMatch(/^AIDA/);
  });

  it("shared ~/.aws/credentials file with AWS_PROFILE", async () => {
    const { aws } = setup();
    const file = `[default]\naws_access_key_id = AKIANOTTHISONE000000\naws_secret_access_key = x\n\n[dev]\naws_access_key_id = ${DEV_KEY.accessKeyId}\naws_secret_access_key = ${DEV_KEY.secretAccessKey}\n`;
    const chain = fromSandboxChain({ env: { AWS_PROFILE: "dev" }, readFile: (p) => (p === "/home/app/.aws/credentials" ? file : undefined), fetch: fetchVia(aws) });
    expect(await chain()).toMatchObject({ source: "shared-file", accessKeyId: DEV_KEY.accessKeyId });
  });

  it("EC2 IMDSv2: the instance role reads the secret its policy allows, and is denied others in AWS's words", async () => {
    const { aws, sm, engine } = setup();
    const chain = fromSandboxChain({ env: {}, fetch: fetchVia(aws) });
    const creds = await chain();
    expect(creds.source).toBe("imds");
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    const client = sm(chain);
    const value = await client.send(new GetSecretValueCommand({ SecretId: "prod/db" }));
    expect(value.SecretString).toContain("example-password-1");
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/app-role/${engine.instanceRole!.sessionName}`;
    const put = await failure(client.send(new PutSecretValueCommand({ SecretId: "prod/db", SecretString: "x" })));
    expect(put.name).toBe("AccessDeniedException");
    expect(put.message).toBe(
      `User: ${session} is not authorized to perform: secretsmanager:PutSecretValue on resource: prod/db because no identity-based policy allows the secretsmanager:PutSecretValue action`,
    );
    const events = engine.events.events({ eventName: "GetSecretValue" });
    expect(events.at(-1)).toMatchObject({ principalArn: session, resource: value.ARN, result: "success", eventSource: "secretsmanager.amazonaws.com" });
    expect(JSON.stringify(engine.events.events())).not.toContain("example-password-1");
  });

  it("IMDS refuses a request without a token (IMDSv2 required)", async () => {
    const { aws } = setup();
    const res = await aws.fetch(new Request("http://169.254.169.254/latest/meta-data/iam/security-credentials/"));
    expect(res.status).toBe(401);
  });

  it("ECS container credentials via AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", async () => {
    const { aws, sm, engine } = setup();
    const chain = fromSandboxChain({ env: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: engine.taskRole!.relativeUri }, fetch: fetchVia(aws) });
    expect((await chain()).source).toBe("ecs");
    const value = await sm(chain).send(new GetSecretValueCommand({ SecretId: "prod/db" }));
    expect(value.Name).toBe("prod/db");
  });

  it("STS AssumeRole: trusted user gets a session; the session expires on the engine clock", async () => {
    const { sts, sm, engine } = setup();
    const out = await sts().send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/deploy-role`, RoleSessionName: "ci-run" }));
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/deploy-role/ci-run`);
    const c = out.Credentials!;
    expect(c.Expiration).toBeInstanceOf(Date);
    const creds = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    expect((await sts(creds).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/deploy-role/ci-run`);
    engine.clock.advance(3601);
    const expired = await failure(sm(creds).send(new GetSecretValueCommand({ SecretId: "prod/db" })));
    expect(expired).toEqual({ name: "ExpiredTokenException", message: "The security token included in the request is expired", status: 400 });
    const stsExpired = await failure(sts(creds).send(new GetCallerIdentityCommand({})));
    expect(stsExpired.name).toBe("ExpiredToken");
  });

  it("STS AssumeRole refuses a role whose trust policy does not name the caller", async () => {
    const { sts } = setup();
    const denied = await failure(sts().send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/app-role`, RoleSessionName: "me" })));
    expect(denied).toEqual({
      name: "AccessDenied",
      status: 403,
      message: `User: arn:aws:iam::${ACCOUNT}:user/dev is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/app-role`,
    });
  });

  it("explicit Deny in a resource policy beats the identity policy's Allow; ResourceTag conditions apply", async () => {
    const { sm, engine } = setup({
      users: [
        {
          name: "dev",
          policies: [
            {
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*", Condition: { StringEquals: { "secretsmanager:ResourceTag/team": "payments" } } }],
            },
          ],
          accessKeys: [DEV_KEY],
        },
      ],
      secrets: [
        { name: "pay/key", value: "sk_test_pay", tags: [{ Key: "team", Value: "payments" }] },
        { name: "web/key", value: "sk_test_web", tags: [{ Key: "team", Value: "web" }] },
        {
          name: "pay/locked",
          value: "sk_test_locked",
          tags: [{ Key: "team", Value: "payments" }],
          resourcePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*" }] },
        },
      ],
    });
    const c = sm();
    expect((await c.send(new GetSecretValueCommand({ SecretId: "pay/key" }))).SecretString).toBe("sk_test_pay");
    const web = await failure(c.send(new GetSecretValueCommand({ SecretId: "web/key" })));
    expect(web.message).toMatch(/because no identity-based policy allows the secretsmanager:GetSecretValue action$/);
    const locked = await failure(c.send(new GetSecretValueCommand({ SecretId: "pay/locked" })));
    expect(locked.message).toMatch(/with an explicit deny in a resource-based policy$/);
    expect(engine.events.events({ eventName: "GetSecretValue" }).map((e) => e.errorCode ?? "ok")).toEqual(["ok", "AccessDeniedException", "AccessDeniedException"]);
  });

  it("a customer-managed KMS key without kms:Decrypt for the caller fails GetSecretValue", async () => {
    const keyPolicy = {
      Version: "2012-10-17" as const,
      Statement: [{ Effect: "Allow" as const, Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/dev` }, Action: "kms:*", Resource: "*" }],
    };
    const { sm, aws } = setup({
      users: [{ name: "dev", policies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "secretsmanager:*", Resource: "*" }] }], accessKeys: [DEV_KEY] }],
      roles: [{ name: "app-role", trust: "ec2.amazonaws.com", policies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }] }] }],
      instanceRole: "app-role",
      kmsKeys: [{ keyId: "0b7c9e1e-1111-4222-8333-444455556666", alias: "app-secrets", keyPolicy }],
      secrets: [{ name: "prod/cmk", value: "sk_test_cmk", kmsKeyId: "alias/app-secrets" }],
    });
    expect((await sm().send(new GetSecretValueCommand({ SecretId: "prod/cmk" }))).SecretString).toBe("sk_test_cmk");
    const role = sm(fromSandboxChain({ env: {}, fetch: fetchVia(aws) }));
    const denied = await failure(role.send(new GetSecretValueCommand({ SecretId: "prod/cmk" })));
    expect(denied).toEqual({ name: "AccessDeniedException", message: "Access to KMS is not allowed", status: 400 });
  });
});

describe("SigV4 and malformed requests", () => {
  it("wrong secret key, unknown key id, tampered body", async () => {
    const { sm, aws, engine } = setup();
    const wrong = await failure(sm({ accessKeyId: DEV_KEY.accessKeyId, secretAccessKey: "x".repeat(40) }).send(new GetSecretValueCommand({ SecretId: "prod/db" })));
    expect(wrong).toMatchObject({ name: "InvalidSignatureException", status: 400 });
    expect(wrong.message).toMatch(/^The request signature we calculated does not match the signature you provided/);
    const unknown = await failure(sm({ accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: "x".repeat(40) }).send(new GetSecretValueCommand({ SecretId: "prod/db" })));
    expect(unknown).toEqual({ name: "UnrecognizedClientException", message: "The security token included in the request is invalid.", status: 400 });
    // A handler that changes the body after signing.
    const tamper = new SecretsManagerClient({
      region: "us-east-1",
      credentials: DEV_KEY,
      maxAttempts: 1,
      requestHandler: createSdkRequestHandler(async (req) => {
        const body = (await req.text()).replace("prod/db", "prod/xx");
        return aws.fetch(new Request(req.url, { method: "POST", headers: req.headers, body }));
      }),
    });
    expect((await failure(tamper.send(new GetSecretValueCommand({ SecretId: "prod/db" })))).name).toBe("InvalidSignatureException");
    expect(engine.events.events().every((e) => e.result === "failure" && e.principalArn === "anonymous")).toBe(true);
  });

  it("no signature, bad JSON, unknown target: AWS-shaped JSON errors", async () => {
    const { aws, sm, engine } = setup();
    const url = "https://secretsmanager.us-east-1.amazonaws.com/";
    const headers = { "content-type": "application/x-amz-json-1.1", "x-amz-target": "secretsmanager.GetSecretValue" };
    const unsigned = await aws.fetch(new Request(url, { method: "POST", headers, body: '{"SecretId":"prod/db"}' }));
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toEqual({ __type: "MissingAuthenticationTokenException", message: "Missing Authentication Token" });
    const unknownTarget = await aws.fetch(new Request(url, { method: "POST", headers: { ...headers, "x-amz-target": "secretsmanager.StealEverything" }, body: "{}" }));
    expect(((await unknownTarget.json()) as { __type: string }).__type).toBe("UnknownOperationException");
    // Bad JSON, correctly signed: a request handler that swaps the body for garbage and re-signs is
    // not possible from outside, so sign garbage with the SDK's own signer.
    const { SignatureV4 } = await import("@smithy/signature-v4");
    const { Sha256 } = await import("@aws-crypto/sha256-js");
    const signer = new SignatureV4({ credentials: DEV_KEY, region: "us-east-1", service: "secretsmanager", sha256: Sha256 });
    const body = '{"SecretId": "prod/db"';
    const signed = await signer.sign({ method: "POST", protocol: "https:", hostname: "secretsmanager.us-east-1.amazonaws.com", path: "/", headers: { ...headers, host: "secretsmanager.us-east-1.amazonaws.com" }, body, query: {} });
    const badJson = await aws.fetch(new Request(url, { method: "POST", headers: signed.headers, body }));
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { __type: string }).__type).toBe("SerializationException");
    // State intact: the SDK still reads the secret.
    expect((await sm().send(new GetSecretValueCommand({ SecretId: "prod/db" }))).SecretString).toContain("example-password-1");
    expect(engine.events.events().map((e) => e.errorCode ?? "ok")).toEqual(["MissingAuthenticationTokenException", "UnknownOperationException", "SerializationException", "ok"]);
  });

  it("CreateSecret then read back through a fresh client", async () => {
    const { sm } = setup();
    await sm().send(new CreateSecretCommand({ Name: "svc/token", SecretString: "sk_test_tok", Description: "demo" }));
    expect((await sm().send(new GetSecretValueCommand({ SecretId: "svc/token" }))).SecretString).toBe("sk_test_tok");
  });
});

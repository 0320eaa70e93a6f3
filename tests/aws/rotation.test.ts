import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { createSdkRequestHandler, type AwsScenarioInput, type RotationFunction } from "../../src/aws/index.ts";
import { ACCOUNT, DEV_KEY, failure, setup } from "./fixtures.ts";

const ROTATOR_POLICY = {
  Version: "2012-10-17" as const,
  Statement: [{ Effect: "Allow" as const, Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"], Resource: "*" }],
};

function rotationScenario(): AwsScenarioInput {
  return {
    users: [{ name: "dev", policies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "secretsmanager:*", Resource: "*" }] }], accessKeys: [DEV_KEY] }],
    roles: [{ name: "rotator-role", trust: "lambda.amazonaws.com", policies: [ROTATOR_POLICY] }],
    secrets: [{ name: "prod/db", value: '{"username":"app","password":"example-password-1"}' }],
    database: { users: [{ username: "app", password: "example-password-1" }] },
  };
}

function world() {
  return setup(rotationScenario());
}

/** AWS's single-user rotation template, in TypeScript, against the official SDK. */
function templateRotator(aws: ReturnType<typeof setup>["aws"], options: { skipFinish?: boolean } = {}): RotationFunction {
  return async (event, ctx) => {
    const sm = new SecretsManagerClient({ region: ctx.region, credentials: ctx.credentials, requestHandler: createSdkRequestHandler(aws.fetch), maxAttempts: 1 });
    const { SecretId: arn, ClientRequestToken: token } = event;
    const meta = await sm.send(new DescribeSecretCommand({ SecretId: arn }));
    if (!meta.RotationEnabled) throw new Error(`Secret ${arn} is not enabled for rotation`);
    if (!meta.VersionIdsToStages?.[token]) throw new Error(`Secret version ${token} has no stage for rotation of secret ${arn}.`);
    const db = ctx.database!;
    switch (event.Step) {
      case "createSecret": {
        const current = JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: arn, VersionStage: "AWSCURRENT" }))).SecretString!);
        try {
          await sm.send(new GetSecretValueCommand({ SecretId: arn, VersionId: token, VersionStage: "AWSPENDING" }));
        } catch {
          await sm.send(new PutSecretValueCommand({ SecretId: arn, ClientRequestToken: token, SecretString: JSON.stringify({ ...current, password: "example-password-2" }), VersionStages: ["AWSPENDING"] }));
        }
        return;
      }
      case "setSecret": {
        const current = JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: arn, VersionStage: "AWSCURRENT" }))).SecretString!);
        const pending = JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: arn, VersionId: token, VersionStage: "AWSPENDING" }))).SecretString!);
        if (!db.changePassword(current.username, current.password, pending.password)) throw new Error("could not change the password");
        return;
      }
      case "testSecret": {
        const pending = JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: arn, VersionId: token, VersionStage: "AWSPENDING" }))).SecretString!);
        if (!db.login(pending.username, pending.password)) throw new Error("login with the pending password failed");
        return;
      }
      case "finishSecret": {
        if (options.skipFinish) return;
        const current = Object.entries(meta.VersionIdsToStages!).find(([, s]) => s.includes("AWSCURRENT"))![0];
        if (current === token) return;
        await sm.send(new UpdateSecretVersionStageCommand({ SecretId: arn, VersionStage: "AWSCURRENT", MoveToVersionId: token, RemoveFromVersionId: current }));
      }
    }
  };
}

describe("RotateSecret runs the rotation function's four steps", () => {
  it("moves AWSCURRENT to the new version, AWSPREVIOUS to the old, changes the DB password", async () => {
    const { engine, aws, sm } = world();
    const fnArn = engine.registerRotationFunction("rotate-db", "rotator-role", templateRotator(aws));
    expect(fnArn).toBe(`arn:aws:lambda:us-east-1:${ACCOUNT}:function:rotate-db`);
    const before = await sm().send(new GetSecretValueCommand({ SecretId: "prod/db" }));
    const out = await sm().send(new RotateSecretCommand({ SecretId: "prod/db", RotationLambdaARN: fnArn, RotationRules: { AutomaticallyAfterDays: 30 } }));
    expect(engine.rotations.at(-1)?.steps.filter((s) => !s.ok)).toEqual([]);
    const versions = await sm().send(new ListSecretVersionIdsCommand({ SecretId: "prod/db" }));
    expect(Object.fromEntries(versions.Versions!.map((v) => [v.VersionId, v.VersionStages]))).toEqual({ [before.VersionId!]: ["AWSPREVIOUS"], [out.VersionId!]: ["AWSCURRENT"] });
    expect(JSON.parse((await sm().send(new GetSecretValueCommand({ SecretId: "prod/db" }))).SecretString!).password).toBe("example-password-2");
    expect(engine.database!.login("app", "example-password-1")).toBe(false);
    expect(engine.database!.login("app", "example-password-2")).toBe(true);
    expect(engine.rotations).toEqual([{ secretArn: before.ARN, token: out.VersionId, steps: ["createSecret", "setSecret", "testSecret", "finishSecret"].map((step) => ({ step, ok: true })), outcome: "succeeded" }]);
    expect(engine.events.events().filter((e) => e.eventName.startsWith("Rotation")).map((e) => e.eventName)).toEqual(["RotationStarted", "RotationSucceeded"]);
    const rotatorCalls = engine.events.events().filter((e) => e.principalArn.includes("assumed-role/rotator-role/"));
    expect(rotatorCalls.map((e) => e.eventName)).toContain("UpdateSecretVersionStage");
    expect((await sm().send(new DescribeSecretCommand({ SecretId: "prod/db" }))).RotationEnabled).toBe(true);
  });

  it("a function that never finishes leaves AWSPENDING, and the next RotateSecret is refused", async () => {
    const { engine, aws, sm } = world();
    const fnArn = engine.registerRotationFunction("rotate-db", "rotator-role", templateRotator(aws, { skipFinish: true }));
    await sm().send(new RotateSecretCommand({ SecretId: "prod/db", RotationLambdaARN: fnArn }));
    expect(engine.rotations.at(-1)?.outcome).toBe("failed");
    const value = await sm().send(new GetSecretValueCommand({ SecretId: "prod/db" }));
    expect(JSON.parse(value.SecretString!).password).toBe("example-password-1");
    const again = await failure(sm().send(new RotateSecretCommand({ SecretId: "prod/db" })));
    expect(again).toEqual({ name: "InvalidRequestException", message: "A previous rotation isn't complete. That rotation will be reattempted.", status: 400 });
  });

  it("RotateSecret without a rotation function is refused", async () => {
    const { sm } = world();
    expect((await failure(sm().send(new RotateSecretCommand({ SecretId: "prod/db" })))).name).toBe("InvalidRequestException");
  });
});

describe("a rotation function hosted in the program (the Lambda Runtime API)", () => {
  const api = "http://127.0.0.1:9001/2018-06-01/runtime/invocation";

  /** The program's side: a Lambda runtime loop over fetch, with the execution role's credentials per invocation. */
  async function serve(aws: ReturnType<typeof setup>["aws"], rotator: RotationFunction, database: Parameters<RotationFunction>[1]["database"]): Promise<string[]> {
    const seen: string[] = [];
    for (;;) {
      const next = await aws.fetch(new Request(`${api}/next`));
      if (next.status === 410) return seen;
      const id = next.headers.get("lambda-runtime-aws-request-id")!;
      const { accessKeyId, secretAccessKey, sessionToken, expiration } = JSON.parse(next.headers.get("lambda-runtime-credentials")!) as Record<string, string>;
      const credentials = { accessKeyId: accessKeyId!, secretAccessKey: secretAccessKey!, sessionToken: sessionToken!, expiration: new Date(expiration!) };
      const event = (await next.json()) as Parameters<RotationFunction>[0];
      seen.push(`${event.Step} ${next.headers.get("lambda-runtime-invoked-function-arn")}`);
      try {
        await rotator(event, { functionArn: "", region: "us-east-1", credentials, database });
        await aws.fetch(new Request(`${api}/${id}/response`, { method: "POST", body: "null" }));
      } catch (error) {
        await aws.fetch(new Request(`${api}/${id}/error`, { method: "POST", body: JSON.stringify({ errorType: "Error", errorMessage: (error as Error).message }) }));
      }
    }
  }

  it("RotateSecret answers at once; the program takes the four steps from next, signed as the execution role; then next answers 410", async () => {
    const { engine, aws, sm } = setup({ ...rotationScenario(), rotationFunctions: [{ name: "rotate-db", role: "rotator-role" }] });
    const fnArn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:rotate-db`;
    const loop = serve(aws, templateRotator(aws), engine.database);
    const out = await sm().send(new RotateSecretCommand({ SecretId: "prod/db", RotationLambdaARN: fnArn }));
    expect(await loop).toEqual(["createSecret", "setSecret", "testSecret", "finishSecret"].map((step) => `${step} ${fnArn}`));
    expect(engine.rotations.at(-1)).toMatchObject({ token: out.VersionId, outcome: "succeeded" });
    expect(engine.database!.login("app", "example-password-2")).toBe(true);
    expect(engine.events.events().filter((e) => e.eventName === "PutSecretValue").map((e) => e.principalArn)).toEqual([`arn:aws:sts::${ACCOUNT}:assumed-role/rotator-role/rotate-db`]);
    expect((await aws.fetch(new Request(`${api}/next`))).status).toBe(410);
  });

  it("a step that reports an error fails the rotation there and leaves AWSPENDING", async () => {
    const { engine, aws, sm } = setup({ ...rotationScenario(), rotationFunctions: [{ name: "rotate-db", role: "rotator-role" }] });
    const failing: RotationFunction = async (event, ctx) => {
      if (event.Step === "setSecret") throw new Error("password authentication failed for user app");
      await templateRotator(aws)(event, ctx);
    };
    const loop = serve(aws, failing, engine.database);
    await sm().send(new RotateSecretCommand({ SecretId: "prod/db", RotationLambdaARN: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:rotate-db` }));
    expect(await loop).toHaveLength(2);
    expect(engine.rotations.at(-1)?.steps).toEqual([{ step: "createSecret", ok: true }, { step: "setSecret", ok: false, error: "password authentication failed for user app" }]);
    expect(engine.events.events().find((e) => e.eventName === "RotationFailed")?.errorMessage).toBe("setSecret: password authentication failed for user app");
    expect((await failure(sm().send(new RotateSecretCommand({ SecretId: "prod/db" })))).message).toBe("A previous rotation isn't complete. That rotation will be reattempted.");
  });
});

describe("engine snapshot and reset", () => {
  it("snapshot is JSON with stages and no secret values; reset starts over", async () => {
    const { world: w, sm } = setup();
    await sm().send(new PutSecretValueCommand({ SecretId: "prod/db", SecretString: "sk_test_new" }));
    const snap = w.engine.snapshot();
    expect(snap.secrets[0]!.Versions.map((v) => v.VersionStages)).toEqual([["AWSPREVIOUS"], ["AWSCURRENT"]]);
    expect(JSON.stringify(snap)).not.toContain("sk_test_new");
    w.reset();
    expect(w.engine.snapshot().secrets[0]!.Versions).toHaveLength(1);
    expect(w.engine.events.events()).toEqual([]);
  });

  it("a bad scenario names each problem by path", async () => {
    const { AwsWorld } = await import("../../src/aws/index.ts");
    expect(() => new AwsWorld({ accountId: "12", instanceRole: "ghost" })).toThrowError(/accountId: must be 12 digits[\s\S]*instanceRole: no role named 'ghost'/);
  });
});

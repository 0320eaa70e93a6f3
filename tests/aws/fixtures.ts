import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { STSClient } from "@aws-sdk/client-sts";
import { AwsWorld, createAwsFetch, createSdkRequestHandler, type AwsScenarioInput } from "../../src/aws/index.ts";

/** One account with a developer user (access keys), an EC2 app role and an ECS task role. */
export const ACCOUNT = "123456789012";
export const DEV_KEY = { accessKeyId: "AKIAEXAMPLEDEVKEY001", secretAccessKey: "fakeSecretKeyForSecretsLabTests000000000" };
export const READ_DB = {
  Version: "2012-10-17" as const,
  Statement: [{ Effect: "Allow" as const, Action: "secretsmanager:GetSecretValue", Resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db-*` }],
};

export const scenario: AwsScenarioInput = {
  users: [
    {
      name: "dev",
      policies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["secretsmanager:*", "sts:AssumeRole"], Resource: "*" }] }],
      accessKeys: [DEV_KEY],
    },
  ],
  roles: [
    { name: "app-role", trust: "ec2.amazonaws.com", policies: [READ_DB] },
    { name: "task-role", trust: "ecs-tasks.amazonaws.com", policies: [READ_DB] },
    { name: "deploy-role", trust: `arn:aws:iam::${ACCOUNT}:user/dev`, policies: [READ_DB] },
  ],
  instanceRole: "app-role",
  taskRole: "task-role",
  secrets: [{ name: "prod/db", value: '{"username":"app","password":"example-password-1"}', tags: [{ Key: "team", Value: "payments" }] }],
};

export function setup(input: AwsScenarioInput = scenario) {
  const world = new AwsWorld(input);
  const aws = createAwsFetch(world.engine);
  const requestHandler = createSdkRequestHandler(aws.fetch);
  const sm = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | (() => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>) = DEV_KEY) =>
    new SecretsManagerClient({ region: "us-east-1", credentials, requestHandler, maxAttempts: 1 });
  const sts = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = DEV_KEY) =>
    new STSClient({ region: "us-east-1", credentials, requestHandler, maxAttempts: 1 });
  return { world, engine: world.engine, aws, sm, sts };
}

/** The SDK error's name, message and HTTP status. */
export async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await p;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error("expected the call to fail");
}

/**
 * The AWS provider's terminal and sim faces: the `aws` CLI in a terminal whose scenario gives an AWS
 * world (through the terminal core, as the page starts it), and `npm run sim`'s AWS origin with the
 * official SDK pointed at it by AWS_ENDPOINT_URL.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { terminalClisOf } from "../../src/providers/registry.ts";
import { startTerminalSession } from "../../src/terminals/terminal-session.ts";
import { TerminalScenarioSchema } from "../../src/schemas/terminal-scenario.ts";
import { scenario as awsWorld, DEV_KEY } from "../aws/fixtures.ts";

describe("the aws CLI in a terminal", () => {
  it("answers with the terminal's own account, signed with the keys in the environment", async () => {
    const scenario = TerminalScenarioSchema.parse({ title: "AWS terminal", env: { AWS_ACCESS_KEY_ID: DEV_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: DEV_KEY.secretAccessKey, AWS_REGION: "us-east-1" }, aws: awsWorld });
    const session = await startTerminalSession(scenario, { commands: await terminalClisOf(scenario) });
    const who = await session.shell.exec("aws sts get-caller-identity --query Arn --output text");
    expect(who.stdout).toBe("arn:aws:iam::123456789012:user/dev\n");
    const value = await session.shell.exec("aws secretsmanager get-secret-value --secret-id prod/db --query SecretString --output text | jq -r .username");
    expect(value.stdout).toBe("app\n");
  });
});

describe("npm run sim: the AWS origin", () => {
  it("serves Secrets Manager to the official SDK at AWS_ENDPOINT_URL", async () => {
    const child = spawn(process.execPath, ["--experimental-transform-types", "--no-warnings", "scripts/sim.ts", "--only", "aws", "--port", "0"], { cwd: join(import.meta.dirname, "../..") });
    let stdout = "";
    const env = await new Promise<Record<string, string>>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes("AWS_SECRET_ACCESS_KEY=")) resolve(Object.fromEntries([...stdout.matchAll(/^(AWS_[A-Z_]+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!])));
      });
      child.on("exit", () => reject(new Error(`sim exited: ${stdout}`)));
    });
    try {
      const client = new SecretsManagerClient({ endpoint: env.AWS_ENDPOINT_URL, region: env.AWS_REGION, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! } });
      const secret = await client.send(new GetSecretValueCommand({ SecretId: "payments/stripe-api-key" }));
      expect(JSON.parse(secret.SecretString!).api_key).toBe("sk_test_51FakeKeyForSecretsLabOnly");
    } finally {
      child.kill("SIGTERM");
    }
  }, 30_000);
});

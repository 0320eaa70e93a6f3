import { describe, expect, it } from "vitest";
import { runAwsCli } from "../../src/aws/cli/index.ts";
import { DEV_KEY, setup } from "./fixtures.ts";

function cli(envExtra: Record<string, string> = {}, files: Record<string, string> = {}) {
  const { aws, engine } = setup();
  const ctx = { fetch: aws.fetch, env: { AWS_REGION: "us-east-1", ...envExtra }, readFile: (p: string) => files[p] };
  return { engine, run: (line: string) => runAwsCli(line.split(" ").filter(Boolean), ctx) };
}

const devEnv = { AWS_ACCESS_KEY_ID: DEV_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: DEV_KEY.secretAccessKey };

describe("aws CLI (pure function)", () => {
  it("get-secret-value prints JSON indented by 4 with ISO timestamps; --query picks a field", async () => {
    const { run } = cli(devEnv);
    const out = await run("secretsmanager get-secret-value --secret-id prod/db");
    expect(out.exitCode).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.SecretString).toBe('{"username":"app","password":"example-password-1"}');
    expect(json.CreatedDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/);
    expect(out.stdout).toContain('\n    "Name": "prod/db",\n');
    const q = await run("secretsmanager get-secret-value --secret-id prod/db --query SecretString --output text");
    expect(q.stdout).toBe('{"username":"app","password":"example-password-1"}\n');
    const list = await run("secretsmanager list-secrets --query SecretList[].Name");
    expect(JSON.parse(list.stdout)).toEqual(["prod/db"]);
  });

  it("--output text: sorted scalars, then nested lists under their key in capitals", async () => {
    const { run } = cli(devEnv);
    const out = await run("secretsmanager get-secret-value --secret-id prod/db --output text");
    const [first, second] = out.stdout.trimEnd().split("\n");
    expect(first!.split("\t")[0]).toMatch(/^arn:aws:secretsmanager:/);
    expect(first!.split("\t")[2]).toBe("prod/db");
    expect(second).toBe("VERSIONSTAGES\tAWSCURRENT");
  });

  it("service errors print AWS CLI's line and exit 254; usage errors exit 252; no credentials 253", async () => {
    const { run } = cli(devEnv);
    expect(await run("secretsmanager get-secret-value --secret-id nope")).toEqual({
      stdout: "",
      stderr: "\nAn error occurred (ResourceNotFoundException) when calling the GetSecretValue operation: Secrets Manager can't find the specified secret.\n",
      exitCode: 254,
    });
    const usage = await run("secretsmanager get-secret-value");
    expect(usage.exitCode).toBe(252);
    expect(usage.stderr).toContain("aws: error: the following arguments are required: --secret-id");
    const { run: bare } = cli({ AWS_EC2_METADATA_DISABLED: "true" });
    const none = await bare("sts get-caller-identity");
    expect(none).toEqual({ stdout: "", stderr: 'Unable to locate credentials. You can configure credentials by running "aws configure".\n', exitCode: 253 });
  });

  it("sts get-caller-identity via the instance role; put-secret-value then rotate-secret refusal", async () => {
    const { run, engine } = cli();
    const who = JSON.parse((await run("sts get-caller-identity")).stdout);
    expect(who).toEqual({ UserId: expect.stringMatching(/^AROA.+:i-0/), Account: "123456789012", Arn: `arn:aws:sts::123456789012:assumed-role/app-role/${engine.instanceRole!.sessionName}` });
    const { run: dev } = cli(devEnv);
    const put = JSON.parse((await dev("secretsmanager put-secret-value --secret-id prod/db --secret-string sk_test_new")).stdout);
    expect(put.VersionStages).toEqual(["AWSCURRENT"]);
    const rotate = await dev("secretsmanager rotate-secret --secret-id prod/db");
    expect(rotate.exitCode).toBe(254);
  });

  it("configure list shows where credentials and region come from, keys masked", async () => {
    const { run } = cli(devEnv);
    const out = await run("configure list");
    expect(out.stdout.split("\n")).toEqual([
      "      Name                    Value             Type    Location",
      "      ----                    -----             ----    --------",
      "   profile                <not set>             None    None",
      `access_key     ****************${DEV_KEY.accessKeyId.slice(-4)}              env`,
      `secret_key     ****************${DEV_KEY.secretAccessKey.slice(-4)}              env`,
      "    region                us-east-1              env    AWS_REGION",
      "",
    ]);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { createDockerSimHost } from "../../src/exercises/docker-sim-host";
import { gradeExercise, parseExerciseScenario } from "../../src/grading/index";
import { SimulatedNetwork } from "../../src/runtime/index";
import { createNodeRuntime } from "../../src/runtime/node";

// The canary checks cover what AWS keeps after a run: a secret value copied into a tag, a
// description, a resource policy, a request body sent to AWS, or an error message AWS sent back
// (and the SDK printed) is a leak, found where a learner can look it up.
const network = new SimulatedNetwork();
const runtime = createNodeRuntime({ network });
afterAll(() => runtime.dispose());
const deps = { runtime, network, createDockerHost: createDockerSimHost };

const scenario = (main: string) =>
  parseExerciseScenario({
    entry: "main.ts",
    starterFiles: { "main.ts": main },
    solutionFiles: { "main.ts": main },
    secrets: [{ name: "api_key", kind: "api-key", shownValue: "sk_test_51FakeKeyForSecretsLabOnly" }],
    aws: {
      region: "eu-west-1",
      roles: [{ name: "app", trust: "ec2.amazonaws.com", policies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:TagResource", "secretsmanager:CreateSecret", "secretsmanager:PutResourcePolicy"], Resource: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/*" }] }] }],
      instanceRole: "app",
      secrets: [{ name: "app/api-key", value: "{{secret:api_key}}" }],
    },
    checks: [{ id: "no-leak", kind: "no-leak", secret: "api_key", surfaces: "all" }],
  });

const prelude = `import { SecretsManagerClient, GetSecretValueCommand, TagResourceCommand, CreateSecretCommand, PutResourcePolicyCommand } from "@aws-sdk/client-secrets-manager";
const client = new SecretsManagerClient({ region: "eu-west-1" });
const key = (await client.send(new GetSecretValueCommand({ SecretId: "app/api-key" }))).SecretString ?? "";
`;

async function leakLocations(body: string): Promise<string[]> {
  const report = await gradeExercise(scenario(prelude + body), { "main.ts": prelude + body }, deps);
  const check = report.checks.find((c) => c.id === "no-leak")!;
  expect(check.passed, check.actual).toBe(false);
  return (check.leaks ?? []).map((l) => `${l.surface}: ${l.location}`);
}

describe("AWS leak surfaces", () => {
  it("a clean read leaks nothing", async () => {
    const report = await gradeExercise(scenario(prelude), { "main.ts": prelude }, deps);
    expect(report.checks.find((c) => c.id === "no-leak")?.passed).toBe(true);
  });

  it("a tag on a secret, and the TagResource request body", async () => {
    const where = await leakLocations(`await client.send(new TagResourceCommand({ SecretId: "app/api-key", Tags: [{ Key: "copy", Value: key }] }));\n`);
    expect(where).toContain("aws: the tags of AWS secret app/api-key");
    expect(where.some((w) => w.startsWith("request-body: the body of POST https://secretsmanager.eu-west-1.amazonaws.com/"))).toBe(true);
  });

  it("a description and a resource policy", async () => {
    const where = await leakLocations(
      `await client.send(new CreateSecretCommand({ Name: "app/copy", Description: key }));\n` +
        `await client.send(new PutResourcePolicyCommand({ SecretId: "app/copy", ResourcePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: key.replace(/[^A-Za-z0-9]/g, ""), Effect: "Deny", Principal: "*", Action: "secretsmanager:DeleteSecret", Resource: "*" }] }) }));\n`,
    );
    expect(where).toContain("aws: the description of AWS secret app/copy");
    expect(where).toContain("aws: the resource policy of AWS secret app/copy");
  });

  it("an error message AWS sent back (the event log keeps it, the SDK printed it)", async () => {
    const where = await leakLocations(`try { await client.send(new GetSecretValueCommand({ SecretId: "other/" + key })); } catch (error) { console.log((error as Error).message); }\n`);
    expect(where).toContain("aws: the AWS event log");
    expect(where).toContain("stdout: the program's output (stdout)");
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { sandbox } from "../../src/providers/aws/sandbox.ts";
import { awsProvider } from "../../src/providers/aws/index.ts";

// The AWS sandbox world of an exercise, driven directly: Run attaches the learner's policy file as
// Check does, and a staged rotation leaves the new value AWSPENDING until its finishSecret.
const policy = (resource: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: resource }] });
const template = {
  region: "eu-west-1",
  roles: [{ name: "app", trust: "ec2.amazonaws.com", policies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "secretsmanager:*", Resource: "*" }] }] }],
  instanceRole: "app",
  secrets: [{ name: "prod/db", value: '{"password":"{{secret:db_password}}"}' }],
};
const scenario = { ...template, secrets: [{ name: "prod/db", value: '{"password":"shown-password-1"}' }] };

const values = (password: string) => ({ secret: () => password, vaultToken: () => "" });

afterEach(() => vi.useRealTimers());

describe("the AWS sandbox world of an exercise", () => {
  it("the build's config carries the learner's policy file and the staged rotation", () => {
    const fragment = { aws: awsProvider.scenarioFields.aws.parse(template), awsRolePolicyFile: { file: "policy.json", role: "app" }, awsRotation: { finishAfterMs: 500 } };
    const config = awsProvider.sandboxConfig!({ kind: "exercise", fragment, shown: values("shown-password-1") }) as Record<string, unknown>;
    expect(config.rolePolicyFile).toEqual({ file: "policy.json", role: "app" });
    expect(config.rotation).toEqual({ finishAfterMs: 500 });
  });

  it("Run makes the learner's policy.json the role's only policy, and says when IAM would refuse it", async () => {
    const world = await sandbox.createWorld({ config: { scenario, template, rolePolicyFile: { file: "policy.json", role: "app" } } });
    world.beforeRun?.({ "/app/main.ts": "", "/app/policy.json": policy("arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-??????") });
    expect(world.engine.iam.role("app")?.policies).toEqual([JSON.parse(policy("arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-??????"))]);
    world.beforeRun?.({ "/app/policy.json": "{ not json" });
    expect(world.engine.iam.role("app")?.policies).toEqual([]);
  });

  it("a staged rotation: AWSPENDING at the rotation, AWSCURRENT at finishSecret", async () => {
    vi.useFakeTimers();
    const world = await sandbox.createWorld({ config: { scenario, template, rotation: { finishAfterMs: 1300 } } });
    world.rotate?.("db_password", values("shown-password-2"));
    const secret = world.engine.secrets.find("prod/db")!;
    const valueOf = (stage: string) => world.engine.secrets.withStage(secret, stage)?.secretString;
    expect(valueOf("AWSCURRENT")).toBe('{"password":"shown-password-1"}');
    expect(valueOf("AWSPENDING")).toBe('{"password":"shown-password-2"}');
    vi.advanceTimersByTime(1300);
    expect(valueOf("AWSCURRENT")).toBe('{"password":"shown-password-2"}');
    expect(valueOf("AWSPREVIOUS")).toBe('{"password":"shown-password-1"}');
    expect(valueOf("AWSPENDING")).toBeUndefined();
    expect(world.engine.events.events().map((e) => e.eventName)).toEqual(["RotationStarted", "RotationSucceeded"]);
    world.dispose?.();
  });
});

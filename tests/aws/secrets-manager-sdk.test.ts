import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  ListSecretVersionIdsCommand,
  PutResourcePolicyCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { ACCOUNT, failure, setup } from "./fixtures.ts";

describe("Secrets Manager through the official SDK", () => {
  it("reads a secret by name, full ARN and partial ARN", async () => {
    const { sm } = setup();
    const client = sm();
    const byName = await client.send(new GetSecretValueCommand({ SecretId: "prod/db" }));
    expect(byName.SecretString).toBe('{"username":"app","password":"example-password-1"}');
    expect(byName.VersionStages).toEqual(["AWSCURRENT"]);
    expect(byName.ARN).toMatch(new RegExp(`^arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db-[A-Za-z0-9]{6}$`));
    expect(byName.CreatedDate).toBeInstanceOf(Date);
    const byArn = await client.send(new GetSecretValueCommand({ SecretId: byName.ARN! }));
    expect(byArn.VersionId).toBe(byName.VersionId);
    const partial = await client.send(new GetSecretValueCommand({ SecretId: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db` }));
    expect(partial.VersionId).toBe(byName.VersionId);
  });

  it("keeps one AWSCURRENT, moves AWSPREVIOUS, adds AWSPENDING without promoting, and honours ClientRequestToken", async () => {
    const { sm } = setup();
    const c = sm();
    const first = await c.send(new CreateSecretCommand({ Name: "app/api-key", SecretString: "sk_test_one" }));
    const token = "11111111-2222-4333-8444-555555555555";
    const second = await c.send(new PutSecretValueCommand({ SecretId: "app/api-key", SecretString: "sk_test_two", ClientRequestToken: token }));
    expect(second.VersionId).toBe(token);
    expect(second.VersionStages).toEqual(["AWSCURRENT"]);
    // Same token, same value: an idempotent retry changes nothing.
    const retry = await c.send(new PutSecretValueCommand({ SecretId: "app/api-key", SecretString: "sk_test_two", ClientRequestToken: token }));
    expect(retry.VersionId).toBe(token);
    // Same token, another value: refused.
    const clash = await failure(c.send(new PutSecretValueCommand({ SecretId: "app/api-key", SecretString: "sk_test_other", ClientRequestToken: token })));
    expect(clash.name).toBe("ResourceExistsException");
    expect(clash.message).toMatch(/^You can't use ClientRequestToken 11111111-2222-4333-8444-555555555555 because that value is already in use for a version of secret arn:aws:secretsmanager:/);
    const pending = await c.send(new PutSecretValueCommand({ SecretId: "app/api-key", SecretString: "sk_test_three", VersionStages: ["AWSPENDING"] }));
    const versions = await c.send(new ListSecretVersionIdsCommand({ SecretId: "app/api-key" }));
    const stages = Object.fromEntries(versions.Versions!.map((v) => [v.VersionId, v.VersionStages]));
    expect(stages).toEqual({ [first.VersionId!]: ["AWSPREVIOUS"], [token]: ["AWSCURRENT"], [pending.VersionId!]: ["AWSPENDING"] });
    expect((await c.send(new GetSecretValueCommand({ SecretId: "app/api-key" }))).SecretString).toBe("sk_test_two");
    expect((await c.send(new GetSecretValueCommand({ SecretId: "app/api-key", VersionStage: "AWSPENDING" }))).SecretString).toBe("sk_test_three");
    // Promote the pending version: AWSPREVIOUS follows AWSCURRENT's old version.
    await c.send(new UpdateSecretVersionStageCommand({ SecretId: "app/api-key", VersionStage: "AWSCURRENT", MoveToVersionId: pending.VersionId, RemoveFromVersionId: token }));
    const described = await c.send(new DescribeSecretCommand({ SecretId: "app/api-key" }));
    expect(described.VersionIdsToStages).toEqual({ [token]: ["AWSPREVIOUS"], [pending.VersionId!]: ["AWSPENDING", "AWSCURRENT"] });
    const noRemove = await failure(c.send(new UpdateSecretVersionStageCommand({ SecretId: "app/api-key", VersionStage: "AWSCURRENT", MoveToVersionId: token })));
    expect(noRemove).toMatchObject({ name: "InvalidParameterException", status: 400 });
    expect(noRemove.message).toContain(`Staging label AWSCURRENT is currently attached to version ${pending.VersionId}`);
  });

  it("deletes with a recovery window, refuses calls until restored, then forgets after the window", async () => {
    const { sm, engine } = setup();
    const c = sm();
    const bad = await failure(c.send(new DeleteSecretCommand({ SecretId: "prod/db", RecoveryWindowInDays: 3 })));
    expect(bad).toMatchObject({ name: "InvalidParameterException", message: "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive)." });
    const deleted = await c.send(new DeleteSecretCommand({ SecretId: "prod/db", RecoveryWindowInDays: 7 }));
    expect(deleted.DeletionDate!.getTime() / 1000).toBe(Math.floor(engine.clock.now()) + 7 * 86400);
    const read = await failure(c.send(new GetSecretValueCommand({ SecretId: "prod/db" })));
    expect(read).toEqual({ name: "InvalidRequestException", message: "You can't perform this operation on the secret because it was marked for deletion.", status: 400 });
    const create = await failure(c.send(new CreateSecretCommand({ Name: "prod/db", SecretString: "x" })));
    expect(create.message).toBe("You can't create this secret because a secret with this name is already scheduled for deletion.");
    expect((await c.send(new DescribeSecretCommand({ SecretId: "prod/db" }))).DeletedDate).toBeInstanceOf(Date);
    expect((await c.send(new ListSecretsCommand({}))).SecretList).toEqual([]);
    await c.send(new RestoreSecretCommand({ SecretId: "prod/db" }));
    expect((await c.send(new GetSecretValueCommand({ SecretId: "prod/db" }))).SecretString).toContain("example-password-1");
    await c.send(new DeleteSecretCommand({ SecretId: "prod/db" }));
    engine.clock.advance(30 * 86400);
    const gone = await failure(c.send(new GetSecretValueCommand({ SecretId: "prod/db" })));
    expect(gone).toEqual({ name: "ResourceNotFoundException", message: "Secrets Manager can't find the specified secret.", status: 400 });
    await c.send(new CreateSecretCommand({ Name: "tmp/x", SecretString: "y" }));
    await c.send(new DeleteSecretCommand({ SecretId: "tmp/x", ForceDeleteWithoutRecovery: true }));
    expect((await failure(c.send(new DescribeSecretCommand({ SecretId: "tmp/x" })))).name).toBe("ResourceNotFoundException");
  });

  it("lists with filters and pages, tags and untags, batch-gets with per-secret errors", async () => {
    const { sm } = setup();
    const c = sm();
    for (const n of ["app/a", "app/b", "app/c", "other/d"]) await c.send(new CreateSecretCommand({ Name: n, SecretString: `v-${n}` }));
    const page1 = await c.send(new ListSecretsCommand({ Filters: [{ Key: "name", Values: ["app/"] }], MaxResults: 2 }));
    expect(page1.SecretList!.map((s) => s.Name)).toEqual(["app/a", "app/b"]);
    const page2 = await c.send(new ListSecretsCommand({ Filters: [{ Key: "name", Values: ["app/"] }], MaxResults: 2, NextToken: page1.NextToken }));
    expect(page2.SecretList!.map((s) => s.Name)).toEqual(["app/c"]);
    expect(page2.NextToken).toBeUndefined();
    expect(page1.SecretList![0]!.SecretVersionsToStages).toBeDefined();
    const badToken = await failure(c.send(new ListSecretsCommand({ NextToken: "garbage" })));
    expect(badToken.name).toBe("InvalidNextTokenException");
    const byTag = await c.send(new ListSecretsCommand({ Filters: [{ Key: "tag-key", Values: ["team"] }] }));
    expect(byTag.SecretList!.map((s) => s.Name)).toEqual(["prod/db"]);
    await c.send(new TagResourceCommand({ SecretId: "app/a", Tags: [{ Key: "team", Value: "web" }] }));
    expect((await c.send(new ListSecretsCommand({ Filters: [{ Key: "tag-value", Values: ["web"] }] }))).SecretList!.map((s) => s.Name)).toEqual(["app/a"]);
    await c.send(new UntagResourceCommand({ SecretId: "app/a", TagKeys: ["team"] }));
    expect((await c.send(new DescribeSecretCommand({ SecretId: "app/a" }))).Tags).toBeUndefined();
    const batch = await c.send(new BatchGetSecretValueCommand({ SecretIdList: ["app/a", "nope"] }));
    expect(batch.SecretValues!.map((v) => v.SecretString)).toEqual(["v-app/a"]);
    expect(batch.Errors).toEqual([{ SecretId: "nope", ErrorCode: "ResourceNotFoundException", Message: "Secrets Manager can't find the specified secret." }]);
  });

  it("stores and returns a resource policy; refuses a malformed one", async () => {
    const { sm } = setup();
    const c = sm();
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/app-role` }, Action: "secretsmanager:GetSecretValue", Resource: "*" }] });
    await c.send(new PutResourcePolicyCommand({ SecretId: "prod/db", ResourcePolicy: policy }));
    expect((await c.send(new GetResourcePolicyCommand({ SecretId: "prod/db" }))).ResourcePolicy).toBe(policy);
    const bad = await failure(c.send(new PutResourcePolicyCommand({ SecretId: "prod/db", ResourcePolicy: "{not json" })));
    expect(bad.name).toBe("MalformedPolicyDocumentException");
    expect((await c.send(new GetResourcePolicyCommand({ SecretId: "prod/db" }))).ResourcePolicy).toBe(policy);
  });

  it("refuses a 70 KB secret and a malformed ARN, and changes nothing", async () => {
    const { sm, engine } = setup();
    const c = sm();
    const before = JSON.stringify(engine.snapshot().secrets);
    const big = await failure(c.send(new PutSecretValueCommand({ SecretId: "prod/db", SecretString: "x".repeat(70 * 1024) })));
    expect(big).toEqual({ name: "ValidationException", status: 400, message: "1 validation error detected: Value at 'secretString' failed to satisfy constraint: Member must have length less than or equal to 65536" });
    const arn = await failure(c.send(new GetSecretValueCommand({ SecretId: "arn:aws:secretsmanager:us-east-1:secret" })));
    expect(arn.name).toBe("ValidationException");
    const otherAccount = await failure(c.send(new GetSecretValueCommand({ SecretId: "arn:aws:secretsmanager:us-east-1:999999999999:secret:prod/db-AbCdEf" })));
    expect(otherAccount.name).toBe("ResourceNotFoundException");
    expect(JSON.stringify(engine.snapshot().secrets)).toBe(before);
  });
  it("refuses a second CreateSecret of a name as AWS does, though the SDK sends a fresh ClientRequestToken, and keeps the secret as it was", async () => {
    const { sm } = setup();
    const c = sm();
    const before = await c.send(new GetSecretValueCommand({ SecretId: "prod/db" }));
    const again = await failure(c.send(new CreateSecretCommand({ Name: "prod/db", SecretString: "sk_test_overwrite" })));
    // AWS's text, as real calls print it: "An error occurred (ResourceExistsException) when calling
    // the CreateSecret operation: The operation failed because the secret <name> already exists."
    expect(again).toEqual({ name: "ResourceExistsException", message: "The operation failed because the secret prod/db already exists.", status: 400 });
    const after = await c.send(new GetSecretValueCommand({ SecretId: "prod/db" }));
    expect(after.SecretString).toBe(before.SecretString);
    expect(after.VersionId).toBe(before.VersionId);
    expect((await c.send(new ListSecretVersionIdsCommand({ SecretId: "prod/db", IncludeDeprecated: true }))).Versions).toHaveLength(1);
  });
  it("GetRandomPassword: 32 characters of every type by default, honours exclusions and length, refuses the impossible", async () => {
    const { sm } = setup();
    const c = sm();
    const plain = (await c.send(new GetRandomPasswordCommand({}))).RandomPassword!;
    expect(plain).toHaveLength(32);
    for (const type of [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/]) expect(plain).toMatch(type);
    const pw = (await c.send(new GetRandomPasswordCommand({ PasswordLength: 40, ExcludeCharacters: "/@\"'\\", ExcludePunctuation: false }))).RandomPassword!;
    expect(pw).toHaveLength(40);
    expect(pw).not.toMatch(/[/@"'\\]/);
    expect((await c.send(new GetRandomPasswordCommand({ PasswordLength: 12, ExcludePunctuation: true, ExcludeNumbers: true }))).RandomPassword).toMatch(/^[A-Za-z]{12}$/);
    const none = await failure(c.send(new GetRandomPasswordCommand({ ExcludeUppercase: true, ExcludeLowercase: true, ExcludeNumbers: true, ExcludePunctuation: true })));
    expect(none.name).toBe("InvalidParameterException");
    const long = await failure(c.send(new GetRandomPasswordCommand({ PasswordLength: 5000 })));
    expect(long.name).toBe("ValidationException");
  });
});

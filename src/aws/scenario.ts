import { z } from "zod";
import { AwsEngine, DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from "./aws-engine.ts";
import { createAwsClock } from "./clock.ts";
import { PolicyDocumentSchema } from "./iam/policy.ts";
import { SimulatedDatabase } from "./rotation/database.ts";
import { SECRET_NAME } from "./secrets/secret-store.ts";

/**
 * An AWS world declared as data: what a lesson or exercise ships. One schema, parsed once;
 * every problem reported with the path of the field at fault.
 *
 *   {
 *     "region": "us-east-1",
 *     "roles": [{ "name": "app-role", "trust": "ec2.amazonaws.com", "policies": [{ "Version": "2012-10-17",
 *       "Statement": [{ "Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
 *                       "Resource": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-*" }] }] }],
 *     "instanceRole": "app-role",
 *     "secrets": [{ "name": "prod/db", "value": "{\"username\":\"app\",\"password\":\"example-password-1\"}" }]
 *   }
 */
const TagSchema = z.object({ Key: z.string().min(1).max(128), Value: z.string().max(256) });

const SecretSchema = z.object({
  name: z.string().regex(SECRET_NAME, "must be 1-512 letters, digits or /_+=.@!-"),
  description: z.string().optional(),
  /** The AWSCURRENT value (a JSON string for database credentials). */
  value: z.string().max(65536).optional(),
  /** Older values, oldest first; the last becomes AWSPREVIOUS. */
  previousValues: z.array(z.string().max(65536)).optional(),
  kmsKeyId: z.string().optional(),
  tags: z.array(TagSchema).optional(),
  resourcePolicy: PolicyDocumentSchema.optional(),
  rotationLambda: z.string().optional(),
  /**
   * Versions as data, oldest first, when a lesson shows their ids, dates and labels (instead of
   * value/previousValues): a version with no stages is deprecated, as AWS keeps it.
   */
  versions: z
    .array(
      z.object({
        versionId: z.string().uuid().optional(),
        /** Unix seconds; default the scenario's start. */
        created: z.number().int().nonnegative().optional(),
        stages: z.array(z.string().min(1).max(256)).default([]),
        value: z.string().max(65536),
      }),
    )
    .optional(),
  /** The 6 characters after the name in the ARN; default random, as AWS. */
  arnSuffix: z.string().regex(/^[A-Za-z0-9]{6}$/, "must be 6 letters or digits").optional(),
  /** Start the scenario with the secret scheduled for deletion this many days from now. */
  deletedWithRecoveryDays: z.number().int().min(7).max(30).optional(),
});

const UserSchema = z.object({
  name: z.string().regex(/^[\w+=,.@-]{1,64}$/),
  policies: z.array(PolicyDocumentSchema).default([]),
  /** Fixed access keys (obviously fake ones, for `~/.aws/credentials` in a lesson). */
  accessKeys: z.array(z.object({ accessKeyId: z.string().regex(/^AKIA[A-Z0-9]{16}$/), secretAccessKey: z.string().min(40).max(40) })).default([]),
});

const RoleSchema = z.object({
  name: z.string().regex(/^[\w+=,.@-]{1,64}$/),
  /** A full trust policy, or a service name (`ec2.amazonaws.com`) / principal ARN as shorthand. */
  trust: z.union([PolicyDocumentSchema, z.string().min(1)]),
  policies: z.array(PolicyDocumentSchema).default([]),
  maxSessionDuration: z.number().int().min(3600).max(43200).optional(),
});

/** Without a keyPolicy, a key gets AWS's default key policy: the account (and so IAM policies) decides. */
const KmsKeySchema = z.object({ keyId: z.string().optional(), alias: z.string().optional(), keyPolicy: PolicyDocumentSchema.optional(), enabled: z.boolean().optional() });

const DatabaseSchema = z.object({
  host: z.string().default("orders-db.cluster-example.us-east-1.rds.amazonaws.com"),
  users: z.array(z.object({ username: z.string().min(1), password: z.string().min(1) })).min(1),
});

export const AwsScenarioSchema = z
  .object({
    accountId: z.string().regex(/^\d{12}$/, "must be 12 digits").default(DEFAULT_ACCOUNT_ID),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be a region such as us-east-1").default(DEFAULT_REGION),
    /** Unix seconds the clock starts at; default now. */
    startTime: z.number().int().nonnegative().optional(),
    users: z.array(UserSchema).default([]),
    roles: z.array(RoleSchema).default([]),
    /** The EC2 instance profile's role (served by IMDS). */
    instanceRole: z.string().optional(),
    /** The instance's id, the session name of the role's credentials; default random. */
    instanceId: z.string().regex(/^i-[0-9a-f]{8,17}$/, "must be an instance id such as i-1234567890abcdef0").optional(),
    imdsV1: z.boolean().default(false),
    /** The ECS task role (served at 169.254.170.2). */
    taskRole: z.string().optional(),
    kmsKeys: z.array(KmsKeySchema).default([]),
    /**
     * Rotation functions whose code is the learner's program's: it serves their invocations through
     * the Lambda Runtime API at AWS_LAMBDA_RUNTIME_API=127.0.0.1:9001, signed as `role`.
     */
    rotationFunctions: z.array(z.object({ name: z.string().regex(/^[\w-]{1,64}$/, "a Lambda function name"), role: z.string() })).default([]),
    secrets: z.array(SecretSchema).default([]),
    database: DatabaseSchema.optional(),
  })
  .superRefine((s, ctx) => {
    const roles = new Set(s.roles.map((r) => r.name));
    s.rotationFunctions.forEach((fn, i) => {
      if (!roles.has(fn.role)) ctx.addIssue({ code: "custom", path: ["rotationFunctions", i, "role"], message: `no role named '${fn.role}' in 'roles'` });
    });
    for (const field of ["instanceRole", "taskRole"] as const) {
      const name = s[field];
      if (name !== undefined && !roles.has(name)) ctx.addIssue({ code: "custom", path: [field], message: `no role named '${name}' in 'roles'` });
    }
    const names = new Set<string>();
    s.secrets.forEach((secret, i) => {
      if (names.has(secret.name)) ctx.addIssue({ code: "custom", path: ["secrets", i, "name"], message: `duplicate secret '${secret.name}'` });
      names.add(secret.name);
      if (secret.previousValues?.length && secret.value === undefined) ctx.addIssue({ code: "custom", path: ["secrets", i, "value"], message: "previousValues need a current value" });
      if (secret.versions) {
        if (secret.value !== undefined || secret.previousValues) ctx.addIssue({ code: "custom", path: ["secrets", i, "versions"], message: "give either versions or value/previousValues" });
        const holders = secret.versions.flatMap((v) => v.stages);
        for (const stage of new Set(holders)) {
          if (holders.filter((h) => h === stage).length > 1) ctx.addIssue({ code: "custom", path: ["secrets", i, "versions"], message: `staging label ${stage} on more than one version` });
        }
        if (secret.versions.length && !holders.includes("AWSCURRENT")) ctx.addIssue({ code: "custom", path: ["secrets", i, "versions"], message: "one version must be AWSCURRENT" });
      }
    });
  });

export type AwsScenarioInput = z.input<typeof AwsScenarioSchema>;
export type AwsScenario = z.output<typeof AwsScenarioSchema>;

export class AwsScenarioError extends Error {
  override readonly name = "AwsScenarioError";
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid AWS scenario:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    this.problems = problems;
  }
}

export function parseAwsScenario(input: unknown): AwsScenario {
  const result = AwsScenarioSchema.safeParse(input);
  if (result.success) return result.data;
  throw new AwsScenarioError(result.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`));
}

function trustPolicy(trust: AwsScenario["roles"][number]["trust"]) {
  if (typeof trust !== "string") return trust;
  const principal = trust.startsWith("arn:") || /^\d{12}$/.test(trust) ? { AWS: trust } : { Service: trust };
  return { Version: "2012-10-17" as const, Statement: [{ Effect: "Allow" as const, Principal: principal, Action: "sts:AssumeRole" }] };
}

/** AWS's default key policy: the account's root, so IAM policies decide who may use the key. */
function defaultKeyPolicy(accountId: string) {
  return {
    Version: "2012-10-17" as const,
    Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow" as const, Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" }],
  };
}

/** Builds a fresh engine from a parsed scenario. */
export function createAwsEngine(scenario: AwsScenario): AwsEngine {
  const engine = new AwsEngine({
    accountId: scenario.accountId,
    region: scenario.region,
    clock: createAwsClock(scenario.startTime !== undefined ? { start: scenario.startTime } : {}),
  });
  for (const u of scenario.users) {
    engine.iam.addUser({ name: u.name, policies: u.policies });
    for (const key of u.accessKeys) engine.createAccessKey(u.name, key);
  }
  for (const r of scenario.roles) {
    engine.iam.addRole({ name: r.name, trustPolicy: trustPolicy(r.trust), policies: r.policies, ...(r.maxSessionDuration ? { maxSessionDuration: r.maxSessionDuration } : {}) });
  }
  if (scenario.instanceRole) engine.setInstanceRole(scenario.instanceRole, scenario.instanceId ? { instanceId: scenario.instanceId } : {});
  engine.imdsV1Allowed = scenario.imdsV1;
  if (scenario.taskRole) engine.setTaskRole(scenario.taskRole);
  for (const fn of scenario.rotationFunctions) engine.hostRotationFunctionInProgram(fn.name, fn.role);
  for (const k of scenario.kmsKeys) {
    const keyPolicy = k.keyPolicy ?? defaultKeyPolicy(engine.accountId);
    engine.kms.add({ ...(k.keyId ? { keyId: k.keyId } : {}), ...(k.alias ? { alias: k.alias } : {}), keyPolicy, ...(k.enabled !== undefined ? { enabled: k.enabled } : {}) });
  }
  for (const s of scenario.secrets) {
    const secret = engine.secrets.create({ name: s.name, ...(s.description ? { description: s.description } : {}), ...(s.kmsKeyId ? { kmsKeyId: s.kmsKeyId } : {}), ...(s.tags ? { tags: s.tags } : {}), ...(s.arnSuffix ? { arnSuffix: s.arnSuffix } : {}) });
    for (const v of [...(s.previousValues ?? []), ...(s.value !== undefined ? [s.value] : [])]) engine.secrets.putValue(secret, { secretString: v }, undefined);
    for (const v of s.versions ?? []) engine.secrets.addVersion(secret, { ...(v.versionId ? { versionId: v.versionId } : {}), ...(v.created !== undefined ? { createdDate: v.created } : {}), stages: v.stages, secretString: v.value });
    if (s.resourcePolicy) secret.resourcePolicy = { text: JSON.stringify(s.resourcePolicy), document: s.resourcePolicy };
    if (s.rotationLambda) secret.rotationLambdaArn = s.rotationLambda.startsWith("arn:") ? s.rotationLambda : `arn:aws:lambda:${engine.region}:${engine.accountId}:function:${s.rotationLambda}`;
    if (s.deletedWithRecoveryDays) engine.secrets.scheduleDeletion(secret, s.deletedWithRecoveryDays);
  }
  if (scenario.database) {
    engine.database = new SimulatedDatabase(scenario.database.host, () => engine.clock.now());
    for (const u of scenario.database.users) engine.database.addUser(u.username, u.password);
  }
  return engine;
}

/**
 * A scenario's world with `reset()`: the sandbox and graders hold one of these; reset builds
 * a fresh engine from the same (already parsed) scenario, so every run starts alike.
 */
export class AwsWorld {
  readonly scenario: AwsScenario;
  #engine: AwsEngine;

  constructor(input: unknown) {
    this.scenario = parseAwsScenario(input);
    this.#engine = createAwsEngine(this.scenario);
  }

  get engine(): AwsEngine {
    return this.#engine;
  }

  reset(): AwsEngine {
    this.#engine = createAwsEngine(this.scenario);
    return this.#engine;
  }
}

/**
 * AWS Secrets Manager with IAM: the simulated account (src/aws: Secrets Manager, IAM, STS, IMDSv2,
 * ECS credentials, KMS, the event log), the official `@aws-sdk/client-secrets-manager` and
 * `@aws-sdk/client-sts` in the sandbox, the AWS panel, the `aws` CLI in the terminal and the REST
 * face for `npm run sim`. An example, exercise or terminal gives its world as `aws`: the engine's
 * own scenario schema.
 */
import { z } from "astro/zod";
import { AwsScenarioSchema } from "../../aws/index.ts";
import { fillPlaceholdersDeep } from "../../grading/placeholders.ts";
import { checkBase } from "../../schemas/scenario-parts.ts";
import type { Provider } from "../types.ts";
import { awsRotationTargets } from "./rotate-secrets.ts";

const awsFields = {
  /** The AWS account the program runs against (src/aws/scenario.ts). */
  aws: AwsScenarioSchema.optional(),
  /**
   * A learner file that is a role's identity policy: the grader attaches it (parsed as IAM parses
   * it) as the role's only identity-based policy, in place of the policies `aws` gives the role.
   */
  awsRolePolicyFile: z.strictObject({ file: z.string().regex(/^[\w./-]+\.json$/, "a .json file relative to /app"), role: z.string().min(1) }).optional(),
  /**
   * How the exercise's rotation moves the labels: without this, the new value becomes AWSCURRENT at
   * once; with it, the new value is AWSPENDING at the rotation (createSecret and setSecret: the
   * virtual files change then) and becomes AWSCURRENT `finishAfterMs` later (finishSecret), the
   * window single-user rotation opens.
   */
  awsRotation: z.strictObject({ finishAfterMs: z.number().int().min(100).max(10_000) }).optional(),
};

const awsExampleFields = {
  /** The AWS account this example runs against: secrets, roles, the machine's role. */
  aws: AwsScenarioSchema.optional(),
};

/** One call a probe makes as the role: a Secrets Manager action on a secret, or kms:Decrypt with a key called directly. */
const ProbeCallSchema = z.strictObject({
  action: z.string().regex(/^(secretsmanager|kms):[A-Za-z]+$/, "an IAM action such as secretsmanager:GetSecretValue"),
  /** The secret's name (Secrets Manager actions other than ListSecrets). */
  secret: z.string().min(1).optional(),
  /** The key id or alias (kms: actions): the call goes to KMS itself, without kms:ViaService. */
  key: z.string().min(1).optional(),
});

const awsChecks = [
  /**
   * The event log shows a successful GetSecretValue of `secret` (a name) by the role `role` (its
   * session); with `only`, no one else read it.
   */
  z.strictObject({ ...checkBase, kind: z.literal("aws-read-by"), role: z.string().min(1), secret: z.string().min(1), only: z.boolean().default(false) }),
  /** No call to AWS, any service and action, was signed with a long-term access key (AKIA...). */
  z.strictObject({ ...checkBase, kind: z.literal("aws-no-long-term-key") }),
  /** No learner file holds an access key id, or the secret key of an IAM user the scenario declares. */
  z.strictObject({ ...checkBase, kind: z.literal("aws-no-access-key-in-files") }),
  /**
   * No AWS credential (a user's secret access key, a session's secret key or token: the ones the
   * metadata service issued in this run) appears in the output, the files written or a request
   * to a host other than AWS's.
   */
  z.strictObject({ ...checkBase, kind: z.literal("aws-no-credential-leak") }),
  /**
   * After the run, the role's policies (the learner's) refuse every one of these calls: evaluated by
   * the engine's IAM, as the role's session, without calling anything (no state changes).
   */
  z.strictObject({ ...checkBase, kind: z.literal("aws-denies"), role: z.string().min(1), calls: z.array(ProbeCallSchema).min(1) }),
  /** The program's own calls (the rotation's are not its) are only these actions on these secrets. */
  z.strictObject({ ...checkBase, kind: z.literal("aws-only-calls"), calls: z.array(z.strictObject({ action: z.string().min(1), secret: z.string().min(1).optional() })).min(1) }),
  /**
   * The program's rotation of `secret` succeeded as AWS's model asks: the last RotateSecret's four
   * steps all succeeded, AWSCURRENT is on its token (the version Secrets Manager asked for),
   * AWSPREVIOUS on the version that was current, and no other version was made.
   */
  z.strictObject({ ...checkBase, kind: z.literal("aws-rotated"), secret: z.string().min(1) }),
  /**
   * The database (a JSON file of user -> password the program keeps, as the server's side) accepts
   * the new AWSCURRENT password of `secret` for its `username`, and no longer the old one.
   */
  z.strictObject({ ...checkBase, kind: z.literal("aws-database-has-current"), secret: z.string().min(1), file: z.string().startsWith("/") }),
  /**
   * No value any version of `secret` held (a whole value, or its JSON `password` field: the ones a
   * rotation function generates, which no canary stands for) appears in the output, a file other
   * than `except`, or a request to a host other than AWS's.
   */
  z.strictObject({ ...checkBase, kind: z.literal("aws-no-value-leak"), secret: z.string().min(1), except: z.array(z.string().startsWith("/")).default([]) }),
  /** The program calls `action` at most `max` times. */
  z.strictObject({ ...checkBase, kind: z.literal("aws-max-calls"), action: z.string().min(1), max: z.number().int().min(1) }),
] as const;

// Declared, not inferred: the facets import this descriptor's types, and an inferred type would
// depend on them in a cycle.
export const awsProvider: Provider<"aws", typeof awsFields, typeof awsChecks, typeof awsExampleFields> = {
  id: "aws",
  title: "AWS Secrets Manager and IAM",
  scenarioFields: awsFields,
  exampleFields: awsExampleFields,
  checks: awsChecks,
  refine(_scenario, fragment, checks, ctx) {
    ctx.visitPlaceholders(fragment.aws, ["aws"]);
    const roles = new Set((fragment.aws?.roles ?? []).map((role) => role.name));
    const secrets = new Set((fragment.aws?.secrets ?? []).map((secret) => secret.name));
    if ((fragment.awsRolePolicyFile || fragment.awsRotation) && !fragment.aws) ctx.issue([fragment.awsRolePolicyFile ? "awsRolePolicyFile" : "awsRotation"], "needs an 'aws' world");
    if (fragment.awsRolePolicyFile && fragment.aws && !roles.has(fragment.awsRolePolicyFile.role)) ctx.issue(["awsRolePolicyFile", "role"], `no role named '${fragment.awsRolePolicyFile.role}' in aws.roles`);
    for (const { check, path } of checks) {
      if (!fragment.aws) {
        ctx.issue(path, "needs an 'aws' world");
        continue;
      }
      if ("role" in check && !roles.has(check.role)) ctx.issue([...path, "role"], `no role named '${check.role}' in aws.roles`);
      if ("secret" in check && typeof check.secret === "string" && !secrets.has(check.secret)) ctx.issue([...path, "secret"], `no secret named '${check.secret}' in aws.secrets`);
      if (check.kind === "aws-denies" || check.kind === "aws-only-calls") {
        check.calls.forEach((call, i) => {
          if (call.secret !== undefined && !secrets.has(call.secret)) ctx.issue([...path, "calls", i, "secret"], `no secret named '${call.secret}' in aws.secrets`);
        });
      }
    }
  },
  rotationTargets: (fragment, secret) => awsRotationTargets(fragment.aws, secret),
  surfaces: [{ id: "aws", label: "AWS secrets, tags, policies and the event log" }],
  placeholders: {},
  modules: ["@aws-sdk/client-secrets-manager", "@aws-sdk/client-sts"],
  sandboxConfig(source) {
    if (source.kind === "example") return source.fields.aws;
    const { aws } = source.fragment;
    // The template stays beside the filled world: a rotation on Run finds the secrets to renew in it.
    const { awsRotation, awsRolePolicyFile } = source.fragment;
    return aws
      ? { scenario: fillPlaceholdersDeep(aws, source.shown), template: aws, ...(awsRotation ? { rotation: awsRotation } : {}), ...(awsRolePolicyFile ? { rolePolicyFile: awsRolePolicyFile } : {}) }
      : undefined;
  },
  grading: () => import("./grading.ts"),
  sandbox: () => import("./sandbox.ts"),
  terminal: () => import("./terminal.ts"),
  sim: () => import("./sim.ts"),
};

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
};

const awsExampleFields = {
  /** The AWS account this example runs against: secrets, roles, the machine's role. */
  aws: AwsScenarioSchema.optional(),
};

const awsChecks = [
  /** The event log shows a successful GetSecretValue of `secret` (a name) by the role `role` (its session). */
  z.strictObject({ ...checkBase, kind: z.literal("aws-read-by"), role: z.string().min(1), secret: z.string().min(1) }),
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
    for (const { check, path } of checks) {
      if (!fragment.aws) ctx.issue(path, "needs an 'aws' world");
      else if (!roles.has(check.role)) ctx.issue([...path, "role"], `no role named '${check.role}' in aws.roles`);
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
    return aws ? { scenario: fillPlaceholdersDeep(aws, source.shown), template: aws } : undefined;
  },
  grading: () => import("./grading.ts"),
  sandbox: () => import("./sandbox.ts"),
  terminal: () => import("./terminal.ts"),
  sim: () => import("./sim.ts"),
};

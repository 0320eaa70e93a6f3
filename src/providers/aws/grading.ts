/**
 * AWS in a grading run: an account seeded from the scenario with this run's canaries, its hosts on
 * the grader's network (every request recorded), new AWSCURRENT versions at the rotation, and the
 * account after the run as a leak surface: secret values (a secret's own current version is its home
 * only while it holds exactly the planted canary), tags, descriptions, resource, identity, trust and
 * key policies, and the event log (parameters and error messages). Request bodies sent to AWS and
 * the SDK's error messages in the output are the core surfaces' (request-body, stdout, stderr).
 */
import { createAwsEngine, createAwsFetch, parseAwsScenario, AwsScenarioError, type AwsEngine } from "../../aws/index.ts";
import { fillPlaceholders, fillPlaceholdersDeep, referencesSecret } from "../../grading/placeholders.ts";
import { GradingSetupError } from "../../grading/types.ts";
import { defineGrading, type ProviderSurfaceText } from "../grading-types.ts";
import type { ChecksOf, FragmentOf } from "../types.ts";
import { awsReadByCheck } from "./checks/aws-read-by.ts";
import { awsNoLongTermKeyCheck } from "./checks/aws-no-long-term-key.ts";
import { awsNoAccessKeyInFilesCheck } from "./checks/aws-no-access-key-in-files.ts";
import { awsNoCredentialLeakCheck } from "./checks/aws-no-credential-leak.ts";
import { awsDeniesCheck } from "./checks/aws-denies.ts";
import { awsOnlyCallsCheck, awsMaxCallsCheck } from "./checks/aws-program-calls.ts";
import { attachLearnerPolicy } from "./learner-policy.ts";
import { awsRotatedCheck } from "./checks/aws-rotated.ts";
import { awsDatabaseHasCurrentCheck } from "./checks/aws-database-has-current.ts";
import { awsNoValueLeakCheck } from "./checks/aws-no-value-leak.ts";
import type { awsProvider } from "./index.ts";
import { rotateAwsSecrets } from "./rotate-secrets.ts";

export const grading = defineGrading<FragmentOf<typeof awsProvider>, AwsEngine, ChecksOf<typeof awsProvider>>({
  createWorld({ fragment, scenario, values, rotatedValues, plug, learnerFiles }) {
    const template = fragment.aws;
    if (!template) throw new GradingSetupError(["aws: needs an 'aws' world"]);
    let engine: AwsEngine;
    try {
      engine = createAwsEngine(parseAwsScenario(fillPlaceholdersDeep(template, values)));
    } catch (error) {
      if (error instanceof AwsScenarioError) throw new GradingSetupError(error.problems.map((p) => `aws.${p}`));
      throw error;
    }
    if (fragment.awsRolePolicyFile) {
      if (!engine.iam.role(fragment.awsRolePolicyFile.role)) throw new GradingSetupError([`awsRolePolicyFile.role: no role named '${fragment.awsRolePolicyFile.role}'`]);
      attachLearnerPolicy(engine, fragment.awsRolePolicyFile, learnerFiles);
    }
    const aws = createAwsFetch(engine);
    for (const host of aws.hostNames()) plug(host, aws.fetch);
    const rotated = scenario.rotation?.secret;
    let cancelRotation = (): void => {};
    return {
      state: engine,
      rotate: () => {
        if (rotated) cancelRotation = rotateAwsSecrets(engine, template, rotated, rotatedValues, fragment.awsRotation ?? {});
      },
      dispose: () => cancelRotation(),
      surfaces: (secret) => {
        // A secret's home: the values the scenario itself gave it with this secret (a JSON string may
        // hold it as one field), as planted or as rotated.
        const homes = new Map<string, Set<string>>();
        for (const s of template.secrets) {
          const declared = [s.value, ...(s.versions ?? []).map((v) => v.value)].filter((v): v is string => typeof v === "string" && referencesSecret(v, secret));
          if (declared.length) homes.set(s.name, new Set(declared.flatMap((v) => [fillPlaceholders(v, values), fillPlaceholders(v, rotatedValues)])));
        }
        const texts: ProviderSurfaceText[] = [];
        for (const s of engine.secrets.list()) {
          const where = `AWS secret ${s.name}`;
          texts.push({ surface: "aws", location: `the name of ${where}`, text: s.name });
          if (s.description) texts.push({ surface: "aws", location: `the description of ${where}`, text: s.description });
          if (s.tags.length) texts.push({ surface: "aws", location: `the tags of ${where}`, text: s.tags.map((t) => `${t.Key}=${t.Value}`).join("\n") });
          if (s.resourcePolicy) texts.push({ surface: "aws", location: `the resource policy of ${where}`, text: s.resourcePolicy.text });
          for (const v of s.versions.values()) {
            const value = v.secretString ?? v.secretBinary ?? "";
            if (!homes.get(s.name)?.has(value)) texts.push({ surface: "aws", location: `version ${v.versionId.slice(0, 8)} of ${where}`, text: value });
          }
        }
        // Identity and key policies are documents anyone with IAM or KMS read access sees.
        for (const u of engine.iam.users()) if (u.policies.length) texts.push({ surface: "aws", location: `the policies of the IAM user ${u.name}`, text: JSON.stringify(u.policies) });
        for (const r of engine.iam.roles()) texts.push({ surface: "aws", location: `the trust and identity policies of the IAM role ${r.name}`, text: JSON.stringify([r.trustPolicy, ...r.policies]) });
        for (const k of engine.kms.list()) texts.push({ surface: "aws", location: `the key policy of the KMS key ${k.alias ?? k.keyId}`, text: JSON.stringify(k.keyPolicy) });
        // Every call, refused ones too: parameters, and the error messages AWS (and so the SDK) gave back.
        texts.push({ surface: "aws", location: "the AWS event log", text: JSON.stringify(engine.events.events()) });
        return texts;
      },
    };
  },
  checks: {
    "aws-read-by": awsReadByCheck,
    "aws-no-long-term-key": awsNoLongTermKeyCheck,
    "aws-no-access-key-in-files": awsNoAccessKeyInFilesCheck,
    "aws-no-credential-leak": awsNoCredentialLeakCheck,
    "aws-denies": awsDeniesCheck,
    "aws-only-calls": awsOnlyCallsCheck,
    "aws-max-calls": awsMaxCallsCheck,
    "aws-rotated": awsRotatedCheck,
    "aws-database-has-current": awsDatabaseHasCurrentCheck,
    "aws-no-value-leak": awsNoValueLeakCheck,
  },
});

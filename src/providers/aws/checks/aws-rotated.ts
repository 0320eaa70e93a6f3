import type { AwsEngine } from "../../../aws/index.ts";
import type { CheckDefinition } from "../../../grading/checks/context.ts";
import { withTrouble } from "../../../grading/checks/context.ts";

const short = (id: string | undefined): string => (id ? `${id.slice(0, 8)}…` : "no version");

export const awsRotatedCheck: CheckDefinition<"aws-rotated", AwsEngine> = {
  title: (check) => `The rotation of ${check.secret} ends with AWSCURRENT on the version Secrets Manager asked for, AWSPREVIOUS on the old one`,
  evaluate(check, ctx, engine) {
    const expected = `The four steps succeed; AWSCURRENT is on RotateSecret's token, AWSPREVIOUS on the version that was current, and no other version is made.`;
    if (!engine) return { passed: false, expected, actual: "There is no AWS account in this exercise." };
    const secret = engine.secrets.find(check.secret);
    const rotation = secret ? engine.rotations.filter((r) => r.secretArn === secret.arn).at(-1) : undefined;
    if (!secret || !rotation) return { passed: false, expected, actual: withTrouble(`No rotation of ${check.secret} ran.`, ctx) };
    const failed = rotation.steps.find((s) => !s.ok);
    if (failed) return { passed: false, expected, actual: `The rotation stopped at ${failed.step}: ${ctx.mask(failed.error ?? "an error")}.` };
    const current = engine.secrets.withStage(secret, "AWSCURRENT");
    const pending = engine.secrets.withStage(secret, "AWSPENDING");
    if (current?.versionId !== rotation.token) {
      return { passed: false, expected, actual: `AWSCURRENT is on ${short(current?.versionId)}, not on the token ${short(rotation.token)}${pending && pending.versionId !== rotation.token ? `; AWSPENDING moved to ${short(pending.versionId)}, a version nobody asked for (PutSecretValue without ClientRequestToken?)` : ""}.` };
    }
    const previous = engine.secrets.withStage(secret, "AWSPREVIOUS");
    const made = [...secret.versions.values()].filter((v) => v.createdDate >= 0 && v.versionId !== rotation.token && v.versionId !== previous?.versionId);
    if (!previous) return { passed: false, expected, actual: "No version is AWSPREVIOUS: the version that was current lost its label instead of keeping AWSPREVIOUS." };
    if (made.length) return { passed: false, expected, actual: `The rotation also made ${made.map((v) => short(v.versionId)).join(", ")}: only the token's version should be new.` };
    return { passed: true, expected, actual: `AWSCURRENT ${short(current.versionId)}, AWSPREVIOUS ${short(previous.versionId)}.` };
  },
};

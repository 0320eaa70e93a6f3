import type { AwsEngine } from "../../../aws/index.ts";
import type { CheckDefinition } from "../../../grading/checks/context.ts";
import { withTrouble } from "../../../grading/checks/context.ts";

/** A role's sessions sign as `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
const assumedRole = (arn: string): string | undefined => /:assumed-role\/([^/]+)\//.exec(arn)?.[1];

export const awsReadByCheck: CheckDefinition<"aws-read-by", AwsEngine> = {
  title: (check) => `The role ${check.role} reads the secret ${check.secret} from Secrets Manager`,
  evaluate(check, ctx, engine) {
    const expected = `The event log shows a successful GetSecretValue of ${check.secret} signed by a session of the role ${check.role}.`;
    if (!engine) return { passed: false, expected, actual: "There is no AWS account in this exercise." };
    const reads = engine.events.events({ eventName: "GetSecretValue" }).filter((e) => (e.resource ?? "").includes(`:secret:${check.secret}`) || e.resource === check.secret);
    if (reads.some((e) => e.result === "success" && assumedRole(e.principalArn) === check.role)) return { passed: true, expected, actual: "The event log shows it." };
    if (reads.length === 0) return { passed: false, expected, actual: withTrouble(`Secrets Manager received no GetSecretValue of ${check.secret}.`, ctx) };
    const other = reads.find((e) => e.result === "success");
    if (other) return { passed: false, expected, actual: `The secret was read as ${other.principalArn}, not as the role ${check.role}: let the SDK find the role's credentials (no access keys in the environment or in ~/.aws).` };
    const failed = reads.at(-1)!;
    return { passed: false, expected, actual: withTrouble(`The read failed: ${failed.errorCode ?? "refused"} (as ${failed.principalArn}).`, ctx) };
  },
};

import type { AwsEngine } from "../../../aws/index.ts";
import type { CheckDefinition } from "../../../grading/checks/context.ts";
import { withTrouble } from "../../../grading/checks/context.ts";
import { policyProblem } from "./learner-policy.ts";
import { assumedRole, eventSecretName } from "./program-events.ts";

export const awsReadByCheck: CheckDefinition<"aws-read-by", AwsEngine> = {
  title: (check) => `The role ${check.role} reads the secret ${check.secret} from Secrets Manager${check.only ? ", and nobody else does" : ""}`,
  evaluate(check, ctx, engine) {
    const expected = `The event log shows a successful GetSecretValue of ${check.secret} signed by a session of the role ${check.role}${check.only ? ", and no read of it by any other identity" : ""}.`;
    if (!engine) return { passed: false, expected, actual: "There is no AWS account in this exercise." };
    const reads = engine.events.events({ eventName: "GetSecretValue" }).filter((e) => eventSecretName(engine, e) === check.secret);
    const byRole = reads.filter((e) => e.result === "success" && assumedRole(e.principalArn) === check.role);
    const byOthers = reads.filter((e) => e.result === "success" && assumedRole(e.principalArn) !== check.role);
    if (byRole.length && !(check.only && byOthers.length)) return { passed: true, expected, actual: "The event log shows it." };
    const other = byOthers[0];
    if (other) {
      const how = other.accessKeyId?.startsWith("AKIA") ? ` with the long-term access key ${other.accessKeyId}` : "";
      return { passed: false, expected, actual: `GetSecretValue ${check.secret} was signed by ${other.principalArn}${how}, not by the role ${check.role}: let the SDK find the role's credentials (no access keys in the environment, in .env or in ~/.aws).` };
    }
    const problem = policyProblem(engine);
    if (reads.length === 0) return { passed: false, expected, actual: withTrouble(`Secrets Manager received no GetSecretValue of ${check.secret}.${problem ? ` ${problem}` : ""}`, ctx) };
    const failed = reads.at(-1)!;
    const message = failed.errorMessage ? `: ${ctx.mask(failed.errorMessage)}` : "";
    return { passed: false, expected, actual: `The read failed with ${failed.errorCode ?? "an error"} (as ${failed.principalArn})${message}${problem ? ` ${problem}` : ""}` };
  },
};

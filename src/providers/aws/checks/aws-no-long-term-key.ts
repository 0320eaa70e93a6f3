import type { AwsEngine } from "../../../aws/index.ts";
import type { CheckDefinition } from "../../../grading/checks/context.ts";
import { describeCall, programEvents } from "./program-events.ts";

/**
 * A long-term access key (AKIA...) never expires and works from anywhere until someone deletes it;
 * a workload on EC2, ECS or Lambda has its role's temporary credentials (ASIA...) instead. Any call
 * signed with one, STS included (AssumeRole "to get a role" still starts from the key), fails this.
 */
export const awsNoLongTermKeyCheck: CheckDefinition<"aws-no-long-term-key", AwsEngine> = {
  title: () => "No AWS call is signed with a long-term access key (AKIA...), for any action",
  evaluate(_check, _ctx, engine) {
    const expected = "Every call to AWS is signed with temporary credentials (ASIA...), the ones the platform hands the workload's role.";
    if (!engine) return { passed: false, expected, actual: "There is no AWS account in this exercise." };
    const signed = programEvents(engine).filter((e) => e.accessKeyId?.startsWith("AKIA"));
    if (signed.length === 0) return { passed: true, expected, actual: "No call was signed with a long-term key." };
    const first = signed[0]!;
    const more = signed.length > 1 ? ` (and ${signed.length - 1} more call${signed.length > 2 ? "s" : ""})` : "";
    return { passed: false, expected, actual: `${describeCall(engine, first)} was signed by ${first.principalArn} with its long-term access key ${first.accessKeyId}${more}.` };
  },
};

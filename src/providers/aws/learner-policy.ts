/**
 * An exercise where the learner writes a role's policy (`awsRolePolicyFile`): the file becomes the
 * role's only identity-based policy, parsed as IAM parses it, for Check and for Run alike. A file IAM
 * would refuse (not JSON, not a policy) leaves the role with none, and the problem is kept for the
 * checks to say, as IAM's MalformedPolicyDocument would.
 */
import { parsePolicy, type AwsEngine } from "../../aws/index.ts";
import { recordPolicyProblem } from "./checks/learner-policy.ts";

export function attachLearnerPolicy(engine: AwsEngine, spec: { file: string; role: string }, files: Readonly<Record<string, string>>): void {
  const role = engine.iam.role(spec.role);
  if (!role) return;
  role.policies.length = 0;
  recordPolicyProblem(engine, undefined);
  const text = files[spec.file] ?? files[`/app/${spec.file}`];
  if (text === undefined) return recordPolicyProblem(engine, `${spec.file} is missing: the role ${spec.role} has no policy.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return recordPolicyProblem(engine, `${spec.file} is not valid JSON (${(error as Error).message}): IAM refuses it (MalformedPolicyDocument), so the role ${spec.role} has no policy.`);
  }
  const parsed = parsePolicy(json);
  if (!parsed.ok) return recordPolicyProblem(engine, `${spec.file} is not a valid IAM policy (${parsed.problems.join("; ")}): IAM refuses it (MalformedPolicyDocument), so the role ${spec.role} has no policy.`);
  role.policies.push(parsed.policy);
}

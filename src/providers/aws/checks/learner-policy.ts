import type { AwsEngine } from "../../../aws/index.ts";

/**
 * Why the learner's policy file did not become the role's policy (not JSON, not a policy), per
 * grading run's engine, so every check that depends on the policy can say so.
 */
const problems = new WeakMap<AwsEngine, string>();

export function recordPolicyProblem(engine: AwsEngine, problem: string | undefined): void {
  if (problem === undefined) problems.delete(engine);
  else problems.set(engine, problem);
}

export function policyProblem(engine: AwsEngine): string | undefined {
  return problems.get(engine);
}

import type { AwsEngine, Principal } from "../../../aws/index.ts";
import type { CheckDefinition } from "../../../grading/checks/context.ts";
import { policyProblem } from "./learner-policy.ts";

/**
 * Least privilege, probed: after the run, each call is put to the engine's IAM as the role's
 * session would make it (identity policies, the secret's resource policy, the KMS key policy),
 * and must be refused. Nothing is called, so a call the policy wrongly allows changes nothing.
 * A kms: action is a direct call to KMS (no kms:ViaService), which only a policy without the
 * condition allows.
 */
function sessionOf(engine: AwsEngine, roleName: string): Principal | undefined {
  const role = engine.iam.role(roleName);
  if (!role) return undefined;
  const sessionName = engine.instanceRole?.role === role ? engine.instanceRole.sessionName : engine.taskRole?.role === role ? engine.taskRole.sessionName : "grader-probe";
  return { kind: "assumed-role", role, sessionName, account: engine.accountId, via: "engine" };
}

type Call = { action: string; secret?: string | undefined; key?: string | undefined };

function allowed(engine: AwsEngine, principal: Principal, call: Call): boolean {
  if (call.action.startsWith("kms:")) {
    const key = engine.kms.find(call.key ?? "");
    return key ? engine.kms.mayUse(key, principal, call.action, { via: false }) : false;
  }
  const secret = call.secret !== undefined ? engine.secrets.find(call.secret) : undefined;
  const resource = secret?.arn ?? (call.secret !== undefined ? `arn:aws:secretsmanager:${engine.region}:${engine.accountId}:secret:${call.secret}` : "*");
  const keys: Record<string, string | undefined> = { "secretsmanager:secretid": secret?.arn, "secretsmanager:name": secret?.name };
  for (const tag of secret?.tags ?? []) keys[`secretsmanager:resourcetag/${tag.Key.toLowerCase()}`] = tag.Value;
  return engine.iam.authorize({ principal, request: { action: call.action, resource, keys }, resourcePolicy: secret?.resourcePolicy?.document }).allowed;
}

const describeProbe = (call: Call, role: string): string => {
  const action = call.action.split(":")[1] ?? call.action;
  if (call.action.startsWith("kms:")) return `${action} with ${call.key} called directly by ${role}`;
  return `${action}${call.secret ? ` ${call.secret}` : ""} by ${role}`;
};

export const awsDeniesCheck: CheckDefinition<"aws-denies", AwsEngine> = {
  title: (check) => `The role ${check.role} is refused: ${check.calls.map((c) => describeProbe(c, check.role).replace(` by ${check.role}`, "").replace(` called directly by ${check.role}`, " (directly)")).join(", ")}`,
  evaluate(check, _ctx, engine) {
    const expected = `IAM refuses the role ${check.role} each of: ${check.calls.map((c) => describeProbe(c, check.role)).join("; ")}.`;
    if (!engine) return { passed: false, expected, actual: "There is no AWS account in this exercise." };
    const principal = sessionOf(engine, check.role);
    if (!principal) return { passed: false, expected, actual: `There is no role ${check.role}.` };
    const problem = policyProblem(engine);
    const granted = check.calls.filter((call) => allowed(engine, principal, call));
    if (granted.length === 0) return { passed: true, expected, actual: problem ? `All refused, but only because the role has no policy at all: ${problem}` : "All refused." };
    return { passed: false, expected, actual: `${granted.map((c) => `${describeProbe(c, check.role)} was allowed`).join("; ")}: the policy grants more than the service needs.` };
  },
};

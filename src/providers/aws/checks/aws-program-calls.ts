import type { AwsEngine } from "../../../aws/index.ts";
import type { CheckDefinition } from "../../../grading/checks/context.ts";
import { describeCall, eventSecretName, programEvents } from "./program-events.ts";

/** The event's action as the checks name it: `GetSecretValue` (a check may also write `secretsmanager:GetSecretValue`). */
const bare = (action: string): string => action.split(":").pop() ?? action;

export const awsOnlyCallsCheck: CheckDefinition<"aws-only-calls", AwsEngine> = {
  title: (check) => `The program makes no AWS call but ${check.calls.map((c) => `${bare(c.action)}${c.secret ? ` ${c.secret}` : ""}`).join(", ")}`,
  evaluate(check, _ctx, engine) {
    const allowedCalls = check.calls.map((c) => `${bare(c.action)}${c.secret ? ` ${c.secret}` : ""}`);
    const expected = `The event log shows only ${allowedCalls.join(", ")} by the program.`;
    if (!engine) return { passed: false, expected, actual: "There is no AWS account in this exercise." };
    const listed = (e: ReturnType<typeof programEvents>[number]): boolean => check.calls.some((c) => bare(c.action) === e.eventName && (c.secret === undefined || eventSecretName(engine, e) === c.secret));
    const other = programEvents(engine).filter((e) => !listed(e));
    if (other.length === 0) return { passed: true, expected, actual: "It does." };
    const names = [...new Set(other.map((e) => `${describeCall(engine, e)} (${e.result === "success" ? "allowed" : (e.errorCode ?? "refused")})`))];
    return { passed: false, expected, actual: `The program also called ${names.slice(0, 4).join(", ")}${names.length > 4 ? `, and ${names.length - 4} more` : ""}.` };
  },
};

export const awsMaxCallsCheck: CheckDefinition<"aws-max-calls", AwsEngine> = {
  title: (check) => `At most ${check.max} ${bare(check.action)} call${check.max === 1 ? "" : "s"}`,
  evaluate(check, _ctx, engine) {
    const expected = `The program calls ${bare(check.action)} at most ${check.max} time${check.max === 1 ? "" : "s"}.`;
    if (!engine) return { passed: false, expected, actual: "There is no AWS account in this exercise." };
    const count = programEvents(engine).filter((e) => e.eventName === bare(check.action)).length;
    if (count <= check.max) return { passed: true, expected, actual: `${count} call${count === 1 ? "" : "s"}.` };
    return { passed: false, expected, actual: `${bare(check.action)} was called ${count} times: each call is billed and is a round trip; keep the value in memory and re-read only when the copy stops working.` };
  },
};

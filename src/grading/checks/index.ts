/**
 * The check registry: one definition per check kind. Adding a kind means a schema entry in
 * `src/schemas/exercise-scenario.ts` and a definition here; the mapped type keeps them in step.
 */
import type { ExerciseCheck, ExerciseCheckKind } from "../../schemas/exercise-scenario.ts";
import type { CheckResult } from "../types.ts";
import { apiReceivedSecretCheck } from "./api-received-secret.ts";
import type { CheckContext, CheckDefinition, CheckOf } from "./context.ts";
import { dockerCommandOutputCheck } from "./docker-command-output.ts";
import { dockerfileNoSecretInArgEnvCheck } from "./dockerfile-no-secret-in-arg-env.ts";
import { exitCodeCheck } from "./exit-code.ts";
import { imageBuildsCheck } from "./image-builds.ts";
import { noLeakCheck } from "./no-leak.ts";
import { rotationPickedUpCheck } from "./rotation-picked-up.ts";
import { sourceHasNoLiteralCheck } from "./source-has-no-literal.ts";
import { stderrIncludesCheck } from "./stderr-includes.ts";
import { stdoutIncludesCheck } from "./stdout-includes.ts";
import { vaultOnlyReadsCheck } from "./vault-only-reads.ts";
import { vaultReadByCheck } from "./vault-read-by.ts";

export type { CheckContext } from "./context.ts";

const CHECKS: { [K in ExerciseCheckKind]: CheckDefinition<K> } = {
  "exit-code": exitCodeCheck,
  "stdout-includes": stdoutIncludesCheck,
  "stderr-includes": stderrIncludesCheck,
  "api-received-secret": apiReceivedSecretCheck,
  "vault-read-by": vaultReadByCheck,
  "vault-only-reads": vaultOnlyReadsCheck,
  "rotation-picked-up": rotationPickedUpCheck,
  "no-leak": noLeakCheck,
  "source-has-no-literal": sourceHasNoLiteralCheck,
  "dockerfile-no-secret-in-arg-env": dockerfileNoSecretInArgEnvCheck,
  "image-builds": imageBuildsCheck,
  "docker-command-output": dockerCommandOutputCheck,
};

/** The id a check has in reports: its own, or `<kind>-<1-based position>`. */
export function checkId(check: ExerciseCheck, index: number): string {
  return check.id ?? `${check.kind}-${index + 1}`;
}

export async function evaluateCheck(check: ExerciseCheck, index: number, ctx: CheckContext): Promise<CheckResult> {
  const definition = CHECKS[check.kind] as CheckDefinition<ExerciseCheckKind>;
  const typed = check as CheckOf<ExerciseCheckKind>;
  const title = check.title ?? definition.title(typed, ctx);
  const base = { id: checkId(check, index), kind: check.kind, title };
  try {
    const verdict = await definition.evaluate(typed, ctx);
    const [leak] = verdict.leaks ?? [];
    return { ...base, passed: verdict.passed, expected: verdict.expected, actual: verdict.actual, ...(leak ? { leak, leaks: verdict.leaks } : {}) };
  } catch (error) {
    // A bug in a check must not take the whole report down, nor pass silently.
    return { ...base, passed: false, expected: "The check runs.", actual: `The grader failed on this check (${error instanceof Error ? error.message : String(error)}); please report it.` };
  }
}

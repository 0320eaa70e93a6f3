/**
 * The check registry: the core kinds here (a schema entry in `src/schemas/exercise-scenario.ts` and a
 * definition; the mapped type keeps them in step), and each provider's kinds from its grading facet,
 * evaluated with that provider's world state.
 */
import type { ExerciseCheck } from "../../schemas/exercise-scenario.ts";
import { checkOwner } from "../../providers/registry.ts";
import type { CheckResult } from "../types.ts";
import type { CheckContext, CheckDefinition } from "./context.ts";
import { answerCheck } from "./answer.ts";
import { exitCodeCheck } from "./exit-code.ts";
import { noLeakCheck } from "./no-leak.ts";
import { noRequestCheck } from "./no-request.ts";
import { noStackTraceCheck } from "./no-stack-trace.ts";
import { sourceHasNoLiteralCheck } from "./source-has-no-literal.ts";
import { stderrIncludesCheck } from "./stderr-includes.ts";
import { stdoutIncludesCheck } from "./stdout-includes.ts";

export type { CheckContext } from "./context.ts";

type CoreKind = "exit-code" | "stdout-includes" | "stderr-includes" | "no-leak" | "source-has-no-literal" | "no-request" | "no-stack-trace" | "answer";

const CHECKS: { [K in CoreKind]: CheckDefinition<K> } = {
  "exit-code": exitCodeCheck,
  "stdout-includes": stdoutIncludesCheck,
  "stderr-includes": stderrIncludesCheck,
  "no-leak": noLeakCheck,
  "source-has-no-literal": sourceHasNoLiteralCheck,
  "no-request": noRequestCheck,
  "no-stack-trace": noStackTraceCheck,
  answer: answerCheck,
};

interface AnyDefinition {
  title(check: never, ctx: CheckContext): string;
  evaluate(check: never, ctx: CheckContext, state: never): ReturnType<CheckDefinition<CoreKind>["evaluate"]>;
}

/** The definition of a kind and the state it reads: a core check's, or its provider's. */
async function definitionOf(kind: string, ctx: CheckContext): Promise<{ definition: AnyDefinition; state: unknown }> {
  if (kind in CHECKS) return { definition: CHECKS[kind as CoreKind], state: undefined };
  const owner = checkOwner(kind);
  if (!owner) throw new Error(`no check kind '${kind}'`);
  const world = ctx.evidence.world;
  const facet = world.facets.get(owner.id) ?? (await owner.grading?.())?.grading;
  const definition = (facet?.checks as Record<string, AnyDefinition> | undefined)?.[kind];
  if (!definition) throw new Error(`the ${owner.id} provider does not define '${kind}'`);
  return { definition, state: world.providers.get(owner.id)?.state };
}


/** The id a check has in reports: its own, or `<kind>-<1-based position>`. */
export function checkId(check: ExerciseCheck, index: number): string {
  return check.id ?? `${check.kind}-${index + 1}`;
}

export async function evaluateCheck(check: ExerciseCheck, index: number, ctx: CheckContext): Promise<CheckResult> {
  const { definition, state } = await definitionOf(check.kind, ctx);
  // The registry's one untyped step: a kind's definition takes the check of that kind.
  const typed = check as never;
  const title = check.title ?? definition.title(typed, ctx);
  const base = { id: checkId(check, index), kind: check.kind, title };
  try {
    const verdict = await definition.evaluate(typed, ctx, state as never);
    const [leak] = verdict.leaks ?? [];
    return { ...base, passed: verdict.passed, expected: verdict.expected, actual: verdict.actual, ...(leak ? { leak, leaks: verdict.leaks } : {}) };
  } catch (error) {
    // A bug in a check must not take the whole report down, nor pass silently.
    return { ...base, passed: false, expected: "The check runs.", actual: `The grader failed on this check (${error instanceof Error ? error.message : String(error)}); please report it.` };
  }
}

import type { CheckDefinition } from "./context.ts";
import { programTrouble } from "./context.ts";

export const exitCodeCheck: CheckDefinition<"exit-code"> = {
  title: (check) => (check.equals === 0 ? "The program runs to the end without an error" : `The program exits with code ${check.equals}`),
  evaluate(check, ctx) {
    const program = ctx.evidence.program;
    const expected = `Exit code ${check.equals}.`;
    if (!program) return { passed: false, expected, actual: "The program did not run." };
    const passed = program.status !== "timeout" && program.status !== "killed" && program.exitCode === check.equals;
    if (passed) return { passed, expected, actual: `It exited with code ${program.exitCode}.` };
    return { passed, expected, actual: programTrouble(ctx) ?? `It exited with code ${program.exitCode}.` };
  },
};

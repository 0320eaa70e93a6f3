import type { CheckDefinition } from "./context.ts";
import { quote, withTrouble } from "./context.ts";

export const stdoutIncludesCheck: CheckDefinition<"stdout-includes"> = {
  title: (check) => `The output shows ${quote(check.text, 80)}`,
  evaluate(check, ctx) {
    const stdout = ctx.evidence.program?.stdout ?? "";
    const expected = `${quote(check.text)} somewhere in the output.`;
    if (stdout.includes(check.text)) return { passed: true, expected, actual: "It is there." };
    const printed = stdout.trim() === "" ? "The program printed nothing." : `The output was ${quote(ctx.mask(stdout.trim()))}.`;
    return { passed: false, expected, actual: withTrouble(`Not found. ${printed}`, ctx) };
  },
};

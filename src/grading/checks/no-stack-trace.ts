/**
 * The error output holds no stack trace: a program that explains a failure ("cannot start: secret
 * db_password not found: mount it at /run/secrets/db_password") prints one line for the operator,
 * not an uncaught error's frames. A frame is a line `    at fn (file:line:col)`, as V8 prints it.
 */
import type { CheckDefinition } from "./context.ts";
import { quote } from "./context.ts";

const FRAME = /^\s+at\s+\S.*$/m;

export const noStackTraceCheck: CheckDefinition<"no-stack-trace"> = {
  title: () => "The error output (stderr) shows no stack trace",
  evaluate(_check, ctx) {
    const program = ctx.evidence.program;
    const expected = "A clear message on stderr, without an uncaught error's stack trace: catch the error and print what went wrong.";
    if (!program) return { passed: false, expected, actual: "The program did not run." };
    const frame = FRAME.exec(program.stderr);
    if (!frame) return { passed: true, expected, actual: "None found." };
    const lines = program.stderr.split("\n");
    const headline = lines.find((line) => line.trim() !== "" && !FRAME.test(line)) ?? frame[0];
    return { passed: false, expected, actual: `The error output shows a stack trace, under ${quote(ctx.mask(headline.trim()))}: the error was not caught.` };
  },
};

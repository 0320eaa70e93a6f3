/**
 * The program explains a failure where errors go: "DB_PASSWORD_FILE is not set: refusing to start"
 * on stderr (console.error, process.stderr.write, an uncaught error's message), typically with an
 * `exit-code` check of 1 next to it. A message printed to stdout instead is named as such, since
 * that is the mistake a learner most likely made.
 */
import type { CheckDefinition } from "./context.ts";
import { quote, withTrouble } from "./context.ts";

export const stderrIncludesCheck: CheckDefinition<"stderr-includes"> = {
  title: (check) => `The error output (stderr) shows ${quote(check.text, 80)}`,
  evaluate(check, ctx) {
    const program = ctx.evidence.program;
    const expected = `${quote(check.text)} somewhere in the error output (stderr: console.error or process.stderr).`;
    if (!program) return { passed: false, expected, actual: "The program did not run." };
    const stderr = program.stderr;
    if (stderr.includes(check.text)) return { passed: true, expected, actual: "It is there." };
    if (program.stdout.includes(check.text)) {
      return {
        passed: false,
        expected,
        actual: "It was printed to the standard output (console.log), not to stderr: write error messages with console.error, so logs and CI keep them apart from normal output.",
      };
    }
    if (stderr.trim() === "") return { passed: false, expected, actual: withTrouble("Not found: the program wrote nothing to stderr.", ctx) };
    const printed = `Not found. The error output was ${quote(ctx.mask(stderr.trim()))}.`;
    // An error exit's own summary would only repeat the error output shown above.
    return { passed: false, expected, actual: program.status === "error" ? printed : withTrouble(printed, ctx) };
  },
};

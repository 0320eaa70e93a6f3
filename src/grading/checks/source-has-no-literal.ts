/**
 * Static, because behaviour cannot show it: a program that carries the key in its source works
 * fine at run time (the grader's canary simply goes unused, which `api-received-secret` notices),
 * but the key ships with every copy of the file. The check looks for the value the statement shows
 * and, for secrets with a recognisable prefix, for any literal of the same shape (a learner who
 * pasted their own `sk_test_...` key has the same problem). Comments count: they ship too.
 */
import { literalPatterns } from "../shown-literals.ts";
import type { LeakFinding } from "../types.ts";
import type { CheckDefinition } from "./context.ts";
import { capitalize, secretLabel } from "./context.ts";

const MAX_EXCERPT = 120;

export const sourceHasNoLiteralCheck: CheckDefinition<"source-has-no-literal"> = {
  title: (check, ctx) => `${capitalize(secretLabel(ctx, check.secret))} is not written in the code`,
  evaluate(check, ctx) {
    const { scenario, learnerFiles } = ctx.evidence;
    const secret = scenario.secrets.find((s) => s.name === check.secret)!;
    const patterns = literalPatterns(secret);
    const token = `‹${check.secret}›`;
    const findings: LeakFinding[] = [];
    for (const [file, text] of Object.entries(learnerFiles)) {
      text.split(/\r?\n/).forEach((line, i) => {
        const hit = patterns.some((pattern) => new RegExp(pattern.source).test(line));
        if (!hit) return;
        let excerpt = line.trim();
        for (const pattern of patterns) excerpt = excerpt.replace(pattern, token);
        findings.push({ surface: "source", location: `${file} line ${i + 1}`, form: "raw", secret: check.secret, excerpt: excerpt.slice(0, MAX_EXCERPT), line: { file, line: i + 1 } });
      });
    }
    const expected = `No copy of ${secretLabel(ctx, check.secret)} in your files: the program reads it from where the exercise provides it.`;
    if (findings.length === 0) return { passed: true, expected, actual: "None found." };
    const [first] = findings;
    return {
      passed: false,
      expected,
      actual: `${first!.line!.file}:${first!.line!.line} holds a key written into the code (${first!.excerpt}). Anyone with the file has the key, and it stays in version control history.`,
      leaks: findings,
    };
  },
};

import type { AwsEngine } from "../../../aws/index.ts";
import type { Canary } from "../../../grading/canary.ts";
import type { CheckDefinition } from "../../../grading/checks/context.ts";
import { buildViews } from "../../../grading/leak-forms.ts";
import { findCanary } from "../../../grading/leak-scan.ts";
import type { LeakFinding } from "../../../grading/types.ts";

/**
 * The values a rotation makes (a password from GetRandomPassword) are secrets no canary stands for:
 * this check takes every value every version of the secret holds after the run, and the JSON
 * `password` field of each, and looks for them, in every encoded form, in the output (a rotation
 * function's console is its CloudWatch log), the files written (but `except`: the database's own),
 * and requests to hosts other than AWS's. Never shows them.
 */
const isAwsHost = (host: string): boolean => host.endsWith(".amazonaws.com") || host.startsWith("169.254.") || host === "127.0.0.1";

export const awsNoValueLeakCheck: CheckDefinition<"aws-no-value-leak", AwsEngine> = {
  title: (check) => `No password of ${check.secret}, old or new, appears in the output, the logs or a file`,
  evaluate(check, ctx, engine) {
    const expected = `Every value of ${check.secret} stays in Secrets Manager (and the database): none in the output, a file or a request elsewhere.`;
    if (!engine) return { passed: false, expected, actual: "There is no AWS account in this exercise." };
    const secret = engine.secrets.find(check.secret);
    const values: Canary[] = [];
    for (const version of secret?.versions.values() ?? []) {
      const text = version.secretString;
      if (!text) continue;
      let password: unknown;
      try {
        password = (JSON.parse(text) as { password?: unknown }).password;
      } catch {
        password = undefined;
      }
      const label = version.stages.includes("AWSCURRENT") ? "the new database password" : "the old database password";
      const value = typeof password === "string" ? password : text;
      if (value.length >= 8) values.push({ secret: check.secret, label, version: "initial", value, prefixLength: 0 });
    }
    const program = ctx.evidence.program;
    const texts: Array<{ surface: LeakFinding["surface"]; location: string; text: string }> = [];
    if (program) {
      texts.push({ surface: "stdout", location: "the program's output (stdout)", text: program.stdout });
      texts.push({ surface: "stderr", location: "the program's error output (stderr)", text: program.stderr });
      for (const [path, text] of Object.entries(program.writtenFiles)) if (!check.except.includes(path)) texts.push({ surface: "files", location: `the file ${path} the program wrote`, text });
    }
    for (const exchange of ctx.evidence.world.exchanges) {
      if (!isAwsHost(exchange.host)) texts.push({ surface: "request-body", location: `the request ${exchange.method} ${exchange.url}`, text: `${exchange.url}\n${JSON.stringify(exchange.headers)}\n${exchange.body}` });
    }
    const leaks: LeakFinding[] = [];
    for (const { surface, location, text } of texts) {
      if (!text) continue;
      const views = buildViews(text);
      for (const value of values) {
        const match = findCanary(views, value)[0];
        if (match) leaks.push({ surface, location, form: match.form, secret: value.label, excerpt: `‹${value.label}›` });
      }
    }
    if (leaks.length === 0) return { passed: true, expected, actual: "None found." };
    const first = leaks[0]!;
    return { passed: false, expected, actual: `${first.secret.charAt(0).toUpperCase()}${first.secret.slice(1)} appeared in ${first.location}${first.form === "raw" ? ", as is" : ` (${first.form})`}.`, leaks };
  },
};

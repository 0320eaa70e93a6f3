import type { AccessKey, AwsEngine } from "../../../aws/index.ts";
import type { Canary } from "../../../grading/canary.ts";
import type { CheckDefinition } from "../../../grading/checks/context.ts";
import { buildViews } from "../../../grading/leak-forms.ts";
import { findCanary } from "../../../grading/leak-scan.ts";
import type { LeakFinding } from "../../../grading/types.ts";

/**
 * AWS credentials are secrets too, though no scenario plants them: an IAM user's secret access
 * key, and the secret key and session token of every session this run's engine issued (the
 * instance role's, from the metadata service). They belong in the signature of requests to AWS
 * (and the token in AWS's X-Amz-Security-Token header), nowhere else: not in the output, the files
 * the program wrote, or any request to another host. Found in every form the canary scan knows
 * (base64, hex, JSON-escaped...), and never shown.
 */
const isAwsHost = (host: string): boolean => host.endsWith(".amazonaws.com") || host === "169.254.169.254" || host === "169.254.170.2";

const TOKEN_PREFIX = "IQoJb3JpZ2luX2VjE";

function credentialsOf(engine: AwsEngine): Canary[] {
  const out: Canary[] = [];
  const add = (key: AccessKey, value: string | undefined, what: string): void => {
    if (!value) return;
    const who = key.principal.kind === "user" ? `the IAM user ${key.principal.user.name}'s` : `the role ${key.principal.role.name}'s temporary`;
    // Every session token starts with the same public bytes; only what follows is secret.
    const prefixLength = value.startsWith(TOKEN_PREFIX) ? TOKEN_PREFIX.length : 0;
    out.push({ secret: "aws-credentials", label: `${who} ${what}`, version: "initial", value, prefixLength });
  };
  for (const key of engine.iam.keys()) {
    add(key, key.secretAccessKey, "secret access key");
    add(key, key.sessionToken, "session token");
  }
  return out;
}

export const awsNoCredentialLeakCheck: CheckDefinition<"aws-no-credential-leak", AwsEngine> = {
  title: () => "No AWS credential (secret access key or session token) appears in the output, the files or a request to another host",
  evaluate(_check, ctx, engine) {
    const expected = "AWS credentials only sign requests to AWS: they appear in no output, no file and no request to another host.";
    if (!engine) return { passed: false, expected, actual: "There is no AWS account in this exercise." };
    const texts: Array<{ location: string; surface: LeakFinding["surface"]; text: string }> = [];
    const program = ctx.evidence.program;
    if (program) {
      texts.push({ surface: "stdout", location: "the program's output (stdout)", text: `${program.stdout}\n${program.system}` });
      texts.push({ surface: "stderr", location: "the program's error output (stderr)", text: program.stderr });
      for (const [path, text] of Object.entries(program.writtenFiles)) texts.push({ surface: "files", location: `the file ${path} the program wrote`, text });
    }
    for (const exchange of ctx.evidence.world.exchanges) {
      const request = `${exchange.method} ${exchange.url}`;
      const headers = isAwsHost(exchange.host) ? "" : Object.entries(exchange.headers).map(([name, value]) => `${name}: ${value}`).join("\n");
      texts.push({ surface: "request-body", location: `the request ${request}`, text: `${exchange.url}\n${headers}\n${exchange.body}` });
    }
    const credentials = credentialsOf(engine);
    const leaks: LeakFinding[] = [];
    for (const { location, surface, text } of texts) {
      if (!text) continue;
      const views = buildViews(text);
      for (const credential of credentials) {
        const match = findCanary(views, credential)[0];
        if (match) leaks.push({ surface, location, form: match.form, secret: credential.label, excerpt: `‹${credential.label}›` });
      }
    }
    if (leaks.length === 0) return { passed: true, expected, actual: "None found." };
    const first = leaks[0]!;
    const label = first.secret.charAt(0).toUpperCase() + first.secret.slice(1);
    return { passed: false, expected, actual: `${label} appeared in ${first.location}${first.form === "raw" ? ", as is" : ` (${first.form})`}: anyone who reads it can sign as that identity until it expires or is deleted.`, leaks };
  },
};

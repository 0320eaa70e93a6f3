import type { AwsEngine } from "../../../aws/index.ts";
import type { CheckDefinition } from "../../../grading/checks/context.ts";
import type { LeakFinding } from "../../../grading/types.ts";

/**
 * Static, like `source-has-no-literal`: a key that is not used any more still works for whoever
 * finds it in the repository or the image. Looks in every learner file (`.env` included, comments
 * too) for an access key id (AKIA.../ASIA..., 20 characters) and for the secret access key of every
 * IAM user the scenario declares. The secret key never shows in the message; the key id may (it is
 * an identifier, and it says whose key it is).
 */
const KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/;

export const awsNoAccessKeyInFilesCheck: CheckDefinition<"aws-no-access-key-in-files", AwsEngine> = {
  title: () => "No AWS access key is written in any file of the program",
  evaluate(_check, ctx, engine) {
    const expected = "No access key id and no secret access key in your files (.env included): the workload's role gives it temporary credentials.";
    const userKeys = (engine?.iam.keys() ?? []).filter((k) => k.principal.kind === "user");
    const owner = (id: string): string | undefined => {
      const key = userKeys.find((k) => k.accessKeyId === id);
      return key?.principal.kind === "user" ? key.principal.user.name : undefined;
    };
    const findings: Array<LeakFinding & { who?: string }> = [];
    for (const [file, text] of Object.entries(ctx.evidence.learnerFiles)) {
      text.split(/\r?\n/).forEach((line, i) => {
        const id = KEY_ID.exec(line)?.[0];
        const secret = userKeys.find((k) => line.includes(k.secretAccessKey));
        if (!id && !secret) return;
        let excerpt = line.trim();
        for (const k of userKeys) excerpt = excerpt.split(k.secretAccessKey).join("‹secret access key›");
        const who = (id && owner(id)) ?? (secret?.principal.kind === "user" ? secret.principal.user.name : undefined);
        findings.push({ surface: "source", location: `${file} line ${i + 1}`, form: "raw", secret: "aws-access-key", excerpt: excerpt.slice(0, 120), line: { file, line: i + 1 }, ...(who ? { who } : {}) });
      });
    }
    if (findings.length === 0) return { passed: true, expected, actual: "None found." };
    const first = findings[0]!;
    const whose = first.who ? `${first.who}'s access key` : "An AWS access key";
    const { who: _who, ...shown } = first;
    return {
      passed: false,
      expected,
      actual: `${whose} is still written in ${first.line!.file} (line ${first.line!.line}: ${first.excerpt}). Anyone with the file can sign as that identity until the key is deleted in IAM.`,
      leaks: [shown, ...findings.slice(1).map(({ who: _w, ...f }) => f)],
    };
  },
};

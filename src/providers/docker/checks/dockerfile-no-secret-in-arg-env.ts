/**
 * Static, because an image that builds and runs cannot show that a build argument ended up in its
 * history or config (the docker-history/-inspect surfaces of `no-leak` catch the value when the
 * scenario builds the image; this check names the line to fix, as BuildKit's own
 * SecretsUsedInArgOrEnv warning does).
 */
import { looksLikeSecretName, readArgEnvKeys } from "../dockerfile-lines.ts";
import type { LeakFinding } from "../../../grading/types.ts";
import type { CheckDefinition } from "../../../grading/checks/context.ts";

export const dockerfileNoSecretInArgEnvCheck: CheckDefinition<"dockerfile-no-secret-in-arg-env"> = {
  title: () => "The Dockerfile passes no secret through ARG or ENV",
  evaluate(check, ctx) {
    const expected = "No ARG or ENV whose name looks like a secret (…_TOKEN, …_PASSWORD, …_KEY, …_SECRET): pass secrets to the build with RUN --mount=type=secret.";
    const dockerfile = ctx.evidence.learnerFiles[check.path];
    if (dockerfile === undefined) return { passed: false, expected, actual: `There is no ${check.path} in your files.` };
    const findings: LeakFinding[] = readArgEnvKeys(dockerfile)
      .filter((entry) => looksLikeSecretName(entry.key))
      .map((entry) => ({
        surface: "source",
        location: `${check.path} line ${entry.line}`,
        form: "raw",
        secret: entry.key,
        excerpt: ctx.mask(entry.text).slice(0, 120),
        line: { file: check.path, line: entry.line },
      }));
    if (findings.length === 0) return { passed: true, expected, actual: "None found." };
    const first = readArgEnvKeys(dockerfile).find((entry) => looksLikeSecretName(entry.key))!;
    return {
      passed: false,
      expected,
      actual: `${check.path}:${first.line} declares ${first.instruction} ${first.key}: its value is saved in the image, where docker history and docker inspect show it to anyone who pulls it.`,
      leaks: findings,
    };
  },
};

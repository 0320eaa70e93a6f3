/**
 * `docker build --check`: BuildKit's lint subrequest over the Dockerfile, without building. The
 * rules here are the ones the course meets (secret-looking ARG/ENV keys, shell-form CMD and
 * ENTRYPOINT, MAINTAINER); the output is buildx's: "Check complete, N warning(s) ..." and each
 * warning with its rule's description, URL and BuildKit's source excerpt (solver/errdefs/source.go).
 */
import { secretsUsedInArgOrEnv, type BuildWarning } from "./build-checks.ts";
import { parseDockerfile, splitKeyValues, type ParsedDockerfile } from "./dockerfile-parser.ts";

const RULES: Record<string, { description: string; url: string }> = {
  SecretsUsedInArgOrEnv: { description: "Sensitive data should not be used in the ARG or ENV commands", url: "https://docs.docker.com/go/dockerfile/rule/secrets-used-in-arg-or-env/" },
  JSONArgsRecommended: { description: "JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals", url: "https://docs.docker.com/go/dockerfile/rule/json-args-recommended/" },
  MaintainerDeprecated: { description: "The MAINTAINER instruction is deprecated, use a label instead to define an image author", url: "https://docs.docker.com/go/dockerfile/rule/maintainer-deprecated/" },
};

export function lintDockerfile(parsed: ParsedDockerfile): BuildWarning[] {
  const out: BuildWarning[] = [];
  const skip = new Set((/(?:^|;)skip=([^;]*)/.exec(parsed.directives.check ?? "")?.[1] ?? "").split(",").filter(Boolean));
  for (const ins of parsed.instructions) {
    if (ins.keyword === "ARG" || ins.keyword === "ENV") {
      const pairs = splitKeyValues(ins.args);
      const keys = ins.keyword === "ENV" && pairs[0]?.value === undefined ? [ins.args.split(/\s+/)[0]!] : pairs.map((p) => p.key);
      for (const key of keys) {
        const w = secretsUsedInArgOrEnv(ins.keyword, key, ins.line);
        if (w) out.push(w);
      }
    } else if ((ins.keyword === "CMD" || ins.keyword === "ENTRYPOINT") && !ins.json) {
      out.push({ rule: "JSONArgsRecommended", message: `JSON arguments recommended for ${ins.keyword} to prevent unintended behavior related to OS signals`, line: ins.line });
    } else if (ins.keyword === "MAINTAINER") {
      out.push({ rule: "MaintainerDeprecated", message: "Maintainer instruction is deprecated in favor of using label", line: ins.line });
    }
  }
  return skip.has("all") ? [] : out.filter((w) => !skip.has(w.rule));
}

/** BuildKit's excerpt: the line marked `>>>`, up to two lines either side, numbers in %3d. */
export function sourceExcerpt(fileName: string, source: string, line: number): string {
  const lines = source.split("\n");
  let start = line;
  let end = line;
  for (let p = 0; p < 4; ) {
    if (start > 1) {
      start--;
      p++;
    }
    if (end !== lines.length) {
      end++;
      p++;
    }
    p++;
  }
  let out = `${fileName}:${line}\n--------------------\n`;
  for (let i = start; i <= end; i++) out += ` ${String(i).padStart(3)} | ${i === line ? ">>>" : "   "} ${lines[i - 1]}\n`;
  return `${out}--------------------\n`;
}

/** The whole `--check` report and its exit code (1 when any rule is violated). */
export function checkReport(dockerfile: string, fileName: string): { stdout: string; exitCode: number } {
  const warnings = lintDockerfile(parseDockerfile(dockerfile));
  if (!warnings.length) return { stdout: "Check complete, no warnings found.\n", exitCode: 0 };
  let out = `Check complete, ${warnings.length === 1 ? "1 warning has been found!" : `${warnings.length} warnings have been found!`}\n`;
  for (const w of warnings) {
    const rule = RULES[w.rule]!;
    out += `\nWARNING: ${w.rule} - ${rule.url}\n${rule.description}\n${sourceExcerpt(fileName, dockerfile, w.line)}`;
  }
  return { stdout: out, exitCode: 1 };
}

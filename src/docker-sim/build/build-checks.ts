/**
 * BuildKit's build checks that matter to this course. SecretsUsedInArgOrEnv flags ARG/ENV keys
 * that look like secrets, because their values persist in the image (history, config).
 */

export interface BuildWarning {
  rule: string;
  message: string;
  line: number;
}

const SECRET_TOKENS = ["apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token"];
const SECRET_KEY = new RegExp(`(?:_|^)(?:${SECRET_TOKENS.join("|")})(?:_|$)`, "i");
const ALLOWED_KEY = /(?:_|^)(?:public)(?:_|$)/i;

export function secretsUsedInArgOrEnv(instruction: "ARG" | "ENV", key: string, line: number): BuildWarning | undefined {
  if (!SECRET_KEY.test(key) || ALLOWED_KEY.test(key)) return undefined;
  return { rule: "SecretsUsedInArgOrEnv", message: `Do not use ARG or ENV instructions for sensitive data (${instruction} "${key}")`, line };
}

/** The summary block docker build prints after the build. */
export function formatWarnings(warnings: readonly BuildWarning[]): string {
  if (warnings.length === 0) return "";
  const head = ` ${warnings.length} warning${warnings.length === 1 ? "" : "s"} found (use docker --debug to expand):\n`;
  return head + warnings.map((w) => ` - ${w.rule}: ${w.message} (line ${w.line})\n`).join("");
}

import type { AwsEngine } from "../../../aws/index.ts";
import type { CheckDefinition } from "../../../grading/checks/context.ts";

const passwordOf = (text: string | undefined): { username?: string; password?: string } => {
  try {
    return JSON.parse(text ?? "") as { username?: string; password?: string };
  } catch {
    return {};
  }
};

export const awsDatabaseHasCurrentCheck: CheckDefinition<"aws-database-has-current", AwsEngine> = {
  title: (check) => `The database accepts the new AWSCURRENT password of ${check.secret} and refuses the old one`,
  evaluate(check, ctx, engine) {
    const expected = "After the rotation, the database's password for the user is the one in AWSCURRENT, and the AWSPREVIOUS one no longer signs in.";
    if (!engine) return { passed: false, expected, actual: "There is no AWS account in this exercise." };
    const secret = engine.secrets.find(check.secret);
    const current = secret ? passwordOf(engine.secrets.withStage(secret, "AWSCURRENT")?.secretString) : {};
    const previous = secret ? passwordOf(engine.secrets.withStage(secret, "AWSPREVIOUS")?.secretString) : {};
    const written = ctx.evidence.program?.writtenFiles[check.file] ?? ctx.evidence.world.virtualFiles[check.file];
    let users: Record<string, string> = {};
    try {
      users = JSON.parse(written ?? "{}") as Record<string, string>;
    } catch {
      return { passed: false, expected, actual: `${check.file} is no longer JSON.` };
    }
    const user = current.username ?? "";
    if (previous.password === undefined) return { passed: false, expected, actual: `No rotation finished (no version is AWSPREVIOUS), so the database still has the password ${user} started with.` };
    const has = users[user];
    if (has !== undefined && has === current.password && has !== previous.password) return { passed: true, expected, actual: `The database has the AWSCURRENT password for ${user}.` };
    if (has !== undefined && has === previous.password) return { passed: false, expected, actual: `The database still has the old (AWSPREVIOUS) password for ${user}: clients that read AWSCURRENT are refused.` };
    return { passed: false, expected, actual: `The database's password for ${user} is neither AWSCURRENT's nor AWSPREVIOUS's.` };
  },
};

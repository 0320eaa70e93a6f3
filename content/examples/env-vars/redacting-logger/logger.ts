import { format } from "node:util";

// Names that hold secrets. Their values are never printed, whatever is logged.
const SECRET_NAME = /KEY|SECRET|TOKEN|PASSWORD|CREDENTIAL/i;

const secretValues = Object.entries(process.env)
  .filter(([name, value]) => SECRET_NAME.test(name) && value && value.length >= 4)
  .map(([, value]) => value as string);

/** Replaces every known secret value in a line with [REDACTED]. */
function scrub(line: string): string {
  let out = line;
  for (const value of secretValues) out = out.split(value).join("[REDACTED]");
  return out;
}

export const log = {
  info: (...args: unknown[]) => console.log(scrub(format(...args))),
  error: (...args: unknown[]) => console.error(scrub(format(...args))),
};

/** The environment with secret-looking values masked: safe to print when debugging. */
export function describeEnv(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => [name, SECRET_NAME.test(name) ? "[REDACTED]" : String(value)]),
  );
}

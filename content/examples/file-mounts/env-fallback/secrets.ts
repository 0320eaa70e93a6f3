import { readFileSync } from "node:fs";

export class MissingSecretError extends Error {
  override name = "MissingSecretError";
}

/**
 * Reads the secret mounted at /run/secrets/<name>. Only outside production, and only when that
 * file does not exist, falls back to the environment variable <NAME> (db_password -> DB_PASSWORD)
 * so local development needs no mount.
 */
export function readSecret(name: string): { value: string; source: string } {
  const path = `/run/secrets/${name}`;
  let text: string | undefined;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EISDIR") {
      throw new MissingSecretError(`${path} is a directory, not a file: did docker run -v create it because the host file was missing?`);
    }
    if (code !== "ENOENT") throw error; // EACCES and the like are real problems: do not hide them
  }
  if (text !== undefined) {
    const value = text.replace(/\r?\n$/, ""); // `echo secret > file` adds a newline
    if (value === "") throw new MissingSecretError(`${path} is empty`);
    return { value, source: path };
  }
  const envName = name.toUpperCase();
  const fromEnv = process.env[envName];
  if (fromEnv && process.env.NODE_ENV !== "production") {
    return { value: fromEnv, source: `$${envName} (local development fallback)` };
  }
  throw new MissingSecretError(
    `secret "${name}" not found: mount it at ${path}` +
      (process.env.NODE_ENV === "production" ? "" : `, or for local development set ${envName}`),
  );
}

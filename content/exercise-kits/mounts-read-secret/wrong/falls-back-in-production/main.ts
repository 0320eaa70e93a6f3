import { readFileSync } from "node:fs";
import { connect } from "./db";

class MissingSecretError extends Error {
  override name = "MissingSecretError";
}

/** /run/secrets/<name>, or outside production the variable <NAME>, or a clear error. */
function readSecret(name: string): string {
  const path = `/run/secrets/${name}`;
  try {
    const value = readFileSync(path, "utf8").replace(/\r?\n$/, ""); // drop the trailing newline
    if (value === "") throw new MissingSecretError(`${path} is empty`);
    return value;
  } catch (error) {
    if (error instanceof MissingSecretError) throw error;
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const envName = name.toUpperCase();
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  throw new MissingSecretError(`secret "${name}" not found: mount it at ${path} (or, in local development, set ${envName})`);
}

let password: string;
try {
  password = readSecret("db_password");
} catch (error) {
  if (!(error instanceof MissingSecretError)) throw error;
  console.error(`cannot start: ${error.message}`);
  process.exit(1);
}

const db = connect("app", password);
console.log(`connected to the database as ${db.user}`);
console.log(db.query("select 1"));

import { readFileSync } from "node:fs";
import { afterQuery } from "./host";

// Stands in for the database server. The host changes the password on the server and in the
// mounted file at the same moment, so the server accepts what the file holds now. Do not edit.
export function query(password: string, sql: string): string {
  const current = readFileSync("/run/secrets/db_password", "utf8").replace(/\r?\n$/, "");
  afterQuery();
  if (password !== current) throw new Error('password authentication failed for user "app"');
  return `ok: ${sql}`;
}

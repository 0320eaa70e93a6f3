import { readFileSync } from "node:fs";

// Stands in for the database server. Do not edit. When the host rotates the password, it changes it
// on the server and rewrites the mounted file at the same moment, so the server accepts exactly what
// /run/secrets/db_password holds now (without the final newline), and nothing else.
export function query(password: string, sql: string): string {
  const current = readFileSync("/run/secrets/db_password", "utf8").replace(/\r?\n$/, "");
  if (password !== current) throw new Error('password authentication failed for user "app"');
  return `ok: ${sql}`;
}

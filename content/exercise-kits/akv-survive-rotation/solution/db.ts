import { readFileSync } from "node:fs";

// Stands in for the database server. Do not edit. It accepts exactly one password, the current one:
// the one in /srv/db/current-password (the server's side, not yours to read). When the password is
// rotated, a new version is set in the vault and the server accepts only the new value from then on.
export class AuthenticationFailed extends Error {
  override name = "AuthenticationFailed";
}

export async function query(password: string, sql: string): Promise<string> {
  const current = readFileSync("/srv/db/current-password", "utf8").replace(/\r?\n$/, "");
  if (password !== current) throw new AuthenticationFailed('password authentication failed for user "payments"');
  return `ok: ${sql}`;
}

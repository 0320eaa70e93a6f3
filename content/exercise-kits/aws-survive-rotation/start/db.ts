import { readFileSync } from "node:fs";

// Stands in for the database server. Do not edit. It accepts exactly one password: the one in
// /srv/db/current-password (the server's side, not yours to read). A rotation changes it at the
// rotation function's setSecret step, before Secrets Manager moves AWSCURRENT at finishSecret.
export class AuthenticationFailed extends Error {
  override name = "AuthenticationFailed";
}

export async function query(password: string, sql: string): Promise<string> {
  const current = readFileSync("/srv/db/current-password", "utf8").replace(/\r?\n$/, "");
  if (password !== current) throw new AuthenticationFailed('password authentication failed for user "payments"');
  return `ok: ${sql}`;
}

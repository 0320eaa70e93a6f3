import { readFileSync, writeFileSync } from "node:fs";

// A stand-in for the PostgreSQL server behind payments/db-credentials. Its users and passwords live
// in /srv/db/users.json: the server's side, which only this module touches.
const USERS = "/srv/db/users.json";

export class AuthenticationFailed extends Error {
  override name = "AuthenticationFailed";
}

export interface Connection {
  query(sql: string): Promise<string>;
  /** ALTER USER ... PASSWORD: the signed-in user changes its own password. */
  alterPassword(next: string): Promise<void>;
}

function users(): Record<string, string> {
  return JSON.parse(readFileSync(USERS, "utf8")) as Record<string, string>;
}

export async function connect(username: string, password: string): Promise<Connection> {
  if (users()[username] !== password) throw new AuthenticationFailed(`password authentication failed for user "${username}"`);
  return {
    query: async (sql) => `ok: ${sql}`,
    alterPassword: async (next) => writeFileSync(USERS, JSON.stringify({ ...users(), [username]: next })),
  };
}

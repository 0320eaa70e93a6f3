import { existsSync, readFileSync } from "node:fs";

// Stands in for the database server. Do not edit. The host set the server's password to the one it
// mounted at /run/secrets/db_password (on a laptop: the one in DB_PASSWORD), without the final newline.
function serverPassword(): string | undefined {
  const path = "/run/secrets/db_password";
  if (existsSync(path)) return readFileSync(path, "utf8").replace(/\r?\n$/, "");
  return process.env.DB_PASSWORD;
}

export function connect(user: string, password: string) {
  if (user !== "app" || password !== serverPassword()) {
    throw new Error(`password authentication failed for user "${user}"`);
  }
  return { user, query: (sql: string) => `ok: ${sql}` };
}

// Stands in for the database server: it accepts one user and one password. Do not edit.
const SERVER_SIDE = { user: "app", password: "P@ssw0rd-demo-only" };

export function connect(user: string, password: string) {
  if (user !== SERVER_SIDE.user || password !== SERVER_SIDE.password) {
    throw new Error(`password authentication failed for user "${user}"`);
  }
  return { user, query: (sql: string) => `ok: ${sql}` };
}

// A stand-in for the database server: it accepts exactly one password, the current one.
let current = "P@ssw0rd-demo-only";

export class AuthenticationFailed extends Error {
  override name = "AuthenticationFailed";
}

/** What the rotation does on the database side: from now on only `next` is accepted. */
export function changePassword(next: string): void {
  current = next;
}

export async function query(password: string, sql: string): Promise<string> {
  if (password !== current) throw new AuthenticationFailed('password authentication failed for user "payments"');
  return `ok: ${sql}`;
}

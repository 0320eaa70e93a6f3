/**
 * The database a rotation function must change the password of: users and passwords, a
 * login check, and a log of what happened (so a grader can see the password really changed,
 * and the old one stopped working). Passwords are compared, never logged.
 */
export interface DatabaseEvent {
  readonly time: number;
  readonly kind: "login" | "password-change";
  readonly username: string;
  readonly ok: boolean;
}

export class SimulatedDatabase {
  readonly host: string;
  readonly #passwords = new Map<string, string>();
  readonly #events: DatabaseEvent[] = [];
  readonly #now: () => number;

  constructor(host: string, now: () => number) {
    this.host = host;
    this.#now = now;
  }

  addUser(username: string, password: string): void {
    this.#passwords.set(username, password);
  }

  login(username: string, password: string): boolean {
    const ok = this.#passwords.get(username) === password;
    this.#events.push({ time: Math.floor(this.#now()), kind: "login", username, ok });
    return ok;
  }

  /** ALTER USER ... PASSWORD, by a session that logged in with the current password. */
  changePassword(username: string, currentPassword: string, newPassword: string): boolean {
    const ok = this.#passwords.get(username) === currentPassword && newPassword.length > 0;
    if (ok) this.#passwords.set(username, newPassword);
    this.#events.push({ time: Math.floor(this.#now()), kind: "password-change", username, ok });
    return ok;
  }

  users(): string[] {
    return [...this.#passwords.keys()];
  }

  events(): DatabaseEvent[] {
    return [...this.#events];
  }
}

import { writeFileSync } from "node:fs";

// Plays the host. Right after the service's second query, the host rotates the password:
// it changes it on the database server and writes the new one into the mounted file, in place.
// Do not edit.
let queries = 0;
export function afterQuery(): void {
  queries++;
  if (queries === 2) setTimeout(() => writeFileSync("/run/secrets/db_password", "P@ssw0rd-demo-only-v2\n"), 10);
}

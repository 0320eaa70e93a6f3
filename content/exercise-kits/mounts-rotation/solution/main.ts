import { readFileSync, watch } from "node:fs";
import { query } from "./db";

const path = "/run/secrets/db_password";
const read = () => readFileSync(path, "utf8").replace(/\r?\n$/, "");
const mask = (secret: string) => (secret.length < 12 ? "****" : `****${secret.slice(-4)}`);

let password = read();

// Re-read the file; keep the old value if the file is mid-write (empty) or unchanged.
const reload = (): boolean => {
  const next = read();
  if (next === "" || next === password) return false;
  password = next;
  console.log(`reloaded db_password (${mask(password)})`);
  return true;
};

// Re-read the file whenever the host changes it.
const watcher = watch(path, () => reload());

// The watcher is not enough alone: a query already due runs before the change event is delivered,
// and shared file systems can miss events. On an authentication error, re-read and retry once.
const ask = (sql: string): string => {
  try {
    return query(password, sql);
  } catch (error) {
    if (!/authentication failed/.test((error as Error).message) || !reload()) throw error;
    return query(password, sql);
  }
};

let failures = 0;
for (let i = 1; i <= 5; i++) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  try {
    console.log(`query ${i}: ${ask("select 1")}`);
  } catch (error) {
    failures++;
    console.error(`query ${i}: ${(error as Error).message}`);
  }
}
watcher.close(); // the work is done; an open watcher would keep the program running
if (failures > 0) process.exitCode = 1;

import { readFileSync, watch } from "node:fs";
import { query } from "./db";

const path = "/run/secrets/db_password";
const read = () => readFileSync(path, "utf8").replace(/\r?\n$/, "");
const mask = (secret: string) => (secret.length < 12 ? "****" : `****${secret.slice(-4)}`);

let password = read();

// Re-read the file whenever the host changes it; keep the old value if the file is mid-write.
const watcher = watch(path, () => {
  const next = read();
  if (next === "" || next === password) return;
  password = next;
  console.log(`reloaded db_password (${mask(password)})`);
});

let failures = 0;
for (let i = 1; i <= 5; i++) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  try {
    console.log(`query ${i}: ${query(password, "select 1")}`);
  } catch (error) {
    failures++;
    console.error(`query ${i}: ${(error as Error).message}`);
  }
}
if (failures > 0) process.exitCode = 1;

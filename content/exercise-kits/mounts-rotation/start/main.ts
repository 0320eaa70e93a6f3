import { readFileSync } from "node:fs";
import { query } from "./db";

const path = "/run/secrets/db_password";
const password = readFileSync(path, "utf8").replace(/\r?\n$/, "");

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

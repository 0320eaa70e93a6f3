import { readFileSync, watch, writeFileSync } from "node:fs";
import { mask } from "./mask";

const path = "/run/secrets/db_password";
const read = () => readFileSync(path, "utf8").replace(/\r?\n$/, "");

let password = read();
console.log(`loaded db_password (${mask(password)})`);

const watcher = watch(path, () => {
  const next = read();
  // Empty means the host is mid-write; equal means nothing changed. Keep the current value.
  if (next === "" || next === password) return;
  const previous = password;
  password = next; // new connections use the new password from now on
  console.log(`db_password rotated: ${mask(previous)} -> ${mask(password)}`);
  watcher.close(); // a real service keeps watching; the demo stops so the program can end
});

// In the sandbox the program also plays the host: it rewrites the file after 200 ms.
// In a container the mount is read-only (:ro) and only the host can do this.
setTimeout(() => writeFileSync(path, "P@ssw0rd-demo-only-v2\n"), 200);

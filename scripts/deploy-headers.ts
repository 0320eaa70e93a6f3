// Writes deploy/ (Netlify _headers, vercel.json, nginx.conf) from src/security/headers.ts.
//   npx node --experimental-transform-types scripts/deploy-headers.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { deployFiles } from "../src/security/deploy-files.ts";

const root = join(import.meta.dirname, "..");
for (const [path, text] of Object.entries(deployFiles())) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  console.log(`wrote ${path}`);
}

// Serves dist/ with `astro preview` for the scripts (screenshots, PDF export, bench).
// Astro runs on the Node that runs this script (process.execPath), not whatever `npx`
// finds on PATH: the machine's Node may be too old for Astro 7.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const astroBin = fileURLToPath(new URL("../node_modules/astro/bin/astro.mjs", import.meta.url));

/**
 * Starts the preview server and resolves once it answers. Astro allows one preview
 * server per project, so when one is already serving dist/ (Playwright's), pass its
 * address in PREVIEW_URL and it is used instead.
 */
export async function startPreview(port) {
  if (process.env.PREVIEW_URL) return { url: process.env.PREVIEW_URL.replace(/\/$/, ""), stop: () => {} };
  const child = spawn(process.execPath, [astroBin, "preview", "--port", String(port), "--host", "localhost"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const url = `http://localhost:${port}`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`astro preview exited with ${child.exitCode}: ${stderr.trim()}`);
    if (await fetch(url).then(() => true, () => false)) return { url, stop: () => child.kill() };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`astro preview did not answer on ${url} within 15 s: ${stderr.trim()}`);
}

export { astroBin };

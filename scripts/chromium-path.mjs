// Where the browser for Playwright lives. Playwright cannot download its own
// browser here, so tests drive Debian's Chromium (or $CHROMIUM_PATH).
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags that keep headless Chromium off the network and quiet on a closed machine. */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

/** Installs Debian's chromium when it is missing (CI machines start without it). */
export function ensureChromium() {
  if (existsSync(chromiumPath)) return;
  if (process.env.CHROMIUM_PATH) {
    throw new Error(`CHROMIUM_PATH is ${chromiumPath}, but no browser is there`);
  }
  console.log("Chromium is missing: installing Debian's chromium package (needs root and apt)...");
  const asRoot = process.getuid?.() === 0 ? [] : ["sudo"];
  const run = (args) => execFileSync(asRoot[0] ?? args[0], asRoot.length ? args : args.slice(1), { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  run(["apt-get", "update", "-qq"]);
  run(["apt-get", "install", "-y", "-qq", "chromium"]);
  if (!existsSync(chromiumPath)) throw new Error(`installed chromium, but ${chromiumPath} is still missing`);
}

// `npm run export:pdf [-- --notes] [-- deck-id ...]`: one PDF hand-out per deck,
// printed by Chromium from reveal's print mode (?print-pdf). With --notes, each
// slide's speaker notes follow it on a page of their own. Writes pdf/<deck>.pdf.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { chromium } from "playwright";
import { chromiumArgs, chromiumPath, ensureChromium } from "./chromium-path.mjs";
import { startStaticServer } from "./static-server.mjs";

const args = process.argv.slice(2);
const withNotes = args.includes("--notes");
const only = args.filter((a) => !a.startsWith("--"));

if (!existsSync("dist/decks") || args.includes("--build")) {
  const build = spawnSync("npm", ["run", "build", "--silent"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
ensureChromium();
const decks = readdirSync("dist/decks").filter((d) => only.length === 0 || only.includes(d));
if (decks.length === 0) {
  console.error(`No deck matches ${only.join(", ")}; decks: ${readdirSync("dist/decks").join(", ")}`);
  process.exit(1);
}

// A free port of its own (or PREVIEW_URL, a server already serving dist/): never collides with `npm start`.
const server = process.env.PREVIEW_URL ? { url: process.env.PREVIEW_URL.replace(/\/$/, ""), stop: () => {} } : await startStaticServer("dist");
const base = server.url;
try {
  mkdirSync("pdf", { recursive: true });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  for (const deck of decks) {
    const page = await browser.newPage({ colorScheme: "light" });
    const query = withNotes ? "?print-pdf&notes=separate-page" : "?print-pdf";
    await page.goto(`${base}/decks/${deck}/${query}`, { waitUntil: "networkidle" });
    await page.waitForFunction(() => document.querySelector(".reveal.ready, html.reveal-print .pdf-page") !== null);
    const out = `pdf/${deck}${withNotes ? "-notes" : ""}.pdf`;
    await page.pdf({ path: out, preferCSSPageSize: true, printBackground: true });
    console.log(`wrote ${out}`);
    await page.close();
  }
  await browser.close();
} finally {
  server.stop();
}

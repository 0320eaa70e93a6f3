// `npm run screenshots`: renders the key pages in Chromium to public/screenshots/
// so changes can be looked at (and the README shows one). Needs a built site.
import { chromium } from "playwright";
import { chromiumArgs, chromiumPath } from "./chromium-path.mjs";
import { startPreview } from "./preview-server.mjs";

const server = await startPreview(4398);
const base = server.url;
const shots = [
  { name: "home", path: "/" },
  { name: "lesson-light", path: "/lessons/why-secrets/" },
  { name: "lesson-dark", path: "/lessons/why-secrets/", colorScheme: "dark" },
  { name: "deck-title", path: "/decks/why-secrets/", viewport: { width: 1280, height: 720 } },
  { name: "deck-code", path: "/decks/why-secrets/#/2", viewport: { width: 1280, height: 720 } },
  { name: "deck-table-dark", path: "/decks/why-secrets/#/9", viewport: { width: 1280, height: 720 }, colorScheme: "dark" },
  { name: "exercise", path: "/exercises/spot-the-leaks/" },
  { name: "search", path: "/search/", type: "compromised" },
  ...(process.argv.slice(2).map((p) => ({ name: p.replace(/\W+/g, "-").replace(/^-|-$/g, ""), path: p }))),
];

try {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  for (const shot of shots) {
    const page = await browser.newPage({ viewport: shot.viewport ?? { width: 1280, height: 900 }, colorScheme: shot.colorScheme ?? "light" });
    await page.goto(base + shot.path, { waitUntil: "networkidle" });
    if (shot.type) {
      await page.getByRole("textbox", { name: "Search" }).fill(shot.type);
      await page.locator(".pagefind-ui__result-link").first().waitFor();
    }
    await page.waitForTimeout(400);
    await page.screenshot({ path: `public/screenshots/${shot.name}.png` });
    console.log(`public/screenshots/${shot.name}.png`);
    await page.close();
  }
  await browser.close();
} finally {
  server.stop();
}

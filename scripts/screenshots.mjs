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
  { name: "deck-code", path: "/decks/why-secrets/#/3", viewport: { width: 1280, height: 720 } },
  { name: "deck-table-dark", path: "/decks/why-secrets/#/12", viewport: { width: 1280, height: 720 }, colorScheme: "dark" },
  { name: "deck-sandbox", path: "/decks/why-secrets/#/4", viewport: { width: 1280, height: 720 }, run: true },
  { name: "deck-speaker-view", path: "/decks/why-secrets/#/2", viewport: { width: 1280, height: 720 }, speaker: true },
  { name: "lesson-env-vars", path: "/lessons/env-vars/" },
  { name: "playground-run", path: "/playground/", run: true },
  { name: "lesson-azure", path: "/lessons/azure-key-vault/" },
  { name: "try-azure-run", path: "/try/azure-key-vault/", run: true },
  { name: "exercise-workbench", path: "/exercises/akv-least-privilege/", scrollTo: "secrets-sandbox" },
  { name: "terminal", path: "/terminal/", scrollTo: "secrets-terminal" },
  { name: "examples", path: "/examples/" },
  { name: "deck-azure-dark", path: "/decks/azure-key-vault/", viewport: { width: 1280, height: 720 }, colorScheme: "dark" },
  { name: "exercise", path: "/exercises/spot-the-leaks/" },
  { name: "search", path: "/search/", type: "compromised" },
  ...(process.argv.slice(2).map((p) => ({ name: p.replace(/\W+/g, "-").replace(/^-|-$/g, ""), path: p }))),
];

try {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  for (const shot of shots) {
    const page = await browser.newPage({ viewport: shot.viewport ?? { width: 1280, height: 900 }, colorScheme: shot.colorScheme ?? "light" });
    // Decks ignore the OS theme (the presenter's switch decides, kept in localStorage): a dark deck shot sets it.
    if (shot.colorScheme === "dark") await page.addInitScript(() => localStorage.setItem("secrets-lab:deck-theme", "dark"));
    await page.goto(base + shot.path, { waitUntil: "networkidle" });
    if (shot.type) {
      await page.getByRole("textbox", { name: "Search" }).fill(shot.type);
      await page.locator(".pagefind-ui__result-link").first().waitFor();
    }
    if (shot.scrollTo) {
      await page.locator(shot.scrollTo).first().scrollIntoViewIfNeeded();
      await page.waitForTimeout(1500);
    }
    if (shot.run) {
      await page.locator("secrets-sandbox").first().scrollIntoViewIfNeeded();
      await page.locator("section.present .sandbox-btn.primary, main .sandbox-btn.primary").first().click();
      await page.getByRole("status").filter({ hasText: /Exited|Stopped/ }).first().waitFor();
    }
    await page.waitForTimeout(400);
    if (shot.speaker) {
      const popup = page.waitForEvent("popup");
      await page.keyboard.press("s");
      const speaker = await popup;
      await speaker.setViewportSize({ width: 1280, height: 800 });
      await speaker.waitForTimeout(1500);
      await speaker.screenshot({ path: `public/screenshots/${shot.name}.png` });
    } else await page.screenshot({ path: `public/screenshots/${shot.name}.png` });
    console.log(`public/screenshots/${shot.name}.png`);
    await page.close();
  }
  await browser.close();
} finally {
  server.stop();
}

import { test, expect, type Page } from "@playwright/test";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { DIST } from "./site-routes";
import { sandboxOutput } from "./support/sandbox-output";

// Every slide whose title says "Live" runs in front of the class: its sandbox prints when Run is
// pressed, its terminal answers a suggested command. Found from the built deck, so a new Live slide
// is covered without touching this file.
const decks = readdirSync(join(DIST, "decks"));

interface LiveSlide {
  title: string;
  hash: string;
  islands: string[];
}

/** Every slide titled "Live...", with the reveal hash that shows it and the islands it holds. */
function liveSlides(page: Page): Promise<LiveSlide[]> {
  return page.evaluate(() => {
    const out: { title: string; hash: string; islands: string[] }[] = [];
    // Every slide is a top-level section, and its hash is its one-based number (#/1 is the first).
    [...document.querySelectorAll(".reveal .slides > section")].forEach((slide, i) => {
      const title = slide.querySelector("h1, h2")?.textContent?.trim() ?? "";
      if (!/^Live\b/.test(title)) return;
      const islands = [...slide.querySelectorAll("secrets-sandbox, secrets-terminal")].map((el) => el.tagName.toLowerCase());
      out.push({ title, hash: `#/${i + 1}`, islands });
    });
    return out;
  });
}

for (const deck of decks) {
  test(`${deck}: every Live slide has an island that runs`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/decks/${deck}/`);
    const slides = await liveSlides(page);
    for (const slide of slides) {
      expect(slide.islands.length, `"${slide.title}" (${deck} ${slide.hash}) has no live island`).toBeGreaterThan(0);
      await page.goto(`/decks/${deck}/${slide.hash}`);
      const present = page.locator(".reveal .slides section.present:not(.stack)");
      // reveal.js moves on the hashchange; on a loaded machine the transition can take a while.
      await expect(present.locator("h1, h2").first()).toHaveText(slide.title, { timeout: 15_000 });
      if (slide.islands.includes("secrets-sandbox")) {
        const sandbox = present.locator("secrets-sandbox");
        await sandbox.getByRole("button", { name: "Run" }).click();
        await expect(sandbox.getByRole("status"), slide.title).toContainText(/Exited with code \d+/, { timeout: 20_000 });
        expect((await sandboxOutput(sandbox)).trim(), slide.title).not.toBe("");
      }
      if (slide.islands.includes("secrets-terminal")) {
        const terminal = present.locator("secrets-terminal");
        await expect(terminal.locator(".xterm-rows")).toContainText("learner@secrets-lab:", { timeout: 20_000 });
        const live = terminal.locator(".terminal-live");
        await terminal.locator(".terminal-chip").first().click();
        await page.keyboard.press("Enter");
        await expect(live, slide.title).not.toBeEmpty({ timeout: 20_000 });
      }
    }
  });
}

test("the decks have Live slides, and the BuildKit deck has the lesson's terminal", async ({ page }) => {
  let count = 0;
  for (const deck of decks) {
    await page.goto(`/decks/${deck}/`);
    count += (await liveSlides(page)).length;
  }
  expect(count).toBeGreaterThanOrEqual(10);
  await page.goto("/decks/buildkit/");
  await expect(page.locator('secrets-terminal[id="terminal-buildkit-history-leak"]')).toHaveCount(1);
});

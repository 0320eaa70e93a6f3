import { test, expect, type Page } from "@playwright/test";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { DIST } from "./site-routes";

// What a class's browser fetches to open a deck (issue #20, item 2): reveal.js and the deck's own
// start-up, at most 45 KB of JavaScript (gzip -9) before a live island loads. The speaker view
// (reveal's notes plugin) and drawing load when the presenter asks for them. Weights, not timings.
const BUDGET_KB_GZ = 45;
const decks = readdirSync(join(DIST, "decks"));

function trackScripts(page: Page): { urls: string[]; kbGz: () => Promise<number> } {
  const sizes: Promise<number>[] = [];
  const urls: string[] = [];
  page.on("response", (res) => {
    if (!res.url().startsWith("http") || (res.request().resourceType() !== "script" && !res.url().endsWith(".js"))) return;
    urls.push(res.url());
    sizes.push(res.body().then((b) => gzipSync(b, { level: 9 }).length, () => 0));
  });
  return { urls, kbGz: async () => (await Promise.all(sizes)).reduce((a, b) => a + b, 0) / 1024 };
}

for (const deck of decks) {
  test(`${deck}: at most ${BUDGET_KB_GZ} KB gz of JavaScript before an island loads`, async ({ page }) => {
    const scripts = trackScripts(page);
    await page.goto(`/decks/${deck}/`, { waitUntil: "networkidle" });
    await expect(page.locator(".reveal.ready")).toHaveCount(1);
    // The first slide holds no island: nothing of an island's may have been fetched.
    await expect(page.locator(".reveal .slides > section.present :is(secrets-sandbox, secrets-terminal)")).toHaveCount(0);
    expect(scripts.urls.filter((u) => /mount-sandbox|mount-terminal|code-editor|xterm/.test(u))).toEqual([]);
    expect(await scripts.kbGz()).toBeLessThanOrEqual(BUDGET_KB_GZ);
  });
}

test("the speaker view's code loads when S is pressed, not before", async ({ page }) => {
  const scripts = trackScripts(page);
  await page.goto("/decks/why-secrets/", { waitUntil: "networkidle" });
  await expect(page.locator(".reveal.ready")).toHaveCount(1);
  const before = scripts.urls.length;
  const popup = page.waitForEvent("popup");
  await page.keyboard.press("s");
  const speaker = await popup;
  await expect(speaker.locator(".speaker-controls-notes")).toContainText("Welcome", { timeout: 15_000 });
  expect(scripts.urls.slice(before).some((u) => /speaker-view/.test(u))).toBe(true);
});

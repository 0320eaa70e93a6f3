import { test, expect } from "@playwright/test";
import { builtRoutes } from "./site-routes";

// A learner on a phone: no page may scroll sideways, before or after its islands load.
// Decks are left out: reveal.js scales the 16:9 canvas to the screen instead of reflowing it.
const routes = builtRoutes().filter((r) => !r.startsWith("/decks/"));

test.use({ viewport: { width: 390, height: 844 } });

for (const route of routes) {
  test(`${route}: nothing is wider than a 390 px phone`, async ({ page }) => {
    await page.goto(route);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow(), "before the islands load").toBeLessThanOrEqual(0);
    // Scroll every island into view, so each loads (they mount when visible).
    const islands = page.locator("secrets-sandbox, secrets-terminal");
    const count = Math.min(await islands.count(), 3);
    for (let i = 0; i < count; i++) {
      await islands.nth(i).scrollIntoViewIfNeeded();
      await expect(islands.nth(i).locator(".sandbox-ui, .terminal-ui")).toHaveCount(1);
    }
    expect(await overflow(), "with its islands loaded").toBeLessThanOrEqual(0);
  });
}

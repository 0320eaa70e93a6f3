import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { builtRoutes } from "./site-routes";

const decks = builtRoutes().filter((r) => /^\/decks\/[^/]+\/$/.test(r));

// A hand-out is reveal's print mode (?print-pdf), what `npm run export:pdf` prints. Judged as paper:
// print media, from a laptop in dark mode, with JavaScript's islands as the printed page leaves them.
for (const deck of decks) {
  test(`${deck} hand-out: legible text (4.5:1), no "loads when it scrolls" placeholder, every live island with its output`, async ({ page }) => {
    test.slow();
    await page.emulateMedia({ media: "print", colorScheme: "dark", reducedMotion: "reduce" });
    await page.goto(`${deck}?print-pdf`);
    await expect(page.locator("html.reveal-print .pdf-page").first()).toBeAttached({ timeout: 20_000 });
    const visibleText = await page.locator(".reveal .slides").evaluate((el) => (el as HTMLElement).innerText);
    expect(visibleText).not.toContain("loads when it scrolls into view");
    // What each sandbox and terminal printed when the build ran it.
    const islands = await page.locator(".reveal :is(secrets-sandbox, secrets-terminal)").count();
    await expect(page.locator(".reveal .handout-capture")).toHaveCount(islands);
    for (const capture of await page.locator(".reveal .handout-capture pre").all()) {
      await expect(capture).not.toHaveText(/Could not load credentials|Uncaught/);
    }
    const axe = await new AxeBuilder({ page }).withRules(["color-contrast"]).include(".reveal .slides").analyze();
    expect(axe.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`))).toEqual([]);
  });
}

import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { builtRoutes } from "./site-routes";

const decks = builtRoutes().filter((r) => /^\/decks\/[^/]+\/$/.test(r));

for (const deck of decks) {
  test(`${deck}: axe finds no violations on any slide`, async ({ page }) => {
    test.setTimeout(120_000);
    // No transitions: axe must judge each slide as shown, not halfway through a fade.
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.goto(deck);
    await expect(page.locator(".reveal.ready")).toHaveCount(1);
    // Every slide's hash, horizontal/vertical, in presentation order.
    const hashes = await page.evaluate(() =>
      [...document.querySelectorAll(".reveal .slides > section")].flatMap((h, i) => {
        const stack = h.querySelectorAll(":scope > section");
        return stack.length ? [...stack].map((_, j) => `#/${i}/${j}`) : [`#/${i}`];
      }),
    );
    expect(hashes.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const hash of hashes) {
      await page.evaluate((h) => (location.hash = h), hash);
      await page.waitForTimeout(150);
      const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).include(".reveal .slides section.present").analyze();
      for (const v of axe.violations) problems.push(`${hash} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    }
    expect(problems).toEqual([]);
  });
}

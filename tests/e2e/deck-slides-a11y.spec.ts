import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { builtRoutes } from "./site-routes";

const decks = builtRoutes().filter((r) => /^\/decks\/[^/]+\/$/.test(r));

for (const deck of decks) {
  test(`${deck}: every slide fits the 16:9 canvas and axe finds no violations on it`, async ({ page }) => {
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
      // Wait for reveal.js to show the slide the hash names (its indices), not for a guessed delay.
      await expect.poll(() => page.evaluate(() => {
        const present = [...document.querySelectorAll(".reveal .slides > section")];
        const h = present.findIndex((s) => s.classList.contains("present"));
        const v = h < 0 ? -1 : [...present[h]!.querySelectorAll(":scope > section")].findIndex((s) => s.classList.contains("present"));
        return v < 0 ? `#/${h}` : `#/${h}/${v}`;
      })).toBe(hash);
      // Live islands are measured as the class sees them: loaded.
      const present = ".reveal .slides section.present";
      const islands = await page.locator(`${present} :is(secrets-sandbox, secrets-terminal)`).count();
      if (islands) await expect(page.locator(`${present} :is(.sandbox-ui, .terminal-ui)`)).toHaveCount(islands);
      const overflow = await page.evaluate((selector) => {
        const slides = document.querySelector(".reveal .slides")!.getBoundingClientRect();
        const slide = [...document.querySelectorAll<HTMLElement>(selector)].at(-1)!;
        const bottom = Math.max(...[...slide.children].filter((c) => c.tagName !== "ASIDE" && c.tagName !== "SCRIPT").map((c) => c.getBoundingClientRect().bottom));
        return Math.round(bottom - slides.bottom);
      }, present);
      if (overflow > 0) problems.push(`${hash} content runs ${overflow}px below the slide`);
      const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).include(".reveal .slides section.present").analyze();
      for (const v of axe.violations) problems.push(`${hash} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    }
    expect(problems).toEqual([]);
  });
}

import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { builtRoutes } from "./site-routes";

const decks = builtRoutes().filter((r) => /^\/decks\/[^/]+\/$/.test(r));

// Decks are light unless the presenter switched them to dark (kept in localStorage): both are checked.
for (const deck of decks) for (const theme of ["light", "dark"] as const) {
  test(`${deck} (${theme}): every slide fits the 16:9 canvas and axe finds no violations on it`, async ({ page }) => {
    test.setTimeout(120_000);
    // No transitions: axe must judge each slide as shown, not halfway through a fade.
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.addInitScript((t) => localStorage.setItem("secrets-lab:deck-theme", t), theme);
    await page.goto(deck);
    await expect(page.locator("html")).toHaveAttribute("data-deck-theme", theme);
    await expect(page.locator(".reveal.ready")).toHaveCount(1);
    // Every slide's hash in presentation order: one-based, as the slide number shows it.
    const hashes = await page.evaluate(() => [...document.querySelectorAll(".reveal .slides > section")].map((_, i) => `#/${i + 1}`));
    expect(hashes.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const hash of hashes) {
      await page.evaluate((h) => (location.hash = h), hash);
      // Wait for reveal.js to show the slide the hash names (its indices), not for a guessed delay.
      // Under load reveal's own deferred URL write for the previous slide can land after ours and put
      // its hash back (replaceState, no hashchange): then the hash is set again.
      await expect
        .poll(() =>
          page.evaluate((h) => {
            const shown = `#/${[...document.querySelectorAll(".reveal .slides > section")].findIndex((s) => s.classList.contains("present")) + 1}`;
            if (shown !== h && location.hash !== h) location.hash = h;
            return shown;
          }, hash),
        )
        .toBe(hash);
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

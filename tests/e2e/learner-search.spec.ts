import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

const results = (page: Page) => page.locator(".pagefind-ui__result-link");

async function axeViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("?q= fills in the query and runs it", async ({ page }) => {
  await page.goto("/search/?q=compromised");
  await expect(page.getByRole("textbox", { name: "Search" })).toHaveValue("compromised");
  await expect(results(page).filter({ hasText: "Lesson: Why secrets need managing" })).toHaveCount(1);
  await expect(results(page).filter({ hasText: "Deck: Why secrets need managing" })).toHaveCount(1);
});

test("search results pass axe in light and dark", async ({ page }) => {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto("/search/?q=secret");
    await expect(results(page).first()).toBeVisible();
    // Excerpts with <mark> and sub-results are what failed contrast in dark (#393939 on #0f1419).
    await expect(page.locator(".pagefind-ui__result-excerpt mark").first()).toBeVisible();
    expect(await axeViolations(page), colorScheme).toEqual([]);
  }
});

test("exercises and decks are in the index", async ({ page }) => {
  await page.goto("/search/?q=" + encodeURIComponent("Move the key into the environment"));
  await expect(results(page).filter({ hasText: "Exercise: Move the key into the environment, without leaking it" }).first()).toHaveAttribute("href", /\/exercises\/env-refactor\//);

  await page.goto("/search/?q=" + encodeURIComponent("Pushed once, copied everywhere"));
  await expect(results(page).first()).toBeVisible();
  const hrefs = await results(page).evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  expect(hrefs.some((h) => /\/decks\/why-secrets\//.test(h)), hrefs.join(" ")).toBe(true);
});

test("the header's search box works from any page, keyboard only", async ({ page }) => {
  await page.goto("/lessons/env-vars/");
  const box = page.getByRole("searchbox", { name: "Search the site" });
  for (let i = 0; i < 12 && !(await box.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(box).toBeFocused();
  await page.keyboard.type("dotenv");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/search\/\?q=dotenv$/);
  await expect(page.getByRole("textbox", { name: "Search" })).toHaveValue("dotenv");
  await expect(results(page).first()).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "Search the site" })).toHaveValue("dotenv");
});

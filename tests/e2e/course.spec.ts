import { openWorkbench } from "./support/workbench";
import { test, expect } from "@playwright/test";

test("the course map leads to the lesson, its deck and its exercise", async ({ page }) => {
  await page.goto("/");
  const topics = page.getByRole("list", { name: "Topics in order" }).locator(":scope > li");
  await expect(topics.first()).toContainText("Why secrets need managing");
  await topics.first().getByRole("link", { name: /Read the lesson/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Why secrets need managing");
  await expect(page.getByRole("region", { name: "By the end you can" })).toContainText("five properties");
  await expect(page.getByRole("region", { name: "Sources" }).getByRole("link")).toHaveCount(4);
  await expect(page.getByRole("navigation", { name: "Topics" }).getByRole("link", { name: "Why secrets need managing" })).toHaveAttribute("aria-current", "page");

  await page.getByRole("link", { name: "Present this topic" }).click();
  await expect(page).toHaveURL(/\/decks\/why-secrets\//);
  await page.goBack();
  await page.getByRole("link", { name: "Spot the leaks in one commit" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Spot the leaks in one commit");
});

test("lesson code is highlighted at build time and readable in dark mode", async ({ browser }) => {
  for (const colorScheme of ["light", "dark"] as const) {
    const page = await browser.newPage({ colorScheme });
    await page.goto("/lessons/env-vars/");
    const code = page.locator("pre.astro-code").first();
    await expect(code).toBeVisible();
    await expect(code.locator("span[style*='--shiki-dark']").first()).toBeAttached();
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe(colorScheme === "dark" ? "rgb(15, 20, 25)" : "rgb(255, 255, 255)");
    await page.close();
  }
});

test("exercise hints open one at a time with the keyboard", async ({ page }) => {
  // spot-the-leaks is graded (answers.json): its hints are the workbench's, one per press.
  const bench = await openWorkbench(page, "spot-the-leaks");
  await bench.getByRole("button", { name: "Show hint 1 of 3" }).focus();
  await page.keyboard.press("Enter");
  await expect(bench.getByText(/Follow the key from the commit outwards/)).toBeVisible();
  await expect(bench.getByText(/git keeps both commits/)).toBeHidden();
});

test("keyboard users can skip to the content", async ({ page }) => {
  await page.goto("/lessons/why-secrets/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

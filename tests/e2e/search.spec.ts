import { test, expect } from "@playwright/test";

test("search finds the lesson by a word in its body", async ({ page }) => {
  await page.goto("/search/");
  const box = page.getByRole("textbox", { name: "Search" });
  await box.fill("compromised");
  // The lesson and its deck share a title; each result says which it is.
  const result = page.locator(".pagefind-ui__result-link").filter({ hasText: "Lesson: Why secrets need managing" });
  await expect(result).toHaveCount(1);
  await result.click();
  await expect(page).toHaveURL(/\/lessons\/why-secrets\//);
});

import { test, expect } from "@playwright/test";

test("search finds the lesson by a word in its body", async ({ page }) => {
  await page.goto("/search/");
  const box = page.getByRole("textbox", { name: "Search" });
  await box.fill("compromised");
  const result = page.locator(".pagefind-ui__result-link").first();
  await expect(result).toHaveText(/Why secrets need managing/);
  await result.click();
  await expect(page).toHaveURL(/\/lessons\/why-secrets\//);
});

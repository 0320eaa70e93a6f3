import { test, expect, type Page } from "@playwright/test";

// WCAG 2.1.2: a sandbox's Output terminal must not trap the keyboard. Tab and Shift+Tab leave it,
// Esc then Tab too, and while it has focus it shows a focus ring.

const inOutput = (page: Page) => page.evaluate(() => Boolean(document.activeElement?.closest(".sandbox-terminal")));

async function focusOutput(page: Page) {
  const output = page.getByRole("textbox", { name: "Program output" }).first();
  await output.scrollIntoViewIfNeeded();
  await output.focus();
  expect(await inOutput(page)).toBe(true);
}

for (const path of ["/lessons/env-vars/", "/playground/", "/exercises/env-refactor/"]) {
  test(`${path}: the keyboard leaves the Output terminal in both directions`, async ({ page }) => {
    await page.goto(path);
    await focusOutput(page);
    await expect(page.locator(".sandbox-terminal:focus-within").first()).toHaveCSS("outline-style", "solid");
    await page.keyboard.press("Tab");
    expect(await inOutput(page)).toBe(false);
    await focusOutput(page);
    await page.keyboard.press("Shift+Tab");
    expect(await inOutput(page)).toBe(false);
    await focusOutput(page);
    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    expect(await inOutput(page)).toBe(false);
  });
}

import { expect, type Locator, type Page } from "@playwright/test";

/** Replaces main.ts as a learner does: click the code, select all, delete, type. */
export async function replaceCode(page: Page, code: string): Promise<void> {
  await page.getByRole("textbox", { name: /Code editor: main\.ts/ }).click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

/** An exercise page scrolled to its workbench, ready to Check. */
export async function openWorkbench(page: Page, id: string): Promise<Locator> {
  await page.goto(`/exercises/${id}/`);
  const bench = page.getByRole("region", { name: /Sandbox: Your workbench/ });
  await bench.scrollIntoViewIfNeeded();
  await expect(bench.getByRole("button", { name: "Check" })).toBeVisible();
  return bench;
}

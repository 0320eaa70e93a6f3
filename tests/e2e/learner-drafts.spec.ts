import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { openWorkbench } from "./support/workbench";

const START_LINE = readFileSync(new URL("../../content/exercise-kits/env-refactor/start/main.ts", import.meta.url), "utf8").split("\n").find((l) => l.trim())!.trim();

// #15 item 6: a draft that cannot be used says so, and the starting files show; never "restored".
const BROKEN: [string, string][] = [
  ["cut-short JSON", '{"main.ts": "console.log(\'mine'],
  ["an empty object", "{}"],
  ["files the exercise does not have", '{"notes.txt": "my notes"}'],
  ["a number instead of text", '{"main.ts": 42}'],
];
for (const [what, text] of BROKEN) {
  test(`a broken exercise draft (${what}) gives a specific message and the start code`, async ({ page }) => {
    // Written from another page: leaving the workbench would save its code over it.
    await page.goto("/");
    await page.evaluate((t) => localStorage.setItem("secrets-lab:draft:env-refactor", t), text);
    const bench = await openWorkbench(page, "env-refactor");
    const notice = bench.locator(".sandbox-notice");
    await expect(notice).toContainText("Your saved code for this exercise could not be read");
    await expect(notice).not.toContainText("restored");
    await expect(notice).toContainText("The starting files are shown");
    await expect(page.getByRole("textbox", { name: /Code editor: main\.ts/ })).toContainText(START_LINE);
  });
}

test("a lesson sandbox keeps the learner's edits across visits, and Reset returns to the start", async ({ page }) => {
  await page.goto("/lessons/why-secrets/");
  const sandbox = page.getByRole("region", { name: "Sandbox: The hardcoded payments key" });
  await sandbox.scrollIntoViewIfNeeded();
  const code = sandbox.getByRole("textbox", { name: "Code editor: main.ts" });
  await expect(code).toContainText("PAYMENTS_API_KEY");
  await code.focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText('console.log("my own edit");\n');
  await expect(code).toContainText("my own edit");

  // Leave the page (pagehide saves) and come back another day.
  await page.goto("/");
  await page.goto("/lessons/why-secrets/");
  await sandbox.scrollIntoViewIfNeeded();
  await expect(code).toContainText("my own edit");
  await expect(code).not.toContainText("PAYMENTS_API_KEY");
  await expect(sandbox.getByRole("status").first()).toHaveText("Your edits from your last visit are back. Reset returns to the starting code.");
  await sandbox.getByRole("button", { name: "Run" }).click();
  await expect(sandbox.locator(".xterm-rows")).toContainText("my own edit");

  await sandbox.getByRole("button", { name: "Reset" }).focus();
  await page.keyboard.press("Enter");
  await expect(code).toContainText("PAYMENTS_API_KEY");
  await page.reload();
  await sandbox.scrollIntoViewIfNeeded();
  await expect(code).toContainText("PAYMENTS_API_KEY");
  await expect(sandbox.getByRole("status").first()).toHaveText("Ready.");
});

test("a broken lesson draft says so and shows the start code", async ({ page }) => {
  // Written from another page: leaving the lesson would save its (unedited) code over it.
  await page.goto("/");
  await page.evaluate(() => localStorage.setItem("secrets-lab:draft:lesson:sandbox-why-secrets-hardcoded-key", "{not json"));
  await page.goto("/lessons/why-secrets/");
  const sandbox = page.getByRole("region", { name: "Sandbox: The hardcoded payments key" });
  await expect(sandbox).toHaveAttribute("id", "sandbox-why-secrets-hardcoded-key");
  await sandbox.scrollIntoViewIfNeeded();
  await expect(sandbox.getByRole("status").first()).toContainText("Your saved edits could not be read");
  await expect(sandbox.getByRole("textbox", { name: "Code editor: main.ts" })).toContainText("PAYMENTS_API_KEY");
});

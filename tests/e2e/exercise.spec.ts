import { test, expect, type Page } from "@playwright/test";
import { openWorkbench, replaceCode } from "./support/workbench";
import { readFileSync } from "node:fs";

const SOLUTION = readFileSync(new URL("../../content/exercise-kits/env-refactor/solution/main.ts", import.meta.url), "utf8");



test("a learner fails, takes a hint, passes, and sees it on the course map; progress exports and imports", async ({ page }) => {
  const bench = await openWorkbench(page, "env-refactor");
  const results = bench.locator(".sandbox-results");

  await bench.getByRole("button", { name: "Check" }).click();
  await expect(results.getByRole("heading", { level: 3 })).toHaveText("2 of 10 checks passed", { timeout: 20_000 });
  await expect(results).toContainText("No key is written in the source");
  await expect(results).toContainText("main.ts:3 holds a key written into the code");
  await expect(results).not.toContainText("sk_test_51FakeKeyForSecretsLab000000000000");

  await bench.getByRole("button", { name: "Show hint 1 of 4" }).click();
  await expect(bench.locator(".sandbox-hints li")).toHaveCount(1);
  await expect(bench.locator(".sandbox-hints li").first()).toContainText("process.env.EXTERNAL_API_KEY");

  await replaceCode(page, SOLUTION);
  await bench.getByRole("button", { name: "Check" }).click();
  await expect(results.getByRole("heading", { level: 3 })).toHaveText("Passed: all 10 checks", { timeout: 20_000 });

  await page.goto("/");
  await page.reload();
  const link = page.locator('[data-exercise-id="env-refactor"]');
  await expect(link.locator(".progress-badge")).toHaveText("passed");
  await expect(page.locator("[data-progress-summary]")).toContainText("1 of");

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export progress" }).click();
  const download = await downloadPromise;
  const exported = readFileSync((await download.path())!, "utf8");
  expect(JSON.parse(exported).exercises["env-refactor"].status).toBe("passed");

  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(link.locator(".progress-badge")).toHaveCount(0);
  await page.locator("[data-progress-import]").setInputFiles({ name: "progress.json", mimeType: "application/json", buffer: Buffer.from(exported) });
  await expect(page.getByRole("alert")).toHaveText("Imported progress for 1 exercise.");
  await expect(link.locator(".progress-badge")).toHaveText("passed");

  await page.locator("[data-progress-import]").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from("{not json") });
  await expect(page.getByRole("alert")).toContainText("That file was not imported");
  await expect(link.locator(".progress-badge")).toHaveText("passed");
});

test("a corrupted progress record is reported and the course map still works", async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => localStorage.setItem("secrets-lab:progress", '{"format":"secrets-lab-progress","version":1,"exercises":{"env-refactor":{"status":"maybe"'));
  await page.reload();
  await expect(page.getByRole("alert")).toContainText("not valid JSON");
  await expect(page.getByRole("heading", { name: "Course map" })).toBeVisible();
});

test("the solution shows as a diff and can be undone; drafts survive a reload", async ({ page }) => {
  const bench = await openWorkbench(page, "env-refactor");
  await replaceCode(page, "// my own attempt\nconsole.log('hello');\n");
  await bench.getByRole("button", { name: "Show the solution" }).click();
  await expect(bench.locator(".sandbox-diff")).toContainText("What the solution changes in your code");
  await expect(bench.locator(".sandbox-diff .diff-del").filter({ hasText: "my own attempt" })).toHaveCount(1);
  await expect(page.getByRole("textbox", { name: /Code editor: main\.ts/ })).toContainText("process.env.EXTERNAL_API_KEY");
  await bench.getByRole("button", { name: "Back to my code" }).click();
  await expect(page.getByRole("textbox", { name: /Code editor: main\.ts/ })).toContainText("my own attempt");

  await page.reload();
  const again = await openWorkbench(page, "env-refactor");
  await expect(page.getByRole("textbox", { name: /Code editor: main\.ts/ })).toContainText("my own attempt");
  await expect(again.locator(".sandbox-notice")).toContainText("restored");
});

import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { openWorkbench } from "./support/workbench";

// An AWS exercise in Chromium: the learner edits policy.json, the role's only policy. Check on the
// starting policy (everything on everything) fails the least-privilege probes by name; Run with the
// worked solution reads the secret through the official SDK as the role, with that policy; Check
// then passes every check.
const NO_SUFFIX = readFileSync(new URL("../../content/exercise-kits/aws-least-privilege-policy/wrong/no-arn-suffix/policy.json", import.meta.url), "utf8");
const SOLUTION = readFileSync(new URL("../../content/exercise-kits/aws-least-privilege-policy/solution/policy.json", import.meta.url), "utf8");

test("aws-least-privilege-policy: the broad policy fails the probes, the solution's policy runs and passes", async ({ page }) => {
  // The first Run and Check load the AWS SDK bundle and the grader: on a loaded machine, more time.
  test.slow();
  const bench = await openWorkbench(page, "aws-least-privilege-policy");
  const results = bench.locator(".sandbox-results");

  await bench.getByRole("button", { name: "Check" }).click();
  await expect(results.getByRole("heading", { level: 3 })).toHaveText("3 of 9 checks passed", { timeout: 60_000 });
  await expect(results).toContainText("payments-app cannot read any other secret, not even payments/db-credentials-old");
  await expect(results).toContainText("GetSecretValue payments/stripe-api-key by payments-app was allowed");
  await expect(results).toContainText("Decrypt with 1234abcd-12ab-34cd-56ef-1234567890ab called directly by payments-app was allowed");

  await bench.getByRole("tab", { name: "policy.json" }).click();
  const editor = bench.getByRole("textbox", { name: /Code editor: policy\.json/ });
  const typePolicy = async (text: string): Promise<void> => {
    await editor.click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(text);
  };

  // Run uses the policy as edited: the ARN without its six-character suffix matches no secret.
  await typePolicy(NO_SUFFIX);
  await bench.getByRole("button", { name: "Run" }).click();
  await expect(bench.locator(".sandbox-status")).toContainText("Exited with code 1", { timeout: 30_000 });
  const refused = await bench.evaluate((host) => (host as HTMLElement & { outputText(): Promise<string> }).outputText());
  expect(refused).toContain("Uncaught AccessDeniedException");
  expect(refused).toContain("at /app/main.ts:6:16");

  await typePolicy(SOLUTION);
  await bench.getByRole("button", { name: "Run" }).click();
  await expect(bench.locator(".sandbox-status")).toContainText("Exited with code 0", { timeout: 30_000 });
  const output = await bench.evaluate((host) => (host as HTMLElement & { outputText(): Promise<string> }).outputText());
  expect(output).toContain("connecting to db.payments.internal:5432 as payments");
  expect(output).not.toContain("P@ssw0rd-demo-only");

  await bench.getByRole("button", { name: "Check" }).click();
  await expect(results.getByRole("heading", { level: 3 })).toHaveText("Passed: all 9 checks", { timeout: 60_000 });
});

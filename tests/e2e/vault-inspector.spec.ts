import { test, expect } from "@playwright/test";

// Issue 4's done-when: a sandbox fetches a secret with the real SDK in Chromium, and the Vault
// inspector shows the audit entry (identity, getSecret, 200), live, without a value in sight.

const SANDBOX = "Sandbox: Fetch DatabasePassword with the official SDK";

test("after Run, the Vault panel shows payments-api's SecretGet of DatabasePassword with status 200", async ({ page }) => {
  await page.goto("/try/azure-key-vault/");
  const sandbox = page.getByRole("region", { name: SANDBOX });
  await sandbox.scrollIntoViewIfNeeded();
  await expect(sandbox.locator(".sandbox-ui")).toBeVisible();

  const summary = sandbox.locator("summary", { hasText: /^Vault \(\d+ secrets\)$/ });
  await expect(summary).toHaveText("Vault (2 secrets)");
  // Opened before the run: it must fill in live, not only on reload.
  await summary.click();
  const panel = sandbox.locator("details", { has: page.locator("summary", { hasText: /^Vault \(/ }) });
  await expect(panel.getByRole("table", { name: /^Secrets in payments-kv/ })).toBeVisible();
  await expect(panel).toContainText("Audit log of payments-kv: no requests yet");

  await sandbox.getByRole("button", { name: "Run" }).click();
  await expect(sandbox.getByRole("status")).toContainText("Exited with code 0", { timeout: 20_000 });

  const log = panel.getByRole("table", { name: /^Audit log of payments-kv/ });
  const read = log.getByRole("row").filter({ hasText: "payments-api" }).filter({ hasText: "SecretGet" });
  await expect(read).toHaveCount(1);
  const cells = read.getByRole("cell");
  await expect(cells.nth(0)).toHaveText("payments-api");
  await expect(cells.nth(1)).toHaveText("SecretGet");
  await expect(cells.nth(2)).toHaveText("DatabasePassword");
  await expect(cells.nth(4)).toHaveText("200");

  // Versions and attributes, never values.
  const versions = panel.getByRole("table", { name: /^Versions in payments-kv/ });
  await expect(versions.getByRole("row").filter({ hasText: "DatabasePassword" })).toHaveCount(3);
  await expect(panel).not.toContainText("P@ssw0rd");
  await expect(panel).not.toContainText("sk_test_");
});

test("Reset gives the sandbox a fresh vault: the audit log starts empty again", async ({ page }) => {
  await page.goto("/try/azure-key-vault/");
  const sandbox = page.getByRole("region", { name: SANDBOX });
  await sandbox.scrollIntoViewIfNeeded();
  await sandbox.getByRole("button", { name: "Run" }).click();
  await expect(sandbox.getByRole("status")).toContainText("Exited with code 0", { timeout: 20_000 });
  const summary = sandbox.locator("summary", { hasText: /^Vault \(/ });
  await summary.click();
  const panel = sandbox.locator("details", { has: page.locator("summary", { hasText: /^Vault \(/ }) });
  await expect(panel.getByRole("table", { name: /^Audit log of payments-kv/ })).toBeVisible();
  await sandbox.getByRole("button", { name: "Reset" }).click();
  await expect(panel).toContainText("Audit log of payments-kv: no requests yet");
});

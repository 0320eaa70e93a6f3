import { test, expect } from "@playwright/test";

// The AWS lesson's sandbox in Chromium: the official @aws-sdk/client-secrets-manager, configured with
// only a region, reads a JSON secret via the instance role (IMDSv2), and the AWS panel shows the
// role's GetSecretValue in the event log. No request leaves the site.

test("the official SDK reads a secret via the instance role, masked, and the AWS panel shows the event", async ({ page }) => {
  // The first Run loads the AWS SDK bundle (68 KB gz) and the account: on a loaded machine, more time.
  test.slow();
  const requests: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol === "http:" || url.protocol === "https:") requests.push(url.hostname);
  });
  await page.goto("/lessons/aws-secrets-manager/");
  const sandbox = page.getByRole("region", { name: "Sandbox: Read a JSON secret with the instance role" });
  await sandbox.scrollIntoViewIfNeeded();
  await sandbox.getByRole("button", { name: "Run" }).click();
  await expect(sandbox.getByRole("status")).toContainText("Exited with code 0", { timeout: 30_000 });
  const output = await sandbox.evaluate((host) => (host as HTMLElement & { outputText(): Promise<string> }).outputText());
  expect(output).toContain("connecting to db.payments.internal:5432 as payments (password ****only)");
  expect(output).toContain("stages AWSCURRENT");
  expect(output).not.toContain("P@ssw0rd-demo-only");

  const panel = sandbox.locator("details", { has: page.locator("summary", { hasText: /^AWS \(2 secrets\)$/ }) });
  await panel.locator("summary").click();
  const log = panel.getByRole("table", { name: /Event log/ });
  await expect(log).toContainText("GetSecretValue");
  await expect(log).toContainText("assumed-role/payments-app/");
  await expect(log).toContainText("success");
  await expect(panel.getByRole("table", { name: /staging labels/ })).toContainText("AWSCURRENT");
  expect(requests.filter((host) => host !== "localhost" && host !== "127.0.0.1")).toEqual([]);
});

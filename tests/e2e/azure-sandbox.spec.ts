import { sandboxOutput } from "./support/sandbox-output";
import { test, expect, type Page } from "@playwright/test";

// The official @azure/keyvault-secrets (browser build, loaded only when imported) in Chromium,
// against the page's mock vault, signed in by the @azure/identity stand-in.

const SANDBOX = "Sandbox: Fetch DatabasePassword with the official SDK";

async function open(page: Page) {
  await page.goto("/try/azure-key-vault/");
  const sandbox = page.getByRole("region", { name: SANDBOX });
  await sandbox.scrollIntoViewIfNeeded();
  await expect(sandbox.locator(".sandbox-ui")).toBeVisible();
  return sandbox;
}

async function run(page: Page, sandbox: ReturnType<Page["getByRole"]>) {
  await sandbox.getByRole("button", { name: "Run" }).click();
  await expect(sandbox.getByRole("button", { name: "Run" })).toBeEnabled({ timeout: 20_000 });
  // xterm only paints what is on screen.
  await sandbox.locator(".sandbox-terminal").scrollIntoViewIfNeeded();
}

test("the real SDK fetches DatabasePassword as the managed identity, masked, and the chain explains itself", async ({ page }) => {
  const bundles: string[] = [];
  page.on("response", (response) => {
    if (/azure-sdk-source/.test(response.url())) bundles.push(response.url());
  });
  const sandbox = await open(page);
  await run(page, sandbox);
  // The SDK is fetched once: when the sandbox whose files import it mounts (preloaded for the first
  // Run), not again by the Run (and never on pages whose sandboxes do not import it).
  expect(bundles).toHaveLength(1);
  const terminal = sandbox.locator(".sandbox-terminal .xterm-rows");
  await expect(terminal).toContainText("DatabasePassword (****only), version ");
  await expect(terminal).toContainText("DefaultAzureCredential tried, in order:");
  await expect(terminal).toContainText("EnvironmentCredential: not configured");
  await expect(terminal).toContainText("ManagedIdentityCredential: answered, signed in as payments-api");
  await expect(terminal).not.toContainText("P@ssw0rd-demo-only");
  await expect(sandbox.getByRole("status")).toContainText("Exited with code 0");
  expect(bundles.length).toBe(1);
});

test("reading a secret the identity has no role on is a readable 403, and a wrong vault names the hosts that exist", async ({ page }) => {
  const sandbox = await open(page);
  const editor = sandbox.getByRole("textbox", { name: /Code editor: main\.ts/ });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(
    [
      'import { SecretClient } from "@azure/keyvault-secrets";',
      'import { DefaultAzureCredential } from "@azure/identity";',
      "const credential = new DefaultAzureCredential();",
      "try {",
      '  await new SecretClient("https://payments-kv.vault.azure.net", credential).getSecret("StripeApiKey");',
      "} catch (error: any) {",
      '  console.log("first:", error.statusCode, error.code);',
      "}",
      'await new SecretClient("https://other.vault.azure.net", credential).getSecret("DatabasePassword");',
    ].join("\n"),
  );
  await run(page, sandbox);
  await expect(sandbox.getByRole("status")).toContainText("Exited with code 1");
  const output = await sandboxOutput(sandbox);
  expect(output).toContain("first: 403 Forbidden");
  expect(output).toContain("other.vault.azure.net is not reachable, the sandbox is offline.");
  expect(output).toContain("payments-kv.vault.azure.net");
});

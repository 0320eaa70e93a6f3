import { test, expect, type Page } from "@playwright/test";
import { replaceCode } from "./support/workbench";

// The sandbox as a learner uses it: type code, run it, read the terminal.

async function openPlayground(page: Page) {
  await page.goto("/playground/");
  await expect(page.locator(".sandbox-ui")).toBeVisible();
}


const terminal = (page: Page) => page.locator(".sandbox-terminal .xterm-rows");
const status = (page: Page) => page.getByRole("status").filter({ hasText: /Exited|Stopped|Running|Ready|Reset/ });

async function run(page: Page) {
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByRole("button", { name: "Run" })).toBeEnabled({ timeout: 15_000 });
}

test("the lesson's example runs and talks to the simulated payments API", async ({ page }) => {
  await page.goto("/lessons/why-secrets/");
  const sandbox = page.getByRole("region", { name: "Sandbox: The hardcoded payments key" });
  await sandbox.scrollIntoViewIfNeeded();
  await sandbox.getByRole("button", { name: "Run" }).click();
  await expect(sandbox.locator(".xterm-rows")).toContainText("charged 1999 eur -> succeeded");
  await expect(sandbox.getByRole("status")).toContainText("Exited with code 0");
});

test("env vars, /run/secrets files and .env are there, and editable", async ({ page }) => {
  await openPlayground(page);
  await run(page);
  await expect(terminal(page)).toContainText("db_password has 18 characters; last 4: only");
  await expect(terminal(page)).toContainText("EXTERNAL_API_KEY is set");

  await replaceCode(page, 'import "dotenv/config";\nconsole.log("level", process.env.LOG_LEVEL, "key", process.env.EXTERNAL_API_KEY?.slice(0, 8));\n');
  await page.getByText("Environment (1)").click();
  await page.getByRole("textbox", { name: "Value of EXTERNAL_API_KEY" }).fill("sk_test_51FakeEdited");
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(terminal(page)).toContainText("level debug key sk_test_");
  await expect(status(page)).toContainText("Exited with code 0");
});

test("a syntax error names the file, line and column", async ({ page }) => {
  await openPlayground(page);
  await replaceCode(page, 'const ok = 1;\nconst broken = ;\n');
  await run(page);
  await expect(terminal(page)).toContainText("main.ts:2:");
  await expect(status(page)).toContainText("Exited with code 1");
});

test("an infinite loop is stopped, the page stays responsive, and the next run works", async ({ page }) => {
  await openPlayground(page);
  await replaceCode(page, "while (true) {}\n");
  await page.getByRole("button", { name: "Run" }).click();
  await expect(status(page)).toContainText("Stopped", { timeout: 15_000 });
  // The page answered clicks during the loop: the Environment panel opens at once.
  await page.getByText("Environment (1)").click();
  await expect(page.getByRole("textbox", { name: "Value of EXTERNAL_API_KEY" })).toBeVisible();
  await replaceCode(page, 'console.log("after the loop");\n');
  await run(page);
  await expect(terminal(page)).toContainText("after the loop");
});

test("the Stop button ends a long run", async ({ page }) => {
  await openPlayground(page);
  await replaceCode(page, "setInterval(() => {}, 1000);\n");
  await page.getByRole("button", { name: "Run" }).click();
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(status(page)).toContainText("Stopped by you");
});

test("10 MB of output is truncated and the page keeps working", async ({ page }) => {
  await openPlayground(page);
  await replaceCode(page, 'const line = "x".repeat(1023) + "\\n";\nfor (let i = 0; i < 10 * 1024; i++) process.stdout.write(line);\nconsole.log("done");\n');
  await run(page);
  await expect(terminal(page)).toContainText("truncated");
  await expect(status(page)).toContainText(/Exited|Stopped/);
});

test("learner code cannot read the site's storage, touch the page or reach the network", async ({ page }) => {
  await openPlayground(page);
  await page.evaluate(() => {
    localStorage.setItem("progress", "site-only-value");
    document.cookie = "session=site-only-cookie; path=/";
  });
  await replaceCode(
    page,
    [
      'const tries: Record<string, () => unknown> = {',
      '  localStorage: () => (globalThis as any).localStorage.getItem("progress"),',
      '  indexedDB: () => (globalThis as any).indexedDB.open("x"),',
      '  cookie: () => (globalThis as any).document.cookie,',
      '  dom: () => (globalThis as any).document.body.innerHTML = "pw" + "ned",',
      '  parent: () => (globalThis as any).parent.document.title,',
      '};',
      'for (const [name, attempt] of Object.entries(tries)) {',
      '  try { console.log(name, "READ", String(attempt())); } catch (e) { console.log(name, "blocked:", (e as Error).message.slice(0, 60)); }',
      '}',
      'try { await fetch("https://example.com/"); console.log("network READ"); } catch (e) { console.log("network blocked:", (e as Error).message); }',
    ].join("\n"),
  );
  await run(page);
  const out = terminal(page);
  for (const name of ["localStorage", "indexedDB", "cookie", "dom", "parent"]) await expect(out).toContainText(`${name} blocked`);
  await expect(out).toContainText("network blocked: fetch failed: example.com is not reachable, the sandbox is offline");
  await expect(out).not.toContainText("site-only");
  await expect(out).not.toContainText("READ");
  await expect(page.locator("body")).not.toContainText("pwned");
});

test("keyboard only: tabs, run, and leaving the editor", async ({ page }) => {
  await openPlayground(page);
  const editor = page.getByRole("textbox", { name: /Code editor: main\.ts/ });
  await editor.focus();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await expect(editor).not.toBeFocused();
  await page.getByRole("button", { name: "Run" }).focus();
  await page.keyboard.press("Enter");
  await expect(terminal(page)).toContainText("EXTERNAL_API_KEY is set");
});

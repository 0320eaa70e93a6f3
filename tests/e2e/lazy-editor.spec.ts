import { test, expect, type Page, type Route } from "@playwright/test";

// The sandbox's editor loads in two stages (src/components/sandbox/lazy-code-editor.ts): the code the
// page rendered, editable as plain text, then CodeMirror on the first intent to edit.

const EDITOR_CHUNK = /\/_astro\/code-editor\.[^/]+\.js$/;
const TRANSPILER_CHUNK = /\/_astro\/transpiler-source\.[^/]+\.js$/;

function requestsOf(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  return urls;
}

async function openLesson(page: Page) {
  await page.goto("/lessons/why-secrets/");
  const sandbox = page.getByRole("region", { name: "Sandbox: The hardcoded payments key" });
  await sandbox.scrollIntoViewIfNeeded();
  await expect(sandbox.locator(".sandbox-ui")).toBeVisible();
  return sandbox;
}

test("reading and running the example as shown loads neither the editor nor the transpiler", async ({ page }) => {
  const urls = requestsOf(page);
  const sandbox = await openLesson(page);
  const code = sandbox.getByRole("textbox", { name: "Code editor: main.ts" });
  await expect(code).toContainText('const PAYMENTS_API_KEY = "sk_test_51FakeKeyForSecretsLab000000000000"');
  await sandbox.getByRole("button", { name: "Run" }).click();
  await expect(sandbox.locator(".xterm-rows")).toContainText("charged 1999 eur -> succeeded");
  expect(urls.filter((url) => EDITOR_CHUNK.test(url) || TRANSPILER_CHUNK.test(url))).toEqual([]);
});

test("keys typed while the editor loads are kept, the caret stays where it was, and the run uses the edit", async ({ page }) => {
  const urls = requestsOf(page);
  // Hold the editor chunk back, as a slow network would, until the learner has typed.
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(EDITOR_CHUNK, async (route: Route) => {
    await released;
    await route.continue();
  });
  const sandbox = await openLesson(page);
  const code = sandbox.getByRole("textbox", { name: "Code editor: main.ts" });
  await code.click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type('\nconsole.log("typed before");');
  await expect(sandbox.locator(".cm-content")).toHaveCount(0);

  release();
  await expect(sandbox.locator(".cm-content")).toBeFocused();
  await page.keyboard.type(' console.log("typed after");');
  await expect(code).toContainText('console.log("typed before"); console.log("typed after");');

  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(sandbox.locator(".xterm-rows")).toContainText("typed after");
  await expect(sandbox.locator(".xterm-rows")).toContainText("typed before");
  expect(urls.some((url) => TRANSPILER_CHUNK.test(url))).toBe(true);
});

test("when the editor cannot load, the code can still be edited as plain text and run", async ({ page }) => {
  await page.route(EDITOR_CHUNK, (route) => route.abort());
  const sandbox = await openLesson(page);
  const code = sandbox.getByRole("textbox", { name: "Code editor: main.ts" });
  await code.click();
  await expect(sandbox.getByText("The full editor could not load")).toBeVisible();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type('\nconsole.log("plain text edit");');
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(sandbox.locator(".xterm-rows")).toContainText("plain text edit");
  await expect(sandbox.getByRole("status")).toContainText("Exited with code 0");
});

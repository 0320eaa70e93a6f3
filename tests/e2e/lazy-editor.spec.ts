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

/** Holds the editor chunk back until `release()`: a slow network. */
async function holdEditor(page: Page): Promise<() => void> {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(EDITOR_CHUNK, async (route: Route) => {
    await released;
    await route.continue();
  });
  return release;
}

test("before the editor loads: another file's tab shows it, and a selection in the middle of a line carries over", async ({ page }) => {
  const release = await holdEditor(page);
  await page.goto("/lessons/file-mounts/");
  const sandbox = page.getByRole("region", { name: "Sandbox: A masking helper: the last 4 only" });
  await sandbox.scrollIntoViewIfNeeded();
  await sandbox.getByRole("tab", { name: "mask.ts" }).click();
  const code = sandbox.getByRole("textbox", { name: "Code editor: mask.ts" });
  await expect(code).toContainText("export function mask(secret: string)");
  await expect(sandbox.getByRole("textbox", { name: "Code editor: main.ts" })).toBeHidden();
  // Select "-4" in `secret.slice(-4)`, as a learner's double-click or drag would.
  await code.click();
  await code.evaluate((pre) => {
    // A text offset -> the text node and offset holding it (shiki splits a line into tokens).
    const at = (offset: number): [Node, number] => {
      const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = (node as Text).data.length;
        if (offset <= length) return [node, offset];
        offset -= length;
      }
      throw new Error("offset past the end");
    };
    const start = pre.textContent!.indexOf("slice(-4)") + "slice(".length;
    const range = document.createRange();
    range.setStart(...at(start));
    range.setEnd(...at(start + 2));
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  });
  release();
  await expect(sandbox.locator(".cm-content")).toBeFocused();
  await page.keyboard.type("-2");
  await expect(code).toContainText("secret.slice(-2)");
  await sandbox.getByRole("button", { name: "Run" }).click();
  await expect(sandbox.locator(".xterm-rows")).toContainText("payments key -> ****00");
  await expect(sandbox.locator(".xterm-rows")).toContainText("db password  -> ****ly");
});

test("Reset before the editor loads puts back the highlighted starting code", async ({ page }) => {
  const release = await holdEditor(page);
  const sandbox = await openLesson(page);
  const code = sandbox.getByRole("textbox", { name: "Code editor: main.ts" });
  await code.click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type("\nthrow new Error('typed, then reset');");
  await expect(code).toContainText("typed, then reset");
  await sandbox.getByRole("button", { name: "Reset" }).click();
  await expect(code).not.toContainText("typed, then reset");
  await expect(code.locator(".line").first()).toBeVisible();
  await sandbox.getByRole("button", { name: "Run" }).click();
  await expect(sandbox.locator(".xterm-rows")).toContainText("charged 1999 eur -> succeeded");
  release();
});

test("Esc pressed while the editor loads still lets the next Tab leave it", async ({ page }) => {
  const release = await holdEditor(page);
  const sandbox = await openLesson(page);
  const code = sandbox.getByRole("textbox", { name: "Code editor: main.ts" });
  await code.focus();
  await page.keyboard.press("Escape");
  release();
  await expect(sandbox.locator(".cm-content")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(sandbox.locator(".cm-content")).not.toBeFocused();
});

import { test, expect, type Page } from "@playwright/test";
import { openWorkbench } from "./support/workbench";

// The site's own security headers (src/security/headers.ts) as a browser gets them, and every kind of
// page still working under its Content-Security-Policy: the sandbox (an iframe whose srcdoc inherits
// the policy, a Worker from a Blob URL, eval of the learner's modules), a deck with a live sandbox
// and its speaker view, the terminal, the Check's leak-scan Worker and search's WebAssembly.

/** Every CSP complaint the browser logs, from the page, its frames and popups. */
function violations(page: Page): string[] {
  const seen: string[] = [];
  const listen = (target: Page): void => {
    target.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) seen.push(message.text());
    });
  };
  listen(page);
  page.on("popup", listen);
  return seen;
}

test("every page is sent the CSP, frame-ancestors, nosniff and cross-origin isolation", async ({ request }) => {
  for (const path of ["/", "/lessons/why-secrets/", "/decks/why-secrets/", "/terminal/", "/exercises/env-refactor/", "/search/"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const headers = response.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, path).toMatch(/(^|; )default-src 'self'(;|$)/);
    expect(csp, path).toMatch(/(^|; )script-src 'self' ('sha256-[A-Za-z0-9+/=]+' )+'unsafe-eval' blob:(;|$)/);
    expect(csp, path).toMatch(/(^|; )frame-ancestors 'self'(;|$)/);
    expect(csp, path).toMatch(/(^|; )object-src 'none'(;|$)/);
    expect(csp, path).not.toMatch(/https?:|\*|'unsafe-inline' [^;]*(script|worker)/);
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["cross-origin-opener-policy"], path).toBe("same-origin");
    expect(headers["cross-origin-embedder-policy"], path).toBe("require-corp");
  }
});

test("a lesson's sandbox runs under the policy", async ({ page }) => {
  const seen = violations(page);
  await page.goto("/lessons/why-secrets/");
  const sandbox = page.getByRole("region", { name: "Sandbox: The hardcoded payments key" });
  await sandbox.scrollIntoViewIfNeeded();
  await sandbox.getByRole("button", { name: "Run" }).click();
  await expect(sandbox.locator(".xterm-rows")).toContainText("charged 1999 eur -> succeeded", { timeout: 20_000 });
  await expect(sandbox.locator(".sandbox-status")).toContainText("Exited with code 0");
  expect(seen).toEqual([]);
});

test("an exercise's Check (its leak-scan Worker) runs under the policy", async ({ page }) => {
  test.slow();
  const seen = violations(page);
  const bench = await openWorkbench(page, "env-refactor");
  await bench.getByRole("button", { name: "Check" }).click();
  await expect(bench.locator(".sandbox-results").getByRole("heading", { level: 3 })).toHaveText("2 of 10 checks passed", { timeout: 30_000 });
  expect(seen).toEqual([]);
});

test("a deck with a live sandbox, and its speaker view, work under the policy", async ({ page }) => {
  test.slow();
  const seen = violations(page);
  await page.goto("/decks/why-secrets/#/4");
  const sandbox = page.getByRole("region", { name: /Sandbox:/ }).first();
  await expect(sandbox).toBeVisible();
  await sandbox.getByRole("button", { name: "Run" }).click();
  await expect(sandbox.locator(".xterm-rows")).toContainText("charged 1999 eur -> succeeded", { timeout: 20_000 });

  await page.goto("/decks/why-secrets/#/2");
  const popupPromise = page.waitForEvent("popup");
  await page.keyboard.press("s");
  const speaker = await popupPromise;
  await expect(speaker.locator(".speaker-controls-notes")).toContainText("Ask the room for examples", { timeout: 10_000 });
  expect(seen).toEqual([]);
});

test("the terminal and search work under the policy", async ({ page }) => {
  const seen = violations(page);
  await page.goto("/terminal/");
  const region = page.getByRole("region", { name: "Terminal: Docker terminal" });
  await region.scrollIntoViewIfNeeded();
  await expect(region.locator(".xterm-rows")).toContainText("learner@secrets-lab:/work$");
  await region.getByRole("textbox", { name: "Terminal input: Docker terminal" }).focus();
  await page.keyboard.type("echo csp-ok");
  await page.keyboard.press("Enter");
  await expect(region.locator(".terminal-live")).toHaveText("csp-ok");

  await page.goto("/search/");
  await page.getByRole("textbox", { name: "Search" }).fill("compromised");
  await expect(page.locator(".pagefind-ui__result-link").first()).toBeVisible({ timeout: 15_000 });
  expect(seen).toEqual([]);
});

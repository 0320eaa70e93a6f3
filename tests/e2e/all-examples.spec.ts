import { test, expect } from "@playwright/test";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { sandboxOutput } from "./support/sandbox-output";

// Every example in content/examples runs in Chromium and does what its example.json
// promises: the browser half of "one source, tested in Node and in the browser".
const ROOT = new URL("../../content/examples/", import.meta.url).pathname;
const examples = readdirSync(ROOT).flatMap((topic) =>
  readdirSync(join(ROOT, topic))
    .filter((name) => existsSync(join(ROOT, topic, name, "example.json")))
    .map((name) => ({ id: `${topic}/${name}`, manifest: JSON.parse(readFileSync(join(ROOT, topic, name, "example.json"), "utf8")) })),
);

test("there are examples to run", () => expect(examples.length).toBeGreaterThan(20));

// One page, every sandbox on it in turn: one load instead of thirty, and a failure in one
// example is reported (soft) without hiding the others.
test("every example runs in Chromium as its example.json says", async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto("/examples/");
  for (const { id, manifest } of examples) {
    const sandbox = page.locator(`#sandbox-${id.replace(/\W+/g, "-")}`);
    await sandbox.scrollIntoViewIfNeeded();
    await sandbox.getByRole("button", { name: "Run" }).click();
    const want = { exitCode: 0, stdout: [], stderr: [], absent: [], ...manifest.expect };
    const status = sandbox.getByRole("status");
    await expect.soft(status, id).toContainText(`Exited with code ${want.exitCode}`, { timeout: 30_000 });
    const output = await sandboxOutput(sandbox);
    for (const text of [...want.stdout, ...want.stderr]) expect.soft(output, id).toContain(text);
    for (const text of want.absent) expect.soft(output, id).not.toContain(text);
  }
});

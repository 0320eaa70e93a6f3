import { test, expect, type Locator, type Page } from "@playwright/test";
import { openWorkbench, replaceCode } from "./support/workbench";
import { readFileSync } from "node:fs";
import { sandboxOutput } from "./support/sandbox-output";

/**
 * Run plays the rotation Check tests: on a "survive the rotation" exercise, the output says when the
 * secret rotates, the kit's solution picks up the new value, and naive code fails after it.
 */
const kitFile = (path: string) => readFileSync(new URL(`../../content/exercise-kits/${path}`, import.meta.url), "utf8");



/** Presses Run and waits for the run to end; returns the whole output. */
async function run(bench: Locator): Promise<string> {
  const ended = bench.evaluate((el) => new Promise<void>((resolve) => el.addEventListener("sandbox:run", () => resolve(), { once: true })));
  await bench.getByRole("button", { name: "Run", exact: true }).click();
  await ended;
  return sandboxOutput(bench);
}

test("mounted file: the solution reloads the rotated password on Run; the starting code fails after it", async ({ page }) => {
  const bench = await openWorkbench(page, "mounts-rotation");

  // The starting code, as shown: it reads the file once.
  const naive = await run(bench);
  expect(naive).toContain("query 2: ok: select 1");
  expect(naive).toContain("[sandbox] db_password rotated (as Check will do at 250 ms): /run/secrets/db_password rewritten");
  expect(naive).toContain('query 5: password authentication failed for user "app"');
  await expect(bench.locator(".sandbox-status")).toHaveText(/^Exited with code 1 /);

  await replaceCode(page, kitFile("mounts-rotation/solution/main.ts"));
  const good = await run(bench);
  expect(good).toContain("[sandbox] db_password rotated (as Check will do at 250 ms)");
  // The mask shows the last four characters of the new value: "P@ssw0rd-demo-only-rotated".
  expect(good).toContain("reloaded db_password (****ated)");
  expect(good).toContain("query 5: ok: select 1");
  expect(good).not.toContain("authentication failed");
  expect(good.indexOf("[sandbox] db_password rotated")).toBeLessThan(good.indexOf("reloaded db_password"));
  await expect(bench.locator(".sandbox-status")).toHaveText(/^Exited with code 0 /);
});

test("vault: the solution re-reads the new version on Run, every Run; the naive code fails after the rotation", async ({ page }) => {
  test.setTimeout(90_000);
  const bench = await openWorkbench(page, "akv-survive-rotation");

  const naive = await run(bench);
  expect(naive).toContain("query 4: ok: select 1");
  expect(naive).toContain("[sandbox] DatabasePassword rotated (as Check will do at 3500 ms): a new version in payments-kv; /srv/db/current-password rewritten");
  expect(naive).toContain("password authentication failed");
  expect(naive).not.toContain("query 5: ok");
  expect(naive.indexOf("query 4: ok")).toBeLessThan(naive.indexOf("[sandbox] DatabasePassword rotated"));

  await replaceCode(page, kitFile("akv-survive-rotation/solution/main.ts"));
  // Twice: each Run starts from the exercise's vault, as each Check does.
  for (let i = 0; i < 2; i++) {
    const good = await run(bench);
    expect(good).toContain("query 1: ok: select 1");
    expect(good).toContain("[sandbox] DatabasePassword rotated (as Check will do at 3500 ms)");
    expect(good).toContain("the database refused the cached password: re-reading it");
    expect(good).toContain("query 5: ok: select 1");
    expect(good.match(/fetched DatabasePassword version/g)).toHaveLength(2);
    await expect(bench.locator(".sandbox-status")).toHaveText(/^Exited with code 0 /);
  }
});

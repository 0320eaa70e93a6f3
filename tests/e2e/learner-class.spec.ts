import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { openWorkbench } from "./support/workbench";

async function axeViolations(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    out.push(...axe.violations.map((v) => `${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));
  }
  return out;
}

const banner = (page: Page) => page.getByRole("status").filter({ hasText: "Class mode: hints and solutions are hidden for this session." });

test("?class=on hides hints and solutions for the session, says so on every page, and the banner ends it (keyboard)", async ({ page, browser }) => {
  const bench = await openWorkbench(page, "env-refactor");
  await expect(bench.getByRole("button", { name: /Show hint 1 of/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Answer sheet (for instructors)" })).toBeVisible();

  await page.goto("/exercises/env-refactor/?class=on");
  await expect(bench.getByRole("button", { name: "Check" })).toBeVisible();
  await expect(banner(page)).toBeVisible();
  await expect(bench.getByRole("button", { name: /Show hint/ })).toBeHidden();
  await expect(bench.getByRole("button", { name: "Show the solution" })).toBeHidden();
  await expect(page.getByRole("link", { name: "Answer sheet (for instructors)" })).toBeHidden();
  expect(await axeViolations(page)).toEqual([]);

  // It sticks: another exercise, a lesson, the course map, without the parameter.
  await page.goto("/exercises/mounts-read-secret/");
  const other = page.getByRole("region", { name: /Sandbox: Your workbench/ });
  await expect(other.getByRole("button", { name: "Check" })).toBeVisible();
  await expect(banner(page)).toBeVisible();
  await expect(other.getByRole("button", { name: /Show hint/ })).toBeHidden();
  await page.goto("/lessons/env-vars/");
  await expect(banner(page)).toBeVisible();

  // A new browser session starts without it.
  const fresh = await browser.newPage();
  await fresh.goto("/exercises/env-refactor/");
  await expect(fresh.getByRole("button", { name: "Check" })).toBeVisible();
  await expect(fresh.getByRole("button", { name: /Show hint 1 of/ })).toBeVisible();
  await expect(banner(fresh)).toBeHidden();
  await fresh.close();

  // The way back, keyboard only.
  await page.goto("/exercises/env-refactor/");
  await page.getByRole("button", { name: "End class mode" }).focus();
  await page.keyboard.press("Enter");
  await expect(banner(page)).toBeHidden();
  await expect(page.getByRole("button", { name: /Show hint 1 of/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Show the solution" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: /Show hint 1 of/ })).toBeVisible();
});

test("the course map's switch starts and ends class mode", async ({ page }) => {
  await page.goto("/");
  const toggle = page.getByRole("button", { name: "Start class mode" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(banner(page)).toBeVisible();
  await expect(page.getByRole("button", { name: "End class mode" }).first()).toBeVisible();
  await expect(page.locator("[data-class-mode-toggle]")).toHaveAttribute("aria-pressed", "true");
  expect(await axeViolations(page)).toEqual([]);
  await page.goto("/exercises/env-refactor/");
  await expect(banner(page)).toBeVisible();
  await page.goto("/?class=off");
  await expect(banner(page)).toBeHidden();
  await expect(page.getByRole("button", { name: "Start class mode" })).toBeVisible();
});

test("an exercise's printable answer sheet: the task, the hints, the worked solution and its files; print drops the site chrome", async ({ page }) => {
  await page.goto("/exercises/env-refactor/");
  await page.getByRole("link", { name: "Answer sheet (for instructors)" }).click();
  await expect(page).toHaveURL(/\/exercises\/env-refactor\/answers\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Answer sheet: Move the key into the environment, without leaking it");
  await expect(page.getByRole("heading", { name: "Hints, in the order the workbench gives them" })).toBeVisible();
  await expect(page.locator("section[aria-labelledby=hints] li")).toHaveCount(4);
  await expect(page.locator("section[aria-labelledby=worked]")).toContainText("What changed, and why");
  await expect(page.locator("section[aria-labelledby=files] figcaption")).toHaveText(["/app/main.ts"]);
  await expect(page.locator("section[aria-labelledby=files]")).toContainText("process.env.EXTERNAL_API_KEY");
  expect(await axeViolations(page)).toEqual([]);

  // Printed from a laptop in dark mode: black on white, no header, footer or screen-only links.
  await page.emulateMedia({ media: "print", colorScheme: "dark" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByRole("link", { name: "Back to the exercise" })).toBeHidden();
  const colours = await page.locator("section[aria-labelledby=files] pre span").first().evaluate((el) => getComputedStyle(el).color);
  expect(colours).toBe("rgb(0, 0, 0)");
  expect(await page.locator("body").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(255, 255, 255)");
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.length).toBeGreaterThan(10_000);
});

import { test, expect } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { DIST } from "./site-routes";

test("the deck advances with the keyboard, steps fragments and shows slide numbers", async ({ page }) => {
  await page.goto("/decks/why-secrets/");
  const current = page.locator(".reveal .slides section.present").last();
  await expect(current.getByRole("heading", { level: 1 })).toHaveText("Why secrets need managing");
  await expect(page.locator(".slide-number")).toHaveText(/^\s*1\s*\/\s*15\s*$/);

  await page.keyboard.press("ArrowRight");
  await expect(current.getByRole("heading", { level: 2 })).toHaveText("What is a secret?");
  // "+" bullets are fragments: none shown until stepped, then one per PageDown (a clicker's key).
  const items = current.locator("li.fragment");
  await expect(items).toHaveCount(4);
  await expect(current.locator("li.fragment.visible")).toHaveCount(0);
  await page.keyboard.press("PageDown");
  await expect(current.locator("li.fragment.visible")).toHaveCount(1);
  await page.keyboard.press("PageUp");
  await expect(current.locator("li.fragment.visible")).toHaveCount(0);
});

test("code blocks step through highlighted lines", async ({ page }) => {
  await page.goto("/decks/why-secrets/#/3");
  const pre = page.locator("section.present pre[data-steps]");
  await expect(pre).toBeVisible();
  await expect(pre.locator(".line.highlighted")).toHaveCount(1);
  await expect(pre.locator(".line.highlighted")).toContainText("PAYMENTS_API_KEY =");
  await page.keyboard.press("ArrowRight");
  await expect(pre.locator(".line.highlighted")).toHaveCount(2);
  await expect(pre.locator(".line.highlighted").first()).toContainText('method: "POST"');
});

test("speaker view opens with the notes of the current slide", async ({ page }) => {
  // The speaker view now loads on demand (on S) and opens a window with two deck previews: under a
  // loaded CI it took past 30 s. More time, the same checks.
  test.slow();
  await page.goto("/decks/why-secrets/#/2");
  const popupPromise = page.waitForEvent("popup");
  await page.keyboard.press("s");
  const speaker = await popupPromise;
  await expect(speaker.locator(".speaker-controls-notes")).toContainText("Ask the room for examples", { timeout: 10_000 });
  await expect(speaker.locator(".speaker-controls-time")).toBeVisible();
});

test("the overview opens with Escape and the deck links back to its lesson", async ({ page }) => {
  await page.goto("/decks/why-secrets/");
  await page.keyboard.press("Escape");
  await expect(page.locator(".reveal.overview")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.locator(".reveal.overview")).toHaveCount(0);
  await page.getByRole("link", { name: "Back to the lesson" }).click();
  await expect(page).toHaveURL(/\/lessons\/why-secrets\//);
});

test("npm run export:pdf writes one page per slide, and notes pages on request", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const slides = (readFileSync(join(DIST, "decks/why-secrets/index.html"), "utf8").match(/<section[^>]* data-slide=/g) ?? []).length;
  expect(slides).toBeGreaterThan(10);
  for (const [flags, file] of [[[], "pdf/why-secrets.pdf"], [["--notes"], "pdf/why-secrets-notes.pdf"]] as const) {
    const run = spawnSync(process.execPath, ["scripts/export-pdf.mjs", ...flags, "why-secrets"], { encoding: "utf8", timeout: 90_000, env: { ...process.env, PREVIEW_URL: baseURL } });
    expect(run.status, run.stderr).toBe(0);
    const pdf = await PDFDocument.load(readFileSync(file));
    // With notes, each slide is followed by its notes page (a long note may take two).
    if (flags.length === 0) expect(pdf.getPageCount()).toBe(slides);
    else expect(pdf.getPageCount()).toBeGreaterThanOrEqual(slides * 2);
  }
});

test("a live sandbox on a slide runs, keeps arrow keys while editing, and Esc hands them back", async ({ page }) => {
  await page.goto("/decks/why-secrets/#/4");
  const slide = page.locator("section.present");
  await expect(slide.locator(".sandbox-ui")).toBeVisible();
  await slide.getByRole("textbox", { name: /Code editor/ }).click();
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/#\/4$/);
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(slide.locator(".xterm-rows")).toContainText("charged 1999 eur -> succeeded");
  await page.keyboard.press("Escape");
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/#\/5$/);
});

import { test, expect, type Locator, type Page } from "@playwright/test";

// Legible from the back of the room (issue #18, item 5): live islands as large as the deck's static
// code and zoomable by the presenter, the key hint not left on every slide, a light/dark switch
// that sticks (light whatever the laptop's theme), and slides that use the canvas.

const px = (l: Locator) => l.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

test("live islands use the deck's code size, and the presenter can zoom them", async ({ page }) => {
  test.slow();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto("/decks/why-secrets/#/3");
  const staticCode = await px(page.locator('.reveal section[data-slide="3"] pre code').first());
  expect(staticCode).toBeCloseTo(22.8, 1);

  await page.goto("/decks/why-secrets/#/4");
  const slide = page.locator('.reveal section[data-slide="4"]');
  await expect(slide.locator(".sandbox-ui")).toBeVisible();
  const editor = slide.locator(".sandbox-editor");
  expect(await px(editor)).toBeCloseTo(staticCode, 1);
  await slide.getByRole("button", { name: "Run" }).click();
  const output = slide.locator(".sandbox-output-rows");
  await expect(output).toContainText("succeeded", { timeout: 20_000 });
  expect(await px(output)).toBeCloseTo(staticCode, 1);

  await slide.getByRole("button", { name: "Larger text" }).click();
  expect(await px(editor)).toBeGreaterThan(staticCode * 1.1);
  expect(await px(output)).toBeGreaterThan(staticCode * 1.1);
  // Ctrl+= in the island zooms the island, not the page; Ctrl+0 goes back to the deck's size.
  const larger = await px(editor);
  await slide.getByRole("textbox", { name: /Code editor/ }).click();
  await page.keyboard.press("Control+Equal");
  await expect.poll(() => px(editor)).toBeGreaterThan(larger);
  await page.keyboard.press("Control+0");
  await expect.poll(() => px(editor)).toBeCloseTo(staticCode, 1);
  await slide.getByRole("button", { name: "Smaller text" }).click();
  expect(await px(editor)).toBeLessThan(staticCode);

  // The Docker terminal draws its own text (xterm): the buttons make its characters larger too.
  await page.goto("/decks/file-mounts/#/3");
  const terminal = page.locator('.reveal section[data-slide="3"]');
  await expect(terminal.locator(".xterm-rows")).toContainText("learner@secrets-lab:", { timeout: 20_000 });
  const before = await px(terminal.locator(".xterm-rows"));
  expect(before).toBeGreaterThanOrEqual(22);
  await terminal.getByRole("button", { name: "Larger text" }).click();
  await expect.poll(() => px(terminal.locator(".xterm-rows"))).toBeGreaterThan(before);
});

test("the key hint shows where the deck opened and goes with the first move", async ({ page }) => {
  await page.goto("/decks/why-secrets/");
  const hint = page.getByText("S: speaker view");
  await expect(hint).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/#\/2$/);
  await expect(hint).toBeHidden();
  await page.keyboard.press("ArrowLeft");
  await expect(hint).toBeHidden();
});

async function background(page: Page): Promise<string> {
  return page.locator("body").evaluate((b) => getComputedStyle(b).backgroundColor);
}

test("slides are light on a dark laptop until the presenter switches, and the switch sticks", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/decks/why-secrets/");
  await expect(page.locator(".reveal.ready")).toHaveCount(1);
  expect(await background(page)).toBe("rgb(255, 255, 255)");
  const toggle = page.getByRole("button", { name: "Dark slides" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  expect(await background(page)).toBe("rgb(13, 17, 23)");
  // Another deck, and the same deck after a reload, keep the choice; so does a light laptop.
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/decks/env-vars/");
  await expect(page.locator(".reveal.ready")).toHaveCount(1);
  expect(await background(page)).toBe("rgb(13, 17, 23)");
  await page.getByRole("button", { name: "Dark slides" }).click();
  await page.reload();
  await expect(page.locator(".reveal.ready")).toHaveCount(1);
  expect(await background(page)).toBe("rgb(255, 255, 255)");
});

test("a short slide sits in the middle of the canvas, not in its top left corner", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ reducedMotion: "reduce" });
  for (const n of [1, 2]) {
    await page.goto(`/decks/why-secrets/#/${n}`);
    await page.reload();
    const slide = page.locator(`.reveal section[data-slide="${n}"]`);
    await expect(slide).toHaveClass(/present/);
    const gaps = await slide.evaluate((s) => {
      const canvas = document.querySelector(".reveal .slides")!.getBoundingClientRect();
      const parts = [...s.querySelector(".slide-body")!.children].map((c) => c.getBoundingClientRect());
      return { above: Math.min(...parts.map((r) => r.top)) - canvas.top, below: canvas.bottom - Math.max(...parts.map((r) => r.bottom)) };
    });
    // Room above as well as below: within 40 px of the middle.
    expect(gaps.above, `slide ${n}`).toBeGreaterThan(100);
    expect(Math.abs(gaps.above - gaps.below), `slide ${n}`).toBeLessThan(40);
  }
});

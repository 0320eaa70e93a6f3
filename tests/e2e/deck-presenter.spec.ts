import { test, expect, type Page } from "@playwright/test";

// What a presenter meets in front of a class (issue #18, item 6): slide numbers that are the URL,
// links to a slide that work on a phone, a clicker that always moves the deck, a speaker view that
// paces the talk against the deck's planned duration, and drawing on a slide.

/** The number reveal shows in the corner, e.g. "12/15" -> [12, 15]. */
async function shownNumber(page: Page): Promise<[number, number]> {
  const text = (await page.locator(".slide-number").textContent()) ?? "";
  const [c, t] = text.replace(/\s+/g, "").split("/").map(Number);
  return [c!, t!];
}

test("every slide's number is the one in the URL (#/n, counted from 1)", async ({ page }) => {
  test.slow();
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto("/decks/why-secrets/");
  await expect(page.locator(".reveal.ready")).toHaveCount(1);
  const [, total] = await shownNumber(page);
  expect(total).toBeGreaterThan(10);
  for (let n = 1; n <= total; n++) {
    // "n" (as PageDown) shows a slide's steps first, then moves on: press until the number moves.
    for (let press = 0; n > 1 && press < 12 && (await shownNumber(page))[0] < n; press++) await page.keyboard.press("n");
    expect(await shownNumber(page)).toEqual([n, total]);
    // The first slide has no hash; every other slide names its number.
    if (n > 1) await expect(page).toHaveURL(new RegExp(`#/${n}$`));
  }
  // A link to a slide opens that slide, with that number.
  await page.goto("/decks/why-secrets/#/12");
  await page.reload();
  await expect.poll(() => shownNumber(page)).toEqual([12, total]);
  await expect(page.locator(".reveal .slides > section.present")).toHaveAttribute("data-slide", "12");
});

test("a link to a slide opens that slide on a phone, and the address keeps naming it", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto("/decks/why-secrets/#/4");
  const slide = page.locator('.reveal .slides section[data-slide="4"]');
  await expect(slide).toHaveClass(/present/);
  await expect(slide.getByRole("heading", { level: 2 })).toBeInViewport();
  await expect(page).toHaveURL(/#\/4$/);
  expect(await shownNumber(page)).toEqual([4, 15]);
  // Moving on (the arrow control, as a tap): the address follows, so sharing it shares that slide.
  await page.locator(".reveal .controls .navigate-right").tap();
  await expect(page.locator('.reveal .slides section[data-slide="5"]')).toHaveClass(/present/);
  await expect(page).toHaveURL(/#\/5$/);
  await context.close();
});

test("PageDown and PageUp (a clicker) move the deck after typing in a slide's terminal or editor", async ({ page }) => {
  test.slow();
  await page.goto("/decks/file-mounts/#/3");
  const terminal = page.locator('.reveal section[data-slide="3"] secrets-terminal');
  await expect(terminal.locator(".xterm-rows")).toContainText("learner@secrets-lab:", { timeout: 20_000 });
  await terminal.locator(".xterm-screen").click();
  await page.keyboard.type("ls");
  await expect(terminal.locator(".xterm-rows")).toContainText("$ ls");
  await page.keyboard.press("PageDown");
  await expect(page).toHaveURL(/#\/4$/);
  await page.keyboard.press("PageUp");
  await expect(page).toHaveURL(/#\/3$/);
  // The terminal let go of the focus: the arrow keys move slides again too.
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/#\/4$/);

  await page.goto("/decks/why-secrets/#/4");
  const editor = page.locator('.reveal section[data-slide="4"]').getByRole("textbox", { name: /Code editor/ });
  await editor.click();
  await page.keyboard.type("// typed in class\n");
  await page.keyboard.press("PageDown");
  await expect(page).toHaveURL(/#\/5$/);
});

test("the speaker view paces the talk against the deck's duration, and Upcoming does not cover the next slide", async ({ page, context }) => {
  test.slow();
  await context.clock.install();
  await page.goto("/decks/why-secrets/");
  await expect(page.locator(".reveal.ready")).toHaveCount(1);
  const popup = page.waitForEvent("popup");
  await page.keyboard.press("s");
  const speaker = await popup;
  const pace = speaker.locator(".deck-pacing");
  // why-secrets plans 20 minutes over 15 slides: slide 1 starts at 0:00.
  await expect(pace).toContainText("of 20:00 planned", { timeout: 15_000 });
  await expect(pace).toContainText("slide 1 of 15");
  await expect(pace).toContainText("on time");
  // Five minutes on the title slide: behind by five minutes.
  await context.clock.fastForward("05:00");
  await expect(pace).toContainText(/5:0\d elapsed/);
  await expect(pace).toContainText(/5:0\d behind/);
  // Seven slides on, the plan is at 9:20 (7/15 of 20 minutes): now ahead.
  await page.evaluate(() => (location.hash = "#/8"));
  await expect(pace).toContainText("slide 8 of 15 is planned at 9:20");
  await expect(pace).toContainText(/4:\d\d ahead/);

  // The "Upcoming" label sits above the preview of the next slide, not over its title.
  const label = await speaker.locator("#upcoming-slide .label").boundingBox();
  const preview = await speaker.locator("#upcoming-slide iframe").boundingBox();
  expect(label && preview).toBeTruthy();
  expect(label!.y + label!.height).toBeLessThanOrEqual(preview!.y);
});

test("D draws on the slide; D or Esc stops, and closed it takes no key", async ({ page }) => {
  test.slow();
  await page.goto("/decks/why-secrets/");
  await expect(page.locator(".reveal.ready")).toHaveCount(1);
  await page.keyboard.press("d");
  const canvas = page.locator(".deck-draw canvas");
  await expect(canvas).toBeVisible();
  await page.mouse.move(300, 300);
  await page.mouse.down();
  await page.mouse.move(500, 350, { steps: 8 });
  await page.mouse.up();
  const inked = await canvas.evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
  expect(inked).toBeGreaterThan(100);
  // Esc closes the drawing, and does not open reveal's overview.
  await page.keyboard.press("Escape");
  await expect(page.locator(".deck-draw")).toHaveCount(0);
  await expect(page.locator(".reveal.overview")).toHaveCount(0);
  await page.keyboard.press("d");
  await expect(canvas).toBeVisible();
  await page.keyboard.press("d");
  await expect(page.locator(".deck-draw")).toHaveCount(0);
  // Closed: the arrow keys move slides, and typing "d" in a terminal types a d.
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/#\/2$/);
  await page.goto("/decks/file-mounts/#/3");
  const terminal = page.locator('.reveal section[data-slide="3"] secrets-terminal');
  await expect(terminal.locator(".xterm-rows")).toContainText("learner@secrets-lab:", { timeout: 20_000 });
  await terminal.locator(".xterm-screen").click();
  await page.keyboard.type("docker");
  await expect(terminal.locator(".xterm-rows")).toContainText("$ docker");
  await expect(page.locator(".deck-draw")).toHaveCount(0);
});

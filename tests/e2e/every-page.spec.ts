import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { builtRoutes, DIST, ROUTES_WITH_JS } from "./site-routes";

const routes = builtRoutes();

test("the build wrote the expected pages", () => {
  for (const r of ["/", "/lessons/why-secrets/", "/decks/why-secrets/", "/exercises/spot-the-leaks/", "/search/", "/404"]) {
    expect(routes).toContain(r);
  }
});

for (const route of routes) {
  test(`${route}: no axe violations, console errors or third-party requests`, async ({ page, baseURL }) => {
    // Every example's sandbox on one page: axe checks the contrast of each highlighted token, twice.
    // 15 s on an idle machine, near 30 s under a loaded CI: more time, not fewer checks.
    // Lessons with sandboxes (AWS, Key Vault) and exercise answer pages are the next heaviest: axe runs
    // twice over every token; a loaded machine needs more time, not fewer checks.
    test.slow(route === "/examples/" || route.startsWith("/lessons/") || route.endsWith("/answers/"));
    const origin = new URL(baseURL!).origin;
    const consoleErrors: string[] = [];
    const foreign: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") consoleErrors.push(msg.text());
    });
    page.on("pageerror", (err) => consoleErrors.push(err.message));
    page.on("request", (req) => {
      const url = new URL(req.url());
      if (!["data:", "blob:"].includes(url.protocol) && url.origin !== origin) foreign.push(req.url());
    });

    const response = await page.goto(route, { waitUntil: "networkidle" });
    // The 404 page is served with status 404 by design when visited at an unknown path.
    if (route !== "/404") expect(response?.status()).toBe(200);

    // Both themes: light and dark colours are separate palettes and can fail separately.
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(axe.violations.map((v) => `${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    }
    expect(consoleErrors.filter((e) => !(route === "/404" && /404/.test(e)))).toEqual([]);
    expect(foreign).toEqual([]);
  });

  test(`${route}: every internal link resolves`, async ({ page, request, baseURL }) => {
    await page.goto(route);
    const origin = new URL(baseURL!).origin;
    const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
    const internal = [...new Set(hrefs.map((h) => h.split("#")[0]!).filter((h) => h.startsWith(origin)))];
    expect(internal.length).toBeGreaterThan(0);
    for (const href of internal) {
      const res = await request.get(href);
      expect(res.status(), `${route} links to ${href}`).toBe(200);
    }
  });
}

test("prose-only pages ship no JavaScript", () => {
  const fileOf = (route: string) => (route.endsWith("/") ? join(DIST, route, "index.html") : join(DIST, `${route}.html`));
  // A page is prose-only unless it is a deck, search, or embeds an island (a sandbox or a terminal).
  const prose = routes.filter((r) => !ROUTES_WITH_JS.some((re) => re.test(r)) && !/<secrets-(sandbox|terminal)\b/.test(readFileSync(fileOf(r), "utf8")));
  expect(prose).toEqual(expect.arrayContaining(["/404", "/exercises/spot-the-leaks/answers/"]));
  for (const route of prose) {
    const html = readFileSync(fileOf(route), "utf8");
    expect(html, `${route} has a <script>`).not.toMatch(/<script\b/i);
    expect(html, `${route} preloads a module`).not.toMatch(/modulepreload/i);
  }
});

test("unknown addresses get the 404 page", async ({ page }) => {
  const res = await page.goto("/no/such/page/");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await page.getByRole("link", { name: "Go to the course map" }).click();
  await expect(page.getByRole("heading", { name: "Course map" })).toBeVisible();
});

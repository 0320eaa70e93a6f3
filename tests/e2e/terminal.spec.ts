import { test, expect, type Locator, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

// The Docker terminal as a learner uses it: type at the prompt, read the screen.
const KEY = "sk_test_51FakeKeyForSecretsLab000000000000";
const RUN = `docker run -d --name payments -e EXTERNAL_API_KEY=${KEY} node:22-alpine sleep infinity`;

async function openTerminal(page: Page): Promise<{ region: Locator; rows: Locator; live: Locator; input: Locator }> {
  await page.goto("/terminal/");
  const region = page.getByRole("region", { name: "Terminal: Docker terminal" });
  // xterm only paints while visible; the island also waits for visibility before loading.
  await region.scrollIntoViewIfNeeded();
  const rows = region.locator(".xterm-rows");
  await expect(rows).toContainText("learner@secrets-lab:/work$");
  const input = region.getByRole("textbox", { name: "Terminal input: Docker terminal" });
  await input.focus();
  return { region, rows, live: region.locator(".terminal-live"), input };
}

/** Type a line and press Enter, then wait until its output has been announced. */
async function run(page: Page, live: Locator, line: string): Promise<void> {
  await live.evaluate((el) => (el.textContent = ""));
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
  await expect(live).not.toBeEmpty();
}

test("docker run -e, then docker inspect shows the key", async ({ page }) => {
  const { rows, live } = await openTerminal(page);
  await run(page, live, RUN);
  await run(page, live, "docker inspect --format '{{json .Config.Env}}' payments");
  await expect(live).toContainText(`"EXTERNAL_API_KEY=${KEY}"`);
  await expect(rows).toContainText(`EXTERNAL_API_KEY=${KEY}`);
});

test("Up recalls the last command, Tab completes, Ctrl+C cancels the line", async ({ page }) => {
  const { rows, live } = await openTerminal(page);
  await run(page, live, "echo first-command");
  await page.keyboard.press("ArrowUp");
  await expect(rows).toContainText("$ echo first-command", { useInnerText: true });
  await page.keyboard.press("Control+u");

  await page.keyboard.type("docker ins");
  await page.keyboard.press("Tab");
  await expect(rows).toContainText("$ docker inspect", { useInnerText: true });

  await page.keyboard.press("Control+c");
  await expect(rows).toContainText("docker inspect ^C");
  await run(page, live, "echo after-cancel");
  // Had the cancelled text survived, the shell would have run "docker inspect echo ...".
  await expect(live).toHaveText("after-cancel");
});

test("a suggested command's button types it at the prompt", async ({ page }) => {
  const { region, rows, live } = await openTerminal(page);
  await region.getByRole("button", { name: RUN }).click();
  await expect(rows).toContainText(`EXTERNAL_API_KEY=${KEY}`);
  await expect(live).toBeEmpty(); // typed, not run: the learner presses Enter
  await page.keyboard.press("Enter");
  await expect(live).toHaveText(/^[0-9a-f]{64}$/);
});

test("Reset empties docker ps", async ({ page }) => {
  const { region, live } = await openTerminal(page);
  await run(page, live, RUN);
  await run(page, live, "docker ps --format '{{.Names}}'");
  await expect(live).toHaveText("payments");
  await region.getByRole("button", { name: "Reset" }).click();
  await expect(live).toContainText("Reset");
  await region.getByRole("textbox", { name: /Terminal input/ }).focus();
  await run(page, live, "docker ps --format '{{.Names}}'");
  await expect(live).toHaveText("(no output)");
});

test("an unknown command gets bash's error, in red", async ({ page }) => {
  const { rows, live } = await openTerminal(page);
  await run(page, live, "foo");
  await expect(live).toHaveText("bash: foo: command not found");
  // stderr is drawn in ANSI red (colour 1), stdout in the default colour.
  await expect(rows.locator(".xterm-fg-1").filter({ hasText: "bash: foo: command not found" })).toHaveCount(1);
});

test("the keyboard can reach the terminal and leave it with Esc, Tab", async ({ page }) => {
  const { region, input } = await openTerminal(page);
  await region.getByRole("button", { name: "Reset" }).focus();
  await page.keyboard.press("Tab");
  await expect(input).toBeFocused();
  await page.keyboard.press("Tab"); // completion: focus stays
  await expect(input).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await expect(input).not.toBeFocused();
  await expect(region.getByRole("button", { name: RUN })).toBeFocused();
});

test("without JavaScript the suggested commands read as a transcript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/terminal/");
  const transcript = page.getByRole("list", { name: "Commands to try" });
  await expect(transcript).toContainText(RUN);
  await context.close();
});

test("the live terminal, with output and errors on screen, is axe-clean in both themes", async ({ page }) => {
  const { live } = await openTerminal(page);
  await run(page, live, RUN);
  await run(page, live, "docker inspect --format '{{json .Config.Env}}' payments");
  await run(page, live, "foo");
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const axe = await new AxeBuilder({ page }).include("secrets-terminal").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(axe.violations.map((v) => `${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
});

test("a lesson's scenario terminal: the build arg is in docker history, the secret mount is not", async ({ page }) => {
  await page.goto("/lessons/buildkit/");
  const region = page.getByRole("region", { name: "Terminal: Build arguments leak into docker history; secret mounts do not" });
  await region.scrollIntoViewIfNeeded();
  const live = region.locator(".terminal-live");
  await expect(region.locator(".xterm-rows")).toContainText("learner@secrets-lab:/work$");
  const runChip = async (command: string) => {
    await live.evaluate((el) => (el.textContent = ""));
    await region.getByRole("button", { name: command, exact: true }).click();
    await page.keyboard.press("Enter");
    await expect(live).not.toBeEmpty();
  };
  await runChip("docker build -t payments:leaky --build-arg NPM_TOKEN=$NPM_TOKEN .");
  await expect(live).toContainText("naming to docker.io/library/payments:leaky done");
  // The history table is wider and longer than the terminal: grep picks out the leaking row.
  await run(page, live, "docker history --no-trunc payments:leaky | grep npm_FAKE");
  await expect(live).toContainText("NPM_TOKEN=npm_FAKE0123456789abcdefFAKE");
  await runChip("docker build -t payments:fixed -f Dockerfile.secret --secret id=npm_token,env=NPM_TOKEN .");
  await expect(live).toContainText("naming to docker.io/library/payments:fixed done");
  await run(page, live, "docker history --no-trunc payments:fixed | grep -c npm_FAKE");
  await expect(live).toHaveText("0");
});

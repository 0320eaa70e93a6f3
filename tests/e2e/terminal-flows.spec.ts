import { test, expect, type Locator, type Page } from "@playwright/test";

// Issue 5's flows, typed key by key into the practice terminal in Chromium: files come from
// heredocs typed at the prompt, exactly as a learner would write them.
const TOKEN = "npm_FAKE0123456789abcdefFAKE";
const PASSWORD = "P@ssw0rd-demo-only";

async function openTerminal(page: Page): Promise<{ rows: Locator; live: Locator }> {
  await page.goto("/terminal/");
  const region = page.getByRole("region", { name: "Terminal: Docker terminal" });
  await region.scrollIntoViewIfNeeded();
  const rows = region.locator(".xterm-rows");
  await expect(rows).toContainText("learner@secrets-lab:/work$");
  await region.getByRole("textbox", { name: "Terminal input: Docker terminal" }).focus();
  return { rows, live: region.locator(".terminal-live") };
}

/** Type a line, press Enter, and wait until its output has been announced. */
async function run(page: Page, live: Locator, line: string): Promise<string> {
  await live.evaluate((el) => (el.textContent = ""));
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
  await expect(live).not.toBeEmpty();
  return (await live.textContent()) ?? "";
}

/**
 * `cat > FILE <<EOF`, its lines at the `> ` prompt, then EOF (which runs it). `quoted` types
 * `<<'EOF'`, so the shell leaves `${VAR}` in the body alone (for an .npmrc that names a variable).
 */
async function heredoc(page: Page, live: Locator, file: string, lines: string[], quoted = false): Promise<void> {
  await page.keyboard.type(`cat > ${file} <<${quoted ? "'EOF'" : "EOF"}`);
  await page.keyboard.press("Enter");
  for (const line of lines) {
    await page.keyboard.type(line);
    await page.keyboard.press("Enter");
  }
  await expect(await run(page, live, "EOF")).toBe("(no output)");
}

test("a --build-arg token is in docker history; a secret mount leaves nothing", async ({ page }) => {
  test.setTimeout(90_000);
  const { live } = await openTerminal(page);
  await heredoc(page, live, "package.json", ['{"name":"payments","dependencies":{"@acme/ui":"1.0.0"}}']);
  // npm takes the token only from .npmrc, which names the variable: ${NPM_TOKEN}, filled in when npm runs.
  await heredoc(page, live, ".npmrc", ["//registry.npmjs.org/:_authToken=${NPM_TOKEN}"], true);
  expect(await run(page, live, "cat .npmrc")).toBe("//registry.npmjs.org/:_authToken=${NPM_TOKEN}");
  await heredoc(page, live, "Dockerfile", ["FROM node:22-alpine", "ARG NPM_TOKEN", "WORKDIR /app", "COPY package.json .npmrc ./", "RUN npm ci", 'CMD ["node", "app.js"]']);
  await run(page, live, `docker build -t payments:leaky --build-arg NPM_TOKEN=${TOKEN} .`);
  await expect(live).toContainText("naming to docker.io/library/payments:leaky");
  expect(await run(page, live, "docker history --no-trunc payments:leaky")).toContain(`NPM_TOKEN=${TOKEN}`);

  await heredoc(page, live, "Dockerfile", ["# syntax=docker/dockerfile:1", "FROM node:22-alpine", "WORKDIR /app", "COPY package.json .npmrc ./", "RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN,required=true npm ci", 'CMD ["node", "app.js"]']);
  await run(page, live, `export NPM_TOKEN=${TOKEN}`);
  await run(page, live, "docker build -t payments:fixed --secret id=npm_token,env=NPM_TOKEN .");
  await expect(live).toContainText("naming to docker.io/library/payments:fixed");
  expect(await run(page, live, "docker history --no-trunc payments:fixed | grep -c npm_FAKE")).toBe("0");
  expect(await run(page, live, "docker image inspect payments:fixed | grep -c npm_FAKE")).toBe("0");
});

test("a swarm secret in a service's task, rotated with --secret-rm/--secret-add", async ({ page }) => {
  test.setTimeout(90_000);
  const { rows, live } = await openTerminal(page);
  await run(page, live, "docker swarm init");
  await expect(live).toContainText("Swarm initialized");
  await run(page, live, `printf '${PASSWORD}' | docker secret create db_password -`);
  await run(page, live, "docker service create -d --name api --secret db_password node:22-alpine sleep infinity");
  expect(await run(page, live, "docker exec $(docker ps -q -f name=api) cat /run/secrets/db_password")).toBe(PASSWORD);
  await expect(rows).toContainText(PASSWORD);

  expect(await run(page, live, "docker secret rm db_password")).toContain("is in use by the following service: api");
  await run(page, live, `printf '${PASSWORD}-v2' | docker secret create db_password_v2 -`);
  await run(page, live, "docker service update -d --secret-rm db_password --secret-add source=db_password_v2,target=db_password api");
  expect(await run(page, live, "docker exec $(docker ps -q -f name=api) cat /run/secrets/db_password")).toBe(`${PASSWORD}-v2`);
  expect(await run(page, live, "docker secret rm db_password")).toBe("db_password");
});

test("docker run -e, then docker inspect shows the value", async ({ page }) => {
  const { live } = await openTerminal(page);
  await run(page, live, `docker run -d --name payments -e DB_PASSWORD=${PASSWORD} node:22-alpine sleep infinity`);
  expect(await run(page, live, "docker inspect -f '{{json .Config.Env}}' payments")).toContain(`"DB_PASSWORD=${PASSWORD}"`);
});

test("the learner's app runs in the page's runtime: a secret file under swarm, -e under docker run", async ({ page }) => {
  test.setTimeout(90_000);
  const { live } = await openTerminal(page);
  await heredoc(page, live, "app.js", [
    'const fs = require("node:fs");',
    "let source = '/run/secrets/db_password';",
    "let pw;",
    "try { pw = fs.readFileSync(source, 'utf8').trim(); } catch { source = 'process.env.DB_PASSWORD'; pw = process.env.DB_PASSWORD; }",
    "console.log('password from ' + source + ', ends in ' + pw.slice(-4));",
  ]);
  await heredoc(page, live, "Dockerfile", ["FROM node:22-alpine", "WORKDIR /app", "COPY app.js ./", 'CMD ["node", "app.js"]']);
  await run(page, live, "docker build -q -t payments-app .");
  await run(page, live, "docker swarm init");
  await run(page, live, `printf '${PASSWORD}' | docker secret create db_password -`);
  await run(page, live, "docker service create -d --name payments --secret db_password payments-app");
  expect(await run(page, live, "docker service logs payments")).toContain("| password from /run/secrets/db_password, ends in only");
  expect(await run(page, live, `docker run --name local -e DB_PASSWORD=${PASSWORD}-v2 payments-app`)).toBe("password from process.env.DB_PASSWORD, ends in y-v2");
  expect(await run(page, live, "docker logs local")).toBe("password from process.env.DB_PASSWORD, ends in y-v2");
});

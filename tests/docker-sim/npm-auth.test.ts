import { describe, expect, it } from "vitest";
import { layerFiles } from "../../src/docker-sim/index.ts";
import { session, type Session } from "./helpers.ts";

// npm reads a registry token only from its config (.npmrc), never from NPM_TOKEN on its own;
// `${VAR}` in an .npmrc value is filled from npm's environment (npm 10 semantics).
const TOKEN = "npm_FAKE0123456789abcdefFAKE";
const PACKAGE_JSON = `{"name":"app","dependencies":{"@acme/ui":"1.0.0","express":"4.21.0"}}`;
const NPMRC = "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n";

function files(s: Session, dockerfile: string, npmrc?: string): void {
  s.engine.host.writeFile("/home/learner/app/package.json", PACKAGE_JSON);
  s.engine.host.writeFile("/home/learner/app/Dockerfile", dockerfile);
  if (npmrc !== undefined) s.engine.host.writeFile("/home/learner/app/.npmrc", npmrc);
}

const SECRET_WITHOUT_NPMRC = `# syntax=docker/dockerfile:1
FROM node:22-alpine
WORKDIR /app
COPY package.json ./
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN,required=true npm ci
`;
const SECRET_WITH_NPMRC = SECRET_WITHOUT_NPMRC.replace("COPY package.json ./", "COPY package.json .npmrc ./");

describe("npm takes its token from .npmrc only", () => {
  it("a bare NPM_TOKEN with no .npmrc is not read: E401 for the private package", async () => {
    const s = session({ NPM_TOKEN: TOKEN });
    files(s, SECRET_WITHOUT_NPMRC);
    const r = await s.run("docker build -t app --secret id=npm_token,env=NPM_TOKEN .");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(
      "#8 0.312 npm error code E401\n#8 0.316 npm error 401 Unauthorized - GET https://registry.npmjs.org/@acme%2fui - authentication token not provided\n",
    );
    expect(r.stderr).toContain('ERROR: failed to build: failed to solve: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1\n');
    expect(s.engine.lastBuild?.npmInstalls).toEqual([{ command: "npm ci", cwd: "/app", tokenSource: null, token: null, ok: false }]);
  });

  it("NODE_AUTH_TOKEN on its own is not read either", async () => {
    const s = session();
    files(s, "FROM node:22-alpine\nWORKDIR /app\nCOPY package.json ./\nRUN NODE_AUTH_TOKEN=" + TOKEN + " npm ci\n");
    const r = await s.run("docker build .");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("npm error code E401\n");
  });

  it(".npmrc with ${NPM_TOKEN} and the variable set: npm installs with the token", async () => {
    const s = session();
    files(s, "FROM node:22-alpine\nWORKDIR /app\nCOPY package.json .npmrc ./\nRUN NPM_TOKEN=" + TOKEN + " npm ci\n", NPMRC);
    const r = await s.run("docker build -t app .");
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain("added 15 packages, and audited 16 packages in 2s");
    expect(s.engine.lastBuild?.npmInstalls).toEqual([{ command: "npm ci", cwd: "/app", tokenSource: "env", token: TOKEN, ok: true }]);
    expect((await s.run("docker run --rm app ls /app/node_modules")).stdout).toBe("@acme\nexpress\n");
  });

  it(".npmrc with ${NPM_TOKEN} and the variable unset: npm 10 sends the text ${NPM_TOKEN} and gets E401", async () => {
    const s = session();
    files(s, "FROM node:22-alpine\nWORKDIR /app\nCOPY package.json .npmrc ./\nRUN npm ci\n", NPMRC);
    const r = await s.run("docker build -t app .");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(
      [
        "#8 0.312 npm error code E401",
        "#8 0.316 npm error Unable to authenticate, your authentication token seems to be invalid.",
        "#8 0.320 npm error To correct this please try logging in again with:",
        "#8 0.324 npm error   npm login",
        "",
      ].join("\n"),
    );
    // npm 6 and older stopped with "Failed to replace env in config"; npm 7+ leaves the placeholder.
    expect(r.stderr).not.toContain("Failed to replace env");
    expect(s.engine.lastBuild?.npmInstalls[0]).toMatchObject({ tokenSource: null, ok: false });
  });

  it("${NPM_TOKEN?} evaluates to empty when unset: no token at all", async () => {
    const s = session();
    files(s, "FROM node:22-alpine\nWORKDIR /app\nCOPY package.json .npmrc ./\nRUN npm ci\n", "//registry.npmjs.org/:_authToken=${NPM_TOKEN?}\n");
    const r = await s.run("docker build .");
    expect(r.stderr).toContain("npm error 401 Unauthorized - GET https://registry.npmjs.org/@acme%2fui - authentication token not provided\n");
  });

  it("a secret mounted with env=NPM_TOKEN plus the .npmrc installs, and history holds no token", async () => {
    const s = session({ NPM_TOKEN: TOKEN });
    files(s, SECRET_WITH_NPMRC, NPMRC);
    const r = await s.run("docker build -t app --secret id=npm_token,env=NPM_TOKEN .");
    expect(r.exitCode, r.stderr).toBe(0);
    expect(s.engine.lastBuild?.npmInstalls).toEqual([{ command: "npm ci", cwd: "/app", tokenSource: "env", token: TOKEN, ok: true }]);
    const history = await s.run("docker history --no-trunc app");
    expect(history.stdout).toContain("RUN /bin/sh -c npm ci # buildkit");
    expect(history.stdout).not.toContain(TOKEN);
    expect((await s.run("docker image inspect app")).stdout).not.toContain(TOKEN);
    // The .npmrc in the image holds the placeholder, not the token.
    expect((await s.run("docker run --rm app cat /app/.npmrc")).stdout).toBe(NPMRC);
    for (const layer of s.engine.images.get("app").layers) for (const content of layerFiles(layer).values()) expect(content).not.toContain(TOKEN);
  });

  it("reads ~/.npmrc too; a literal token there is reported as coming from the file", async () => {
    const s = session();
    files(s, "FROM node:22-alpine\nWORKDIR /app\nCOPY package.json ./\nRUN echo '//registry.npmjs.org/:_authToken=" + TOKEN + "' > /root/.npmrc && npm ci && rm /root/.npmrc\n");
    const r = await s.run("docker build .");
    expect(r.exitCode, r.stderr).toBe(0);
    expect(s.engine.lastBuild?.npmInstalls[0]).toMatchObject({ tokenSource: "npmrc", token: TOKEN, ok: true });
  });

  it("the token must be for the registry the scope comes from", async () => {
    const s = session({ NPM_TOKEN: TOKEN });
    files(s, SECRET_WITH_NPMRC, "@acme:registry=https://registry.example/\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n");
    const wrong = await s.run("docker build --secret id=npm_token,env=NPM_TOKEN .");
    expect(wrong.stderr).toContain("npm error 401 Unauthorized - GET https://registry.example/@acme%2fui - authentication token not provided\n");
    s.engine.host.writeFile("/home/learner/app/.npmrc", "@acme:registry=https://registry.example/\n//registry.example/:_authToken=${NPM_TOKEN}\n");
    const right = await s.run("docker build --secret id=npm_token,env=NPM_TOKEN .");
    expect(right.exitCode, right.stderr).toBe(0);
  });

  it("the project's .npmrc wins over ~/.npmrc", async () => {
    const s = session();
    files(
      s,
      "FROM node:22-alpine\nWORKDIR /app\nCOPY package.json .npmrc ./\nRUN echo '//registry.npmjs.org/:_authToken=npm_FAKEuser' > /root/.npmrc && NPM_TOKEN=" + TOKEN + " npm ci\n",
      NPMRC,
    );
    expect((await s.run("docker build .")).exitCode).toBe(0);
    expect(s.engine.lastBuild?.npmInstalls[0]).toMatchObject({ tokenSource: "env", token: TOKEN });
  });

  it("an _authToken not scoped to a registry is refused, as npm 9+ does", async () => {
    const s = session();
    files(s, "FROM node:22-alpine\nWORKDIR /app\nCOPY package.json ./\nRUN echo '_authToken=npm_FAKEbare' > .npmrc && npm ci\n");
    const r = await s.run("docker build .");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(
      "npm error code ERR_INVALID_AUTH\n#8 0.316 npm error Invalid auth configuration found: `_authToken` must be renamed to `//registry.npmjs.org/:_authToken` in project config\n",
    );
  });

  it("public packages need no token", async () => {
    const s = session();
    s.engine.host.writeFile("/home/learner/app/package.json", '{"dependencies":{"express":"4.21.0","@types/node":"22.0.0"}}');
    s.engine.host.writeFile("/home/learner/app/Dockerfile", "FROM node:22-alpine\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\n");
    const r = await s.run("docker build .");
    expect(r.exitCode, r.stderr).toBe(0);
    expect(s.engine.lastBuild?.npmInstalls[0]).toMatchObject({ tokenSource: null, token: null, ok: true });
  });
});

describe("a secret keeps its trailing newline, as BuildKit passes it", () => {
  it("a token file that ends with a newline reaches npm's Authorization header and fails", async () => {
    const s = session();
    files(s, SECRET_WITH_NPMRC, NPMRC);
    s.engine.host.writeFile("/home/learner/npm_token", `${TOKEN}\n`);
    const r = await s.run("docker build -t app --secret id=npm_token,src=/home/learner/npm_token .");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('npm error Invalid character in header content ["authorization"]');
  });

  it("the same file without the newline builds", async () => {
    const s = session();
    files(s, SECRET_WITH_NPMRC, NPMRC);
    s.engine.host.writeFile("/home/learner/npm_token", TOKEN);
    const r = await s.run("docker build -t app --secret id=npm_token,src=/home/learner/npm_token .");
    expect(r.exitCode).toBe(0);
  });
});

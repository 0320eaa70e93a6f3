import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/docker-sim";
import { FREE_TERMINAL, allTerminalScenarios, getTerminalScenario, parseTerminalScenario } from "../../src/terminals/load-terminal-scenarios";
import { ScenarioSetupError, startTerminalSession } from "../../src/terminals/terminal-session";
import { builtinOf } from "../../src/terminals/builtins";
import { TerminalScenarioSchema } from "../../src/schemas/terminal-scenario";

// Every scenario a lesson can embed starts here in Node exactly as the island starts it
// in the page: files written, swarm initialised, setup commands run (each must exit 0).
const scenarios = [FREE_TERMINAL, ...allTerminalScenarios()];
const clock = () => new ManualClock("2025-01-15T09:30:00.000Z");

describe("content/terminals", () => {
  it("has the scenarios the lessons embed", () => {
    expect(allTerminalScenarios().map((s) => s.id)).toEqual(expect.arrayContaining(["buildkit/history-leak", "env-vars/docker-inspect", "file-mounts/bind-mount", "swarm/secrets"]));
  });

  for (const { id, scenario } of scenarios) {
    it(`${id}: setup succeeds and every suggested command runs`, async () => {
      const { shell } = await startTerminalSession(scenario, { clock: clock() });
      expect(shell.cwd).toBe(scenario.cwd);
      for (const command of scenario.suggested) {
        if (builtinOf(command)) continue; // `help`, `history`, `clear` belong to the terminal, not the shell
        // Suggested commands may fail on purpose (a secret in use), but never as a typo would.
        const result = await shell.exec(command);
        expect(result.stderr, command).not.toMatch(/command not found|unknown (command|flag|shorthand flag)/);
      }
    });
  }
});

describe("what the scenarios teach still happens", () => {
  it("env-vars/docker-inspect: the -e key shows up in docker inspect and /proc/1/environ", async () => {
    const { scenario } = getTerminalScenario("env-vars/docker-inspect");
    const { shell } = await startTerminalSession(scenario, { clock: clock() });
    for (const c of scenario.suggested.slice(0, 1)) expect((await shell.exec(c)).exitCode).toBe(0);
    expect((await shell.exec("docker inspect --format '{{json .Config.Env}}' payments")).stdout).toContain("EXTERNAL_API_KEY=sk_test_51FakeKeyForSecretsLab000000000000");
    expect((await shell.exec("docker exec payments cat /proc/1/environ")).stdout).toContain("sk_test_51FakeKeyForSecretsLab000000000000");
  });

  it("file-mounts/bind-mount: inspect shows the mount, not the value; the file is read-only", async () => {
    const { shell } = await startTerminalSession(getTerminalScenario("file-mounts/bind-mount").scenario, { clock: clock() });
    await shell.exec("docker run -d --name api -v /srv/secrets/db_password:/run/secrets/db_password:ro node:22-alpine sleep infinity");
    const inspect = await shell.exec("docker inspect api");
    expect(inspect.stdout).toContain('"Destination": "/run/secrets/db_password"');
    expect(inspect.stdout).not.toContain("P@ssw0rd-demo-only");
    expect((await shell.exec("docker exec api cat /run/secrets/db_password")).stdout).toBe("P@ssw0rd-demo-only\n");
    expect((await shell.exec("docker exec api sh -c 'echo x > /run/secrets/db_password'")).stderr).toContain("Read-only file system");
  });

  it("swarm/secrets: the host is a swarm manager from the start", async () => {
    const { shell } = await startTerminalSession(getTerminalScenario("swarm/secrets").scenario, { clock: clock() });
    expect((await shell.exec("printf 'x' | docker secret create k -")).exitCode).toBe(0);
  });

  it("buildkit/history-leak: the build arg is in history, the secret mount is not", async () => {
    const { scenario } = getTerminalScenario("buildkit/history-leak");
    const { shell } = await startTerminalSession(scenario, { clock: clock() });
    for (const c of scenario.suggested) await shell.exec(c);
    const token = scenario.env.NPM_TOKEN!;
    // Both builds succeed: the secret build's npm ci finds its token through the committed .npmrc.
    expect((await shell.exec("docker images -q payments:leaky")).stdout).not.toBe("");
    expect((await shell.exec("docker images -q payments:fixed")).stdout).not.toBe("");
    expect((await shell.exec("docker run --rm payments:fixed cat /app/.npmrc")).stdout).toBe("//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n");
    expect((await shell.exec("docker history --no-trunc payments:leaky")).stdout).toContain(token);
    expect((await shell.exec("docker history --no-trunc payments:fixed")).stdout).not.toContain(token);
  });
});

describe("scenario errors name the file and the field", () => {
  it("a malformed scenario", () => {
    const text = JSON.stringify({ title: "Broken", cwd: "work", env: { "BAD-NAME": "x" }, setup: ["docker ps", ""], sugested: [] });
    expect(() => parseTerminalScenario("content/terminals/env-vars/broken.json", text)).toThrowErrorMatchingInlineSnapshot(`
      [TerminalScenarioError: content/terminals/env-vars/broken.json does not match the terminal scenario schema:
        - cwd: cwd is an absolute path, like /work
        - env.BAD-NAME: env names are letters, digits and _
        - setup.1: a command cannot be empty
        - (root): Unrecognized key: "sugested"]
    `);
  });

  it("a file that is not JSON", () => {
    expect(() => parseTerminalScenario("content/terminals/swarm/oops.json", "{ title: ")).toThrow(/^content\/terminals\/swarm\/oops\.json is not valid JSON: /);
  });

  it("an unknown scenario id lists the known ones", () => {
    expect(() => getTerminalScenario("env-vars/nope")).toThrow(/no terminal scenario "env-vars\/nope" in content\/terminals; known: .*buildkit\/history-leak, .*env-vars\/docker-inspect/);
  });

  it("a setup command that fails names the command and its output", async () => {
    const scenario = TerminalScenarioSchema.parse({ title: "Broken setup", setup: ["docker secret ls"] });
    const err = await startTerminalSession(scenario).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioSetupError);
    expect((err as ScenarioSetupError).message).toMatch(/^setup command failed \(exit 1\): docker secret ls\nError response from daemon: This node is not a swarm manager/);
  });

  it("relative file paths are relative to cwd", async () => {
    const scenario = TerminalScenarioSchema.parse({ title: "Files", cwd: "/home/learner/project", files: { Dockerfile: "FROM alpine:3.20\n", "./.env": "A=1\n" } });
    const { shell } = await startTerminalSession(scenario);
    expect((await shell.exec("cat Dockerfile .env")).stdout).toBe("FROM alpine:3.20\nA=1\n");
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/docker-sim/index.ts";
import { startTerminalSession } from "../../src/terminals/terminal-session";
import { getTerminalScenario } from "../../src/terminals/load-terminal-scenarios";
import { nodeScript, runtimeAppRunner } from "../../src/terminals/runtime-app-runner";
import { SimulatedNetwork } from "../../src/runtime/index.ts";
import { createNodeRuntime } from "../../src/runtime/node.ts";

// The learner's app really runs (in worker threads, as in the page's Workers): the same image
// reads the swarm secret's file under `docker service`, and the variable under `docker run -e`.
const runtime = createNodeRuntime({ network: new SimulatedNetwork() });
afterAll(() => runtime.dispose());

async function start() {
  const { scenario } = getTerminalScenario("swarm/app-reads-secret");
  const { shell } = await startTerminalSession(scenario, { clock: new ManualClock(), appRunner: runtimeAppRunner(() => runtime) });
  return { scenario, run: (line: string) => shell.exec(line) };
}

describe("swarm/app-reads-secret: the app runs in the runtime", () => {
  it("reads /run/secrets/db_password as a swarm service, DB_PASSWORD under docker run -e", async () => {
    const { scenario, run } = await start();
    for (const line of scenario.suggested.slice(0, 4)) expect((await run(line)).exitCode, line).toBe(0);
    const logs = await run("docker service logs payments");
    expect(logs.stdout).toMatch(/^payments\.1\.\w+@docker-desktop {4}\| payments: database password read from \/run\/secrets\/db_password \(18 characters, \*\*\*\*only\)\n$/);
    expect(logs.stdout).not.toContain("P@ssw0rd-demo-only");

    const line = "payments: database password read from process.env.DB_PASSWORD (18 characters, ****only)\n";
    expect(await run("docker run --name local -e DB_PASSWORD=P@ssw0rd-demo-only payments-app")).toEqual({ stdout: line, stderr: "", exitCode: 0 });
    expect((await run("docker logs local")).stdout).toBe(line);
    expect((await run("docker ps -a --filter name=local --format '{{.Status}}'")).stdout).toMatch(/^Exited \(0\)/);
  });

  it("fails like node when neither the secret nor the variable is there", async () => {
    const { run } = await start();
    await run("docker build -q -t payments-app .");
    const r = await run("docker run --name bare payments-app");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("Error: no database password: mount the db_password secret or set DB_PASSWORD");
  });

  it("a CMD whose script the image lacks fails with node's message", async () => {
    const { run } = await start();
    await run("docker build -q -t payments-app .");
    const r = await run("docker run --rm payments-app node server.js");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("Error: Cannot find module '/app/server.js'");
  });
});

describe("nodeScript", () => {
  it("finds the script after node and its flags, past the image's entrypoint", () => {
    expect(nodeScript(["docker-entrypoint.sh", "node", "app.js"])).toEqual({ script: "app.js", args: [] });
    expect(nodeScript(["/usr/local/bin/node", "--enable-source-maps", "dist/app.js", "--port", "3000"])).toEqual({ script: "dist/app.js", args: ["--port", "3000"] });
    expect(nodeScript(["sleep", "infinity"])).toBeUndefined();
  });
});

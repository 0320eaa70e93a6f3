/**
 * `npm run sim` as a developer runs it: a real process on 127.0.0.1 per provider, the environment
 * printed for the client, and bad input ending in one line and exit code 2.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");

function sim(args: string[]) {
  const child = spawn(process.execPath, ["--experimental-transform-types", "--no-warnings", "scripts/sim.ts", ...args], { cwd: root });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const printed = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const look = () => {
        const match = pattern.exec(stdout);
        if (match) resolve(match);
      };
      child.stdout.on("data", look);
      child.on("exit", () => reject(new Error(`exited before printing ${pattern}: ${stderr}`)));
    });
  return { child, exited, printed, output: () => ({ stdout, stderr }) };
}

describe("npm run sim", () => {
  it("serves the payments API and prints where", async () => {
    const run = sim(["--only", "payments", "--port", "0"]);
    const [, url] = await run.printed(/PAYMENTS_API_URL=(\S+)/);
    const response = await fetch(`${url}/v1/charges`, {
      method: "POST",
      headers: { authorization: "Bearer sk_test_51FakeKeyForSecretsLabOnly", "content-type": "application/json" },
      body: JSON.stringify({ amount: 1200, currency: "eur" }),
    });
    expect(response.status).toBeLessThan(500);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it("refuses an unknown flag in one line, exit code 2", async () => {
    const run = sim(["--colour"]);
    expect(await run.exited).toBe(2);
    expect(run.output().stderr).toMatch(/^sim: Unknown option '--colour'/);
  });

  it("says a busy port is busy, exit code 2", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = sim(["--only", "azure", "--port", String(port)]);
      expect(await run.exited).toBe(2);
      expect(run.output().stderr).toBe(`sim: azure: port ${port} is already in use (choose another with --only azure --port <n>)\n`);
    } finally {
      blocker.close();
    }
  });

  it("names a provider it does not have", async () => {
    const run = sim(["--only", "nope"]);
    expect(await run.exited).toBe(2);
    expect(run.output().stderr).toMatch(/^sim: no provider 'nope' with a REST face \(have: aws, azure, payments/);
  });
});

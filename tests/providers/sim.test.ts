/**
 * `npm run sim` as a developer runs it: a real process on 127.0.0.1 per provider, the environment
 * printed for the client, and bad input ending in one line and exit code 2.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { refusal } from "../../scripts/sim.ts";

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

  it("refuses an oversized seed file in one line, exit code 2, without reading it", async () => {
    const seed = join(mkdtempSync(join(tmpdir(), "sim-seed-")), "huge.json");
    writeFileSync(seed, `{"azure":${JSON.stringify("x".repeat(6 * 1024 * 1024))}}`);
    const run = sim(["--seed", seed]);
    expect(await run.exited).toBe(2);
    expect(run.output().stderr).toBe(`sim: seed file ${seed} is 6.0 MB; the limit is 5 MB\n`);
  });

  it("answers a foreign or missing Host and TRACE with a JSON 400, and serves its own host", async () => {
    const run = sim(["--only", "azure", "--port", "0"]);
    const [, url] = await run.printed(/VAULT_URL=(\S+)/);
    const { port } = new URL(url!);
    const send = (method: string, headers: Record<string, string>, setHost = true) =>
      new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port: Number(port), path: "/secrets?api-version=7.5", method, headers, setHost }, (res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += c.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), body }));
        });
        req.on("error", reject);
        req.end();
      });
    try {
      const foreign = await send("GET", { host: "attacker.example" });
      expect(foreign.status).toBe(400);
      expect(foreign.type).toMatch(/application\/json/);
      expect(JSON.parse(foreign.body)).toEqual({ error: { code: "BadRequest", message: `Host header 'attacker.example' is not this server (use 127.0.0.1:${port} or localhost:${port})` } });

      const missing = await send("GET", {}, false);
      expect(missing.status).toBe(400);
      expect(JSON.parse(missing.body).error.message).toBe("Missing Host header");

      const trace = await send("TRACE", { host: `127.0.0.1:${port}` });
      expect(trace.status).toBe(400);
      expect(JSON.parse(trace.body).error.message).toBe("Method TRACE is not allowed");

      // Its own host gets the vault's answer (401 without a token), not the 400.
      expect((await send("GET", { host: `localhost:${port}` })).status).toBe(401);
    } finally {
      run.child.kill("SIGTERM");
      await run.exited;
    }
  });
});

describe("refusal", () => {
  it("lets this machine's names at this port through and nothing else", () => {
    for (const host of ["127.0.0.1:8443", "localhost:8443", "LOCALHOST", "[::1]:8443", "127.0.0.1"]) expect(refusal("GET", host, 8443)).toBeUndefined();
    expect(refusal("GET", "127.0.0.1:9999", 8443)).toMatch(/is not this server/);
    expect(refusal("GET", "payments-kv.vault.azure.net", 8443)).toMatch(/is not this server/);
    expect(refusal("GET", "127.0.0.1.attacker.example:8443", 8443)).toMatch(/is not this server/);
    expect(refusal("TRACE", "127.0.0.1:8443", 8443)).toBe("Method TRACE is not allowed");
    expect(refusal("GET", undefined, 8443)).toBe("Missing Host header");
  });
});

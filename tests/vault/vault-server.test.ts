import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SecretClient } from "@azure/keyvault-secrets";
import { FAKE, paymentsScenario, rejection } from "./fixtures.ts";

// `npm run vault` (scripts/sim.ts --only azure) as a developer runs it: a real process on 127.0.0.1, the official
// SDK over plain http.

const running: ChildProcessWithoutNullStreams[] = [];

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill("SIGTERM");
});

async function startServer(args: string[] = []): Promise<{ child: ChildProcessWithoutNullStreams; url: string; output: () => string }> {
  const child = spawn(process.execPath, ["--experimental-transform-types", "--no-warnings", "scripts/sim.ts", "--only", "azure", "--port", "0", ...args], {
    cwd: join(import.meta.dirname, "../.."),
  });
  running.push(child);
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 15_000);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /VAULT_URL=(\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

const anyToken = { getToken: async () => ({ token: "any-demo-token", expiresOnTimestamp: Date.now() + 3_600_000 }) };
const httpOptions = { allowInsecureConnection: true, disableChallengeResourceVerification: true, retryOptions: { maxRetries: 0 } };

describe("vault-server", () => {
  it("serves the demo vault to the SDK over http, and stops cleanly on SIGTERM", async () => {
    const { child, url } = await startServer();
    const client = new SecretClient(url, anyToken, httpOptions);

    expect((await client.getSecret("StripeApiKey")).value).toBe(FAKE.stripeKey);
    const set = await client.setSecret("WebhookSecret", "whsec_demo_only");
    expect(set.properties.id).toBe(`${url}/secrets/WebhookSecret/${set.properties.version}`);
    const names: string[] = [];
    for await (const p of client.listPropertiesOfSecrets()) names.push(p.name);
    expect(names).toEqual(["DatabasePassword", "StripeApiKey", "WebhookSecret"]);

    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("checks tokens and roles when seeded with a scenario", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vault-seed-"));
    const seed = join(dir, "scenario.json");
    const { startTime: _ignored, ...scenario } = paymentsScenario();
    writeFileSync(seed, JSON.stringify(scenario));
    const { url, output } = await startServer(["--seed", seed]);

    const token = new RegExp("^TOKEN payments-api (\\S+)$", "m").exec(output())?.[1];
    expect(token).toBeDefined();
    const client = new SecretClient(url, { getToken: async () => ({ token: token!, expiresOnTimestamp: Date.now() + 3_000_000 }) }, httpOptions);
    expect((await client.getSecret("StripeApiKey")).value).toBe(FAKE.stripeKey);
    expect((await rejection(client.getSecret("DatabasePassword"))).statusCode).toBe(403);

    const stranger = new SecretClient(url, anyToken, httpOptions);
    expect((await rejection(stranger.getSecret("StripeApiKey"))).statusCode).toBe(401);
  });

  it("refuses an invalid seed with the field at fault", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vault-seed-"));
    const seed = join(dir, "bad.json");
    writeFileSync(seed, JSON.stringify({ vaults: [{ name: "payments-kv", secrets: [{ name: "bad_name", versions: [] }] }] }));
    const child = spawn(process.execPath, ["--experimental-transform-types", "--no-warnings", "scripts/sim.ts", "--only", "azure", "--port", "0", "--seed", seed], {
      cwd: join(import.meta.dirname, "../.."),
    });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(2);
    expect(stderr).toBe(
      "sim: azure: Invalid vault scenario: vaults.0.secrets.0.name: must be 1-127 letters, digits or dashes; vaults.0.secrets.0.versions: a secret needs at least one version\n",
    );
  });
});

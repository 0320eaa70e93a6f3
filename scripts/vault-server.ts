/**
 * The mock Azure Key Vault as a local HTTP server, so the official SDK in your own Node app
 * can talk to it like to Azure:
 *
 *   node --experimental-strip-types scripts/vault-server.ts [--port 8443] [--seed scenario.json] [--vault name]
 *
 * Listens on 127.0.0.1 only, prints the vault URL, serves one vault at that origin, keeps
 * state in memory, stops cleanly on Ctrl+C or SIGTERM.
 * - Without --seed: a demo vault `payments-kv` with fake secrets, and any bearer token acts
 *   as a Key Vault Administrator (as the known emulators do).
 * - With --seed: the scenario's vaults, secrets, identities and role assignments; tokens are
 *   checked. The server prints a token per identity (valid 60 minutes) for your credential.
 *
 * Client options it needs (plain http, and a host that is not *.vault.azure.net):
 *   new SecretClient(url, credential, { allowInsecureConnection: true, disableChallengeResourceVerification: true })
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  createClock,
  createEngineFromScenario,
  createVaultFetch,
  ScenarioError,
  type VaultScenario,
} from "../src/vault/index.ts";

const MAX_BODY_BYTES = 256 * 1024;

const DEMO_SCENARIO: VaultScenario = {
  authMode: "open",
  vaults: [
    {
      name: "payments-kv",
      secrets: [
        { name: "StripeApiKey", versions: [{ value: "sk_test_51FakeKeyForSecretsLabOnly", contentType: "text/plain" }] },
        { name: "DatabasePassword", versions: [{ value: "P@ssw0rd-demo-only" }] },
      ],
    },
  ],
};

function main(): void {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      seed: { type: "string" },
      vault: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write("usage: vault-server [--port <n>] [--seed scenario.json] [--vault <name>]\n");
    return;
  }
  const port = Number(values.port ?? process.env.VAULT_PORT ?? 8443);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0-65535, got '${values.port}'`);

  let scenario: unknown = DEMO_SCENARIO;
  if (values.seed) {
    try {
      scenario = JSON.parse(readFileSync(values.seed, "utf8"));
    } catch (error) {
      fail(`cannot read seed file ${values.seed}: ${(error as Error).message}`);
    }
  }
  let engine;
  try {
    // A server runs in real time: the clock ticks, so throttling windows refill and tokens expire.
    engine = createEngineFromScenario(scenario, { clock: createClock({ frozen: false }) });
  } catch (error) {
    if (error instanceof ScenarioError) fail(error.message);
    throw error;
  }
  const vaultName = (values.vault ?? engine.vaultNames()[0] ?? "").toLowerCase();
  if (!engine.vault(vaultName)) fail(`no vault '${values.vault}' in the scenario (have: ${engine.vaultNames().join(", ")})`);

  const vaultFetch = createVaultFetch(engine, { resolveVault: () => vaultName, maxBodyBytes: MAX_BODY_BYTES });

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(JSON.stringify({ error: { code: "InternalServerError", message: String(error) } }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
      else if (Array.isArray(value)) headers.set(name, value.join(", "));
    }
    const method = req.method ?? "GET";
    const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
      method,
      headers,
      ...(body.length > 0 && method !== "GET" && method !== "HEAD" ? { body } : {}),
    });
    const response = await vaultFetch(request);
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    res.end(Buffer.from(await response.arrayBuffer()));
  }

  server.listen(port, "127.0.0.1", () => {
    const address = server.address();
    const actualPort = typeof address === "object" && address ? address.port : port;
    const url = `http://127.0.0.1:${actualPort}`;
    const out = [
      `Mock Azure Key Vault '${vaultName}' listening at ${url}`,
      `VAULT_URL=${url}`,
      engine.authMode === "open"
        ? "Auth: open (any bearer token acts as Key Vault Administrator)"
        : "Auth: rbac (tokens checked against the scenario's identities and role assignments)",
    ];
    if (engine.authMode === "rbac") {
      for (const identity of engine.identities.list()) {
        out.push(`TOKEN ${identity.name} ${engine.identities.issueToken(identity.name, ["https://vault.azure.net/.default"]).token}`);
      }
    }
    out.push(
      "SecretClient options: { allowInsecureConnection: true, disableChallengeResourceVerification: true }",
      "Stop with Ctrl+C.",
    );
    process.stdout.write(`${out.join("\n")}\n`);
  });

  const stop = (signal: string) => {
    process.stdout.write(`\n${signal}: stopping the mock vault.\n`);
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

/** Reads the body, keeping at most one byte past the limit: enough for the vault to answer 413. */
async function readBody(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (size > MAX_BODY_BYTES) continue;
    chunks.push(chunk);
    size += chunk.length;
  }
  const all = Buffer.concat(chunks);
  return Uint8Array.from(all.subarray(0, MAX_BODY_BYTES + 1));
}

function fail(message: string): never {
  process.stderr.write(`vault-server: ${message}\n`);
  process.exit(2);
}

main();

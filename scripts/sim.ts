/**
 * `npm run sim`: every provider's REST face on 127.0.0.1 for a developer's own Node app, the way
 * LocalStack and moto serve AWS, but offline and for every provider of the course. One port per
 * provider, the same engines and wire formats as the sandbox, state in memory.
 *
 *   npm run sim [-- --seed seed.json] [--only azure] [--port <n>] [--vault <name>]
 *
 * The seed file holds each provider's part by id: `{ "azure": <vault scenario>, "aws": <AWS world> }`
 * (with `--only`, the file may be that provider's part itself). It prints the environment each
 * client needs (`VAULT_URL=...`, `AWS_ENDPOINT_URL=...`). `npm run vault` is `--only azure`.
 * Bad flags, a bad seed or a busy port: one line on stderr and exit code 2.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { readFileSync, statSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { PROVIDERS } from "../src/providers/registry.ts";
import type { SimServer } from "../src/providers/types.ts";

const USAGE = "usage: sim [--seed seed.json] [--only <provider>] [--port <n>] [--vault <name>]";

function fail(message: string): never {
  process.stderr.write(`sim: ${message}\n`);
  process.exit(2);
}

/** A multi-line engine message ("Invalid vault scenario:\n- a\n- b") as one line: "Invalid vault scenario: a; b". */
function oneLine(message: string): string {
  const [first = "", ...rest] = message.split("\n").filter((line) => line.trim() !== "");
  return rest.length === 0 ? first : `${first} ${rest.map((line) => line.replace(/^\s*-\s*/, "")).join("; ")}`;
}

function readArgs() {
  try {
    return parseArgs({
      options: {
        port: { type: "string" },
        seed: { type: "string" },
        only: { type: "string" },
        vault: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    fail(`${(error as Error).message.split("\n")[0]}\n${USAGE}`);
  }
}

/** A seed is a scenario someone wrote: 5 MB is far past any, and parsing more only risks the heap. */
export const MAX_SEED_BYTES = 5 * 1024 * 1024;

/** The seed of each provider: by id, or (with --only) the whole file when it names no provider. */
function readSeeds(path: string | undefined, only: string | undefined): Record<string, unknown> {
  if (!path) return {};
  let parsed: unknown;
  try {
    // Checked before reading, so a huge file is refused without being loaded.
    const size = statSync(path).size;
    if (size > MAX_SEED_BYTES) fail(`seed file ${path} is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_SEED_BYTES / 1024 / 1024} MB`);
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    fail(`cannot read seed file ${path}: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) fail(`seed file ${path} must hold a JSON object`);
  const ids = new Set<string>(PROVIDERS.map((provider) => provider.id));
  const keys = Object.keys(parsed);
  if (only && !keys.some((key) => ids.has(key))) return { [only]: parsed };
  const unknown = keys.filter((key) => !ids.has(key));
  if (unknown.length > 0) fail(`seed file ${path}: no provider '${unknown[0]}' (have: ${[...ids].join(", ")})`);
  return parsed as Record<string, unknown>;
}

async function readBody(req: IncomingMessage, max: number): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    // Keep one byte past the limit: enough for the provider to answer its own "too large" error.
    if (size > max) continue;
    chunks.push(chunk);
    size += chunk.length;
  }
  return Uint8Array.from(Buffer.concat(chunks).subarray(0, max + 1));
}

/** Host names a client on this machine uses for 127.0.0.1. */
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

function badRequest(res: ServerResponse, message: string): void {
  res.statusCode = 400;
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ error: { code: "BadRequest", message } }));
}

/**
 * Why a request is refused before any provider sees it, or undefined. A Host that is not this
 * machine at this port is what a DNS-rebinding page sends (a browser tab on `attacker.example`
 * resolving to 127.0.0.1), so it is refused, as is a missing one; TRACE echoes requests back,
 * headers and tokens included, and no provider has it.
 */
export function refusal(method: string, host: string | undefined, port: number): string | undefined {
  if (method === "TRACE" || method === "TRACK" || method === "CONNECT") return `Method ${method} is not allowed`;
  if (!host) return "Missing Host header";
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
  const name = match?.[1]?.toLowerCase();
  if (!name || !LOCAL_HOSTS.has(name) || (match?.[2] !== undefined && Number(match[2]) !== port)) {
    return `Host header '${host.slice(0, 100)}' is not this server (use 127.0.0.1:${port} or localhost:${port})`;
  }
  return undefined;
}

function serve(face: SimServer): Server {
  // requireHostHeader off: a missing Host gets this file's JSON 400, not Node's empty one.
  return createServer({ requireHostHeader: false }, (req, res: ServerResponse) => {
    const refused = refusal(req.method ?? "GET", req.headers.host, req.socket.localPort ?? 0);
    if (refused) {
      req.resume();
      badRequest(res, refused);
      return;
    }
    void (async () => {
      const body = await readBody(req, face.maxBodyBytes);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(name, value);
        else if (Array.isArray(value)) headers.set(name, value.join(", "));
      }
      const method = req.method ?? "GET";
      // The URL's host is the server's own: a client's Host header never reaches the provider's ids.
      const address = req.socket.localAddress ?? "127.0.0.1";
      const request = new Request(`http://${address}:${req.socket.localPort}${req.url ?? "/"}`, {
        method,
        headers,
        ...(body.length > 0 && method !== "GET" && method !== "HEAD" ? { body } : {}),
      });
      const response = await face.handler(request);
      res.statusCode = response.status;
      response.headers.forEach((value, name) => res.setHeader(name, value));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => badRequest(res, error instanceof Error ? error.message : String(error)));
  });
}

async function main(): Promise<void> {
  const args = readArgs();
  if (args.help) {
    process.stdout.write(`${USAGE}\nProviders: ${PROVIDERS.filter((p) => p.sim).map((p) => p.id).join(", ")}\n`);
    return;
  }
  const chosen = PROVIDERS.filter((provider) => provider.sim && (!args.only || provider.id === args.only));
  if (args.only && chosen.length === 0) fail(`no provider '${args.only}' with a REST face (have: ${PROVIDERS.filter((p) => p.sim).map((p) => p.id).join(", ")})`);
  if (args.port !== undefined && chosen.length !== 1) fail("--port needs --only <provider> (each provider has its own port)");
  const port = args.port === undefined ? undefined : Number(args.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) fail(`--port must be 0-65535, got '${args.port}'`);
  const seeds = readSeeds(args.seed, args.only);

  const servers: Server[] = [];
  for (const provider of chosen) {
    const { sim } = await provider.sim!();
    let face: SimServer;
    try {
      face = sim.createServer(seeds[provider.id], { vault: args.vault });
    } catch (error) {
      fail(`${provider.id}: ${oneLine((error as Error).message)}`);
    }
    const server = serve(face);
    servers.push(server);
    const listenOn = port ?? sim.defaultPort;
    await new Promise<void>((resolve) => {
      server.once("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "EADDRINUSE") fail(`${provider.id}: port ${listenOn} is already in use (choose another with --only ${provider.id} --port <n>)`);
        fail(`${provider.id}: ${error.message}`);
      });
      server.listen(listenOn, "127.0.0.1", () => {
        const address = server.address();
        const actual = typeof address === "object" && address ? address.port : listenOn;
        const url = `http://127.0.0.1:${actual}`;
        const lines = [`${provider.title} listening at ${url}`, ...Object.entries(face.environment(url)).map(([name, value]) => `${name}=${value}`), ...face.notes()];
        process.stdout.write(`${lines.join("\n")}\n\n`);
        resolve();
      });
    });
  }
  process.stdout.write("Stop with Ctrl+C.\n");

  const stop = (signal: string) => {
    process.stdout.write(`\n${signal}: stopping.\n`);
    let open = servers.length;
    for (const server of servers) {
      server.close(() => {
        if (--open === 0) process.exit(0);
      });
      server.closeAllConnections();
    }
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

// Run as a script; imported (by tests, for `refusal`), it starts nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();

/**
 * `curl` to the simulated hosts (the payments API, a vault...): the request goes to the shell's
 * network handler, never to a real host. The options the docs use: -X, -H, -d/--data(-raw|-binary)
 * (with @file and @-), --json, -u, -i, -I, -o, -s/-S, -f, -w '%{http_code}', -L, -k, -v. Messages
 * and exit codes are curl 8's (`curl: (6) Could not resolve host: x`, 22 for -f on an HTTP error).
 * No progress meter is drawn: the simulator answers in no time, so curl's meter would show zeros.
 */
import { FsError } from "../../fs/file-system.ts";
import { resolvePath } from "../../fs/path.ts";
import { fail, type CommandContext, type CommandResult, type ShellCommand } from "../types.ts";
import { CommandOutput } from "./command-input.ts";

interface CurlRequest {
  url?: string;
  method?: string;
  headers: [string, string][];
  data: string[];
  json: boolean;
  user?: string;
  include: boolean;
  head: boolean;
  output?: string;
  silent: boolean;
  showError: boolean;
  failOnError: boolean;
  writeOut?: string;
  verbose: boolean;
}

const VERSION = "curl 8.5.0 (x86_64-pc-linux-gnu) libcurl/8.5.0 OpenSSL/3.0.13 zlib/1.3 nghttp2/1.59.0\nRelease-Date: 2023-12-06\nProtocols: http https\nFeatures: HTTP2 HTTPS-proxy IPv6 Largefile libz SSL\n";
/** Options that take a value, by long and short name. */
const WITH_VALUE: Record<string, keyof CurlRequest | "ignore"> = {
  "-X": "method", "--request": "method", "-H": "headers", "--header": "headers", "-d": "data", "--data": "data", "--data-raw": "data",
  "--data-binary": "data", "--data-urlencode": "data", "--json": "data", "-u": "user", "--user": "user", "-o": "output", "--output": "output",
  "-w": "writeOut", "--write-out": "writeOut", "-A": "headers", "--user-agent": "headers", "-e": "headers", "--referer": "headers",
  "--connect-timeout": "ignore", "-m": "ignore", "--max-time": "ignore", "--retry": "ignore", "--cacert": "ignore", "--url": "url",
};
const FLAGS: Record<string, keyof CurlRequest | "ignore"> = {
  "-s": "silent", "--silent": "silent", "-S": "showError", "--show-error": "showError", "-f": "failOnError", "--fail": "failOnError",
  "-i": "include", "--include": "include", "-I": "head", "--head": "head", "-v": "verbose", "--verbose": "verbose",
  "-L": "ignore", "--location": "ignore", "-k": "ignore", "--insecure": "ignore", "--compressed": "ignore", "-g": "ignore", "--globoff": "ignore",
};

function parse(args: string[]): CurlRequest | { error: string; code: number } {
  const req: CurlRequest = { headers: [], data: [], json: false, include: false, head: false, silent: false, showError: false, failOnError: false, verbose: false };
  for (let i = 0; i < args.length; i++) {
    let a = args[i]!;
    // Short flags group (-sS, -fsSL); a value may be glued to the last one (-XPOST, -HAccept:x).
    if (/^-[a-zA-Z]{2,}$/.test(a) && !WITH_VALUE[a]) {
      const letters = a.slice(1);
      for (let k = 0; k < letters.length; k++) {
        const opt = `-${letters[k]}`;
        if (WITH_VALUE[opt]) {
          const glued = letters.slice(k + 1);
          const r = apply(req, opt, glued || args[++i]);
          if (r) return r;
          break;
        }
        const flag = FLAGS[opt];
        if (!flag) return { error: `curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information`, code: 2 };
        if (flag !== "ignore") (req[flag] as boolean) = true;
      }
      continue;
    }
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    let inline: string | undefined;
    if (eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    if (WITH_VALUE[a]) {
      const value = inline ?? args[++i];
      if (value === undefined) return { error: `curl: option ${a}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information`, code: 2 };
      if (a === "--json") req.json = true;
      const r = apply(req, a, value);
      if (r) return r;
      continue;
    }
    const flag = FLAGS[a];
    if (flag) {
      if (flag !== "ignore") (req[flag] as boolean) = true;
      continue;
    }
    if (a.startsWith("-") && a !== "-") return { error: `curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information`, code: 2 };
    req.url = a;
  }
  return req;
}

function apply(req: CurlRequest, opt: string, value: string | undefined): { error: string; code: number } | undefined {
  if (value === undefined) return { error: `curl: option ${opt}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information`, code: 2 };
  const field = WITH_VALUE[opt]!;
  if (field === "ignore") return undefined;
  if (field === "headers") {
    if (opt === "-A" || opt === "--user-agent") req.headers.push(["User-Agent", value]);
    else if (opt === "-e" || opt === "--referer") req.headers.push(["Referer", value]);
    else {
      const colon = value.indexOf(":");
      // `-H 'X-Empty;'` sends an empty header; a line without a colon is ignored, as curl does.
      if (colon > 0) req.headers.push([value.slice(0, colon).trim(), value.slice(colon + 1).trim()]);
      else if (value.endsWith(";")) req.headers.push([value.slice(0, -1), ""]);
    }
  } else if (field === "data") req.data.push(value);
  else (req[field] as string) = value;
  return undefined;
}

/** `-d @file` / `-d @-`: the data comes from a file or stdin; curl -d strips its newlines, --data-binary keeps them. */
function readData(item: string, ctx: CommandContext): string | { error: string } {
  if (!item.startsWith("@")) return item;
  const name = item.slice(1);
  if (name === "-") return ctx.stdin.replace(/[\r\n]/g, "");
  try {
    return ctx.fs.readFile(resolvePath(ctx.cwd, name)).replace(/[\r\n]/g, "");
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    return { error: `Warning: Couldn't read data from file "${name}", this makes an empty POST.` };
  }
}

const REASONS: Record<number, string> = { 200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found", 304: "Not Modified", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 409: "Conflict", 429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable" };

export const curlCommand: ShellCommand = {
  name: "curl",
  async execute(args, ctx): Promise<CommandResult> {
    if (args.includes("--version") || args.includes("-V")) return { stdout: VERSION, stderr: "", exitCode: 0 };
    if (args.includes("--help") || args.includes("-h")) {
      return { stdout: "Usage: curl [options...] <url>\n -d, --data <data>          HTTP POST data\n -f, --fail                 Fail fast with no output on HTTP errors\n -H, --header <header/@file> Pass custom header(s) to server\n -i, --include              Include response headers in output\n -o, --output <file>        Write to file instead of stdout\n -s, --silent               Silent mode\n -u, --user <user:password> Server user and password\n -w, --write-out <format>   Use output FORMAT after completion\n -X, --request <method>     Specify request method to use\n", stderr: "", exitCode: 0 };
    }
    const parsed = parse(args);
    if ("error" in parsed) return fail(parsed.error, parsed.code);
    const req = parsed;
    const out = new CommandOutput(ctx);
    const error = (code: number, message: string): CommandResult => {
      if (!req.silent || req.showError) out.error(`curl: (${code}) ${message}\n`);
      if (req.writeOut) out.out(writeOut(req.writeOut, { http_code: "000", url: req.url ?? "" }));
      return out.result(code);
    };
    if (!req.url) return fail("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information", 2);
    let url: URL;
    try {
      url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(req.url) ? req.url : `http://${req.url}`);
    } catch {
      return error(3, "URL rejected: Malformed input to a URL function");
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return error(1, `Protocol "${url.protocol.slice(0, -1)}" not supported`);
    const body: string[] = [];
    for (const item of req.data) {
      const d = readData(item, ctx);
      if (typeof d !== "string") {
        out.err(`${d.error}\n`);
        continue;
      }
      body.push(d);
    }
    const hasBody = req.data.length > 0;
    const method = req.method ?? (req.head ? "HEAD" : hasBody ? "POST" : "GET");
    const headers = new Headers();
    headers.set("Host", url.host);
    headers.set("User-Agent", "curl/8.5.0");
    headers.set("Accept", req.json ? "application/json" : "*/*");
    if (req.user) headers.set("Authorization", `Basic ${btoa(req.user.includes(":") ? req.user : `${req.user}:`)}`);
    if (hasBody) headers.set("Content-Type", req.json ? "application/json" : "application/x-www-form-urlencoded");
    for (const [k, v] of req.headers) headers.set(k, v);
    const network = ctx.network;
    if (!network) return error(6, `Could not resolve host: ${url.hostname}`);
    if (req.verbose) {
      out.err(`* Connected to ${url.hostname} port ${url.port || (url.protocol === "https:" ? 443 : 80)}\n> ${method} ${url.pathname}${url.search} HTTP/1.1\n${[...headers].map(([k, v]) => `> ${canonical(k)}: ${v}\n`).join("")}>\n`);
    }
    let response: Response;
    try {
      response = await network(new Request(url, { method, headers, body: hasBody && method !== "GET" && method !== "HEAD" ? body.join("&") : undefined }));
    } catch (e) {
      // The simulated network knows only its own hosts; any other name does not resolve.
      if (req.verbose) out.err(`* ${e instanceof Error ? e.message : String(e)}\n`);
      return error(6, `Could not resolve host: ${url.hostname}`);
    }
    const status = response.status;
    const text = method === "HEAD" ? "" : await response.text();
    const statusLine = `HTTP/1.1 ${status} ${REASONS[status] ?? response.statusText ?? ""}`.trimEnd();
    const headerBlock = `${statusLine}\r\n${[...response.headers].map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n`;
    if (req.verbose) out.err(`< ${statusLine}\n${[...response.headers].map(([k, v]) => `< ${k}: ${v}\n`).join("")}<\n`);
    if (req.failOnError && status >= 400) return error(22, `The requested URL returned error: ${status}`);
    const shown = `${req.include || req.head ? headerBlock : ""}${text}`;
    if (req.output && req.output !== "-") {
      try {
        ctx.fs.writeFile(resolvePath(ctx.cwd, req.output), shown);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        return error(23, `Failure writing output to destination, passed ${shown.length} returned 0`);
      }
    } else out.out(shown);
    if (req.writeOut) {
      out.out(writeOut(req.writeOut, { http_code: String(status).padStart(3, "0"), url: url.href, content_type: response.headers.get("content-type") ?? "", size_download: String(new TextEncoder().encode(text).length), method }));
    }
    return out.result(0);
  },
};

function canonical(header: string): string {
  return header.replace(/(^|-)([a-z])/g, (_, d: string, c: string) => d + c.toUpperCase());
}

/** `-w`: `%{http_code}` and friends, `\n`/`\t` escapes, `%%`; an unknown variable prints a warning-free nothing, as curl 8 does. */
function writeOut(format: string, vars: Record<string, string>): string {
  const all: Record<string, string> = { ...vars, response_code: vars.http_code ?? "000", url_effective: vars.url ?? "", time_total: "0.001000", exitcode: vars.http_code === "000" ? "6" : "0" };
  return format
    .replace(/%\{([a-z_]+)\}/g, (_, name: string) => all[name] ?? "")
    .replace(/\\([nrt\\])/g, (_, c: string) => ({ n: "\n", r: "\r", t: "\t", "\\": "\\" })[c]!)
    .replace(/%%/g, "%");
}

// Serves a built site (dist/) on a free port for the scripts (PDF export, bench, screenshots).
// Not `astro preview`: Astro allows one preview server per project, so a script that starts its
// own fails while `npm start` or a test run is already serving. A plain static server on port 0
// never collides, and sends the same cross-origin isolation headers as astro.config.mjs.
import { createServer } from "node:http";
import { createReadStream, statSync } from "node:fs";
import { extname, join, normalize, resolve } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
  ".pf_meta": "application/octet-stream",
};

const ISOLATION = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };

function fileFor(root, urlPath) {
  const path = normalize(decodeURIComponent(urlPath.split("?")[0] ?? "/"));
  const full = join(root, path);
  if (!full.startsWith(root)) return undefined;
  for (const candidate of [full, join(full, "index.html"), `${full}.html`]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next form of the path
    }
  }
  return undefined;
}

/** Starts serving `dir`; resolves with its address once it listens. `stop()` closes it. */
export function startStaticServer(dir = "dist") {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const file = fileFor(root, req.url ?? "/");
    const headers = { ...ISOLATION };
    if (!file) {
      const notFound = fileFor(root, "/404.html");
      res.writeHead(404, { ...headers, "Content-Type": TYPES[".html"] });
      if (notFound) createReadStream(notFound).pipe(res);
      else res.end("Not found");
      return;
    }
    res.writeHead(200, { ...headers, "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolveServer, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolveServer({ url: `http://127.0.0.1:${port}`, stop: () => {
        server.closeAllConnections();
        server.close();
      } });
    });
  });
}

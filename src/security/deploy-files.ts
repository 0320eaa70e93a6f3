/**
 * The deploy examples in `deploy/`, rendered from `securityHeaders()` so they send exactly what
 * `astro preview` sends. Rewrite them after changing the headers (or the sandbox relay, or upgrading
 * reveal.js: both change a script hash) with:
 *
 *   npx node --experimental-transform-types scripts/deploy-headers.ts
 *
 * `tests/security/headers.test.ts` fails when a file is stale.
 */
import { securityHeaders } from "./headers.ts";

/** Netlify: `deploy/netlify/_headers`, copied into `dist/` (or `public/`). */
export function netlifyHeaders(): string {
  const lines = Object.entries(securityHeaders()).map(([name, value]) => `  ${name}: ${value}`);
  return `# Secrets Lab: the headers of every response (generated from src/security/headers.ts).\n/*\n${lines.join("\n")}\n`;
}

/** Vercel: `deploy/vercel.json`. */
export function vercelJson(): string {
  const headers = Object.entries(securityHeaders()).map(([key, value]) => ({ key, value }));
  return `${JSON.stringify({ buildCommand: "npm run build", outputDirectory: "dist", headers: [{ source: "/(.*)", headers }] }, null, 2)}\n`;
}

/** nginx: `deploy/nginx.conf`, a server block serving `dist/`. */
export function nginxConf(): string {
  const lines = Object.entries(securityHeaders()).map(([name, value]) => `  add_header ${name} "${value}" always;`);
  return [
    "# Secrets Lab behind nginx (generated from src/security/headers.ts): the site's static files with its headers.",
    "server {",
    "  listen 80;",
    "  root /srv/secrets-lab/dist;",
    ...lines,
    "  location / { try_files $uri $uri/ $uri.html =404; }",
    "  error_page 404 /404.html;",
    "}",
    "",
  ].join("\n");
}

/** Every deploy file, by path from the repository root. */
export function deployFiles(): Record<string, string> {
  return { "deploy/netlify/_headers": netlifyHeaders(), "deploy/vercel.json": vercelJson(), "deploy/nginx.conf": nginxConf() };
}

/**
 * The HTTP headers every response of the site carries, in one place: `astro.config.mjs` sends them
 * from `astro dev`, `astro preview` and `npm start`, and `deploy/` holds the same set for Netlify,
 * Vercel and nginx (`tests/security/headers.test.ts` fails when those files drift from this one).
 *
 * The Content-Security-Policy is shaped by the sandbox. Its runtime is a hidden
 * `<iframe sandbox="allow-scripts" srcdoc>`, and a srcdoc document inherits the page's policy on top
 * of its own (which forbids every request: see SANDBOX_FRAME_CSP). So the page's policy must let
 * through what that frame does, and nothing more:
 * - its one inline script, the relay, by hash (no 'unsafe-inline'), and likewise the speaker view's
 *   (reveal.js writes it into an `about:blank` popup, which inherits the policy too) and the deck
 *   page's theme boot (it must run before the first paint);
 * - the Worker it starts from a Blob URL (`blob:` in worker-src and script-src);
 * - 'unsafe-eval': the Worker evaluates the learner's modules (and pagefind compiles WebAssembly).
 * Everything else is the site's own origin: no third-party host, no other inline script of the page's own
 * (the build emits every script as a file), styles inline only because shiki and reveal.js set
 * `style` attributes.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { DECK_THEME_BOOT } from "../decks/theme-boot.ts";
import { RELAY_SCRIPT } from "../runtime/sandbox-frame.ts";

/**
 * The inline scripts of reveal.js's speaker view. The notes plugin opens `about:blank` and writes
 * the view into it with `document.write`; that popup inherits the deck's policy, so its scripts are
 * allowed by hash, read from the very plugin the build bundles (an upgrade changes the hash with it).
 */
export function speakerViewScripts(): string[] {
  const source = readFileSync(new URL("../../node_modules/reveal.js/dist/plugin/notes.mjs", import.meta.url), "utf8");
  const call = source.indexOf("document.write(");
  if (call === -1) throw new Error("reveal.js notes plugin: no document.write( (the speaker view changed: update src/security/headers.ts)");
  const open = call + "document.write(".length;
  const quote = source[open]!;
  let close = open + 1;
  while (source[close] !== quote) close += source[close] === "\\" ? 2 : 1;
  // The argument is one string literal; evaluate it as one, in an empty context.
  const html = runInNewContext(source.slice(open, close + 1)) as string;
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
}

const hash = (script: string): string => `'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`;

/** The policy's directives, in the order they are sent. */
export function cspDirectives(): Array<[string, string]> {
  return [
    ["default-src", "'self'"],
    ["script-src", `'self' ${[RELAY_SCRIPT, DECK_THEME_BOOT, ...speakerViewScripts()].map(hash).join(" ")} 'unsafe-eval' blob:`],
    ["worker-src", "'self' blob:"],
    ["style-src", "'self' 'unsafe-inline'"],
    ["img-src", "'self' data:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["frame-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    // Only the site may frame its pages (reveal's speaker view frames the deck); no clickjacking.
    ["frame-ancestors", "'self'"],
  ];
}

export function contentSecurityPolicy(): string {
  return cspDirectives()
    .map(([name, value]) => `${name} ${value}`)
    .join("; ");
}

/** Every header, by name. COOP + COEP make the page cross-origin isolated (see README "Deploying"). */
export function securityHeaders(): Record<string, string> {
  return {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Content-Security-Policy": contentSecurityPolicy(),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
  };
}

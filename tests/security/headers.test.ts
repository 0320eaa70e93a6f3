/**
 * The site's headers: one list (src/security/headers.ts) behind `astro preview` and the deploy
 * examples, and a CSP that allows the site's own origin and the sandbox's needs, nothing else.
 */
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deployFiles } from "../../src/security/deploy-files.ts";
import { contentSecurityPolicy, cspDirectives, securityHeaders, speakerViewScripts } from "../../src/security/headers.ts";
import { RELAY_SCRIPT, sandboxFrameDocument } from "../../src/runtime/sandbox-frame.ts";

const root = join(import.meta.dirname, "../..");
const sha = (text: string): string => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

describe("security headers", () => {
  it("the deploy examples send exactly these headers (else: npx node --experimental-transform-types scripts/deploy-headers.ts)", () => {
    for (const [path, text] of Object.entries(deployFiles())) expect(readFileSync(join(root, path), "utf8"), path).toBe(text);
  });

  it("allows no third-party host and no inline script but the sandbox relay's and the speaker view's, by hash", () => {
    const csp = contentSecurityPolicy();
    expect(csp).not.toMatch(/https?:|\*|data:[^;]*;.*script|'unsafe-inline'[^;]*;[^;]*worker/);
    const script = Object.fromEntries(cspDirectives())["script-src"]!;
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).toContain(sha(RELAY_SCRIPT));
    // The relay is the frame document's one inline script, exactly.
    expect(sandboxFrameDocument()).toContain(`<script>${RELAY_SCRIPT}</script>`);
    const speaker = speakerViewScripts();
    expect(speaker.length).toBeGreaterThan(0);
    for (const s of speaker) expect(script).toContain(sha(s));
    expect(Object.fromEntries(cspDirectives())["frame-ancestors"]).toBe("'self'");
    expect(securityHeaders()["X-Content-Type-Options"]).toBe("nosniff");
  });
});

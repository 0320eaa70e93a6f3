// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import { plainShellOutput } from "./src/decks/plain-shell-output.mjs";

// Every response's headers (COOP + COEP for cross-origin isolation, CSP, nosniff): one list in
// src/security/headers.ts, also written out for Netlify, Vercel and nginx in deploy/ (README "Deploying").
import { securityHeaders } from "./src/security/headers.ts";

export default defineConfig({
  site: "https://secrets-lab.example",
  integrations: [mdx()],
  server: { headers: securityHeaders() },
  // No inline scripts: every script is a file, so the CSP needs no 'unsafe-inline' (Astro inlines
  // scripts smaller than this limit).
  vite: { build: { assetsInlineLimit: 0 } },
  outDir: process.env.SECRETS_LAB_OUT ?? "./dist",
  markdown: {
    // Highlighting happens at build time; pages ship no highlighter.
    shikiConfig: {
      themes: { light: "github-light-high-contrast", dark: "github-dark-high-contrast" },
      transformers: [plainShellOutput],
    },
  },
  devToolbar: { enabled: false },
});

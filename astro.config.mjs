// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import { plainShellOutput } from "./src/decks/plain-shell-output.mjs";

// Cross-origin isolation (COOP + COEP): no other window can hold a reference to the
// page or its sandbox. The same pair must be sent by whatever serves dist/: see
// README "Deploy" for Netlify, Vercel and nginx.
const isolationHeaders = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  site: "https://secrets-lab.example",
  integrations: [mdx()],
  server: { headers: isolationHeaders },
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

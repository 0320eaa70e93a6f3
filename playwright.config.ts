import { availableParallelism } from "node:os";
import { defineConfig } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "./scripts/chromium-path.mjs";

const port = Number(process.env.E2E_PORT ?? 4329);

// Tests run against the built site (npm run build), served by `astro preview`,
// which sends the same COOP/COEP headers as dev.
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: true,
  // One worker per core (at least 2): each drives its own Chromium page against the one preview server.
  workers: Number(process.env.PW_WORKERS ?? Math.max(2, availableParallelism())),
  retries: 0,
  timeout: 30_000,
  reporter: process.env.PW_REPORTER ? [[process.env.PW_REPORTER]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: "chromium",
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    trace: "off",
  },
  webServer: {
    command: `npx astro preview --port ${port} --host localhost`,
    url: `http://localhost:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});

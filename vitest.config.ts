import { defineConfig } from "vitest/config";

// Unit tests cover the engines (plain TypeScript, no DOM) directly in Node.
// Browser behaviour is Playwright's job (tests/e2e), so it is excluded here.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    environment: "node",
    testTimeout: 20_000,
  },
});

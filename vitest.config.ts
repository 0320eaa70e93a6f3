import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Unit tests cover the engines (plain TypeScript, no DOM) directly in Node.
// Browser behaviour is Playwright's job (tests/e2e), so it is excluded here.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    environment: "node",
    testTimeout: 20_000,
    // One test file per core. Vitest's default leaves one core idle (cores - 1), which on a 2-core
    // machine ran every file one after another; most files wait on worker threads and child
    // processes as much as they compute, so the second core is well used.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});

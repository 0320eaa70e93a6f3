import { z } from "astro/zod";
import { providerExampleFields } from "../providers/registry.ts";

export { ExampleVaultSchema, type ExampleVault } from "../providers/azure/example-vault.ts";

/**
 * A runnable example: `content/examples/<topic>/<name>/example.json` beside the
 * learner's source files. The same files are shown in the lesson, run in the
 * browser sandbox and run by vitest in Node, so the three never drift apart.
 */
export const ExampleManifestSchema = z.strictObject({
  title: z.string().min(3),
  /** One or two sentences shown above the sandbox. */
  description: z.string().optional(),
  /** The file that runs, relative to the example folder (mounted at /app). */
  entry: z.string().regex(/\.(ts|js|mjs)$/, "entry must be a .ts, .js or .mjs file").default("main.ts"),
  /** process.env of the program; the sandbox shows it in the Environment panel. */
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "env names are letters, digits and _"), z.string()).default({}),
  /** Files outside /app that the sandbox seeds, e.g. /run/secrets/db_password. */
  files: z.record(z.string().startsWith("/", "virtual file paths are absolute, like /run/secrets/db_password"), z.string()).default({}),
  timeoutMs: z.number().int().min(100).max(30_000).optional(),
  /** Each provider's fields (`vault` for Azure, `aws`...): the worlds this example runs against. */
  ...providerExampleFields(),
  /** What a run must show; vitest asserts it in Node for every example. */
  expect: z
    .strictObject({
      exitCode: z.number().int().default(0),
      /** Each string must appear in stdout. */
      stdout: z.array(z.string()).default([]),
      /** None of these may appear in stdout or stderr (e.g. the secret itself). */
      absent: z.array(z.string()).default([]),
      /** Each string must appear in stderr. */
      stderr: z.array(z.string()).default([]),
    })
    .default({ exitCode: 0, stdout: [], absent: [], stderr: [] }),
});
export type ExampleManifest = z.infer<typeof ExampleManifestSchema>;

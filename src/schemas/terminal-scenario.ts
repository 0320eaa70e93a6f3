import { z } from "astro/zod";
import { providerExampleFields } from "../providers/registry.ts";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A single shell line: setup and suggested commands run one at a time, like typed input. */
const CommandLine = z
  .string()
  .trim()
  .min(1, "a command cannot be empty")
  .refine((s) => !s.includes("\n"), "one command per entry (no newlines); put file contents in `files`");

/**
 * A Docker terminal scenario: `content/terminals/<topic>/<name>.json`. The lesson's
 * `<Terminal scenario="<topic>/<name>" />` starts a simulated host from it; vitest
 * runs its setup in Node, so a scenario that no longer works fails the tests, not the class.
 */
export const TerminalScenarioSchema = z.strictObject({
  title: z.string().min(3),
  /** One or two sentences shown above the terminal. */
  description: z.string().optional(),
  /** The shell's starting directory; created if missing. */
  cwd: z.string().startsWith("/", "cwd is an absolute path, like /work").default("/work"),
  /** Exported shell variables, e.g. `NPM_TOKEN` for `--secret id=npm_token,env=NPM_TOKEN`. */
  env: z
    .record(z.string(), z.string())
    // Checked per key (not in the record's key schema) so the error names the bad variable.
    .superRefine((env, ctx) => {
      for (const name of Object.keys(env)) {
        if (!ENV_NAME.test(name)) ctx.addIssue({ code: "custom", path: [name], message: "env names are letters, digits and _" });
      }
    })
    .default({}),
  /**
   * Files on the simulated host (path -> text), e.g. `/srv/secrets/db_password` or a
   * `Dockerfile`. Relative paths are relative to `cwd`; parent folders are created.
   */
  files: z.record(z.string().min(1), z.string()).default({}),
  /** Runs `docker swarm init` before `setup`, for swarm secrets and services. */
  swarm: z.boolean().default(false),
  /** Run silently before the learner starts; each must exit 0. */
  setup: z.array(CommandLine).default([]),
  /** Shown as buttons that type the command at the prompt, and as the no-JS transcript. */
  suggested: z.array(CommandLine).default([]),
  /** Each provider's world, as in an example's `example.json` (`aws`: the account the `aws` CLI talks to). */
  ...providerExampleFields(),
});
export type TerminalScenario = z.infer<typeof TerminalScenarioSchema>;
/** A scenario as written in its JSON file, before defaults are applied. */
export type TerminalScenarioInput = z.input<typeof TerminalScenarioSchema>;

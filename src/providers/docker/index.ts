/**
 * The simulated Docker host (src/docker-sim): the setup lines an exercise runs before the program
 * (`docker build --secret ...`, `docker service create ...`), what the grader reads afterwards
 * (history, inspect, logs, /proc/1/environ, every image layer), and the checks on it.
 */
import { z } from "astro/zod";
import { AbsolutePathSchema, checkBase, RelativePathSchema } from "../../schemas/scenario-parts.ts";
import type { Provider } from "../types.ts";

export const DockerSetupSchema = z.strictObject({
  /** Where the learner's files are written on the simulated host (the build context). */
  context: AbsolutePathSchema.default("/app"),
  /** Shell lines run in order before the program, e.g. `docker build -t app .`. */
  setup: z.array(z.string().min(1)).default([]),
  /** What leak surfaces read afterwards. */
  inspect: z
    .strictObject({ images: z.array(z.string().min(1)).default([]), containers: z.array(z.string().min(1)).default([]) })
    .default({ images: [], containers: [] }),
});

const dockerFields = {
    docker: DockerSetupSchema.optional(),
  };

const dockerChecks = [
    /** Static: no ARG/ENV in the Dockerfile has a secret-looking name. */
    z.strictObject({ ...checkBase, kind: z.literal("dockerfile-no-secret-in-arg-env"), path: RelativePathSchema.default("Dockerfile") }),
    /** After the docker setup, `docker image inspect <tag>` succeeds. */
    z.strictObject({ ...checkBase, kind: z.literal("image-builds"), tag: z.string().min(1) }),
    /**
     * After the docker setup, one more shell line on the simulated host (same shell: the setup's `cd`
     * and `export`s hold) exits with `exitCode` and/or its output (stdout and stderr) `includes` /
     * `excludes` a text. `command`, `includes` and `excludes` may hold `{{secret:<name>}}`, filled
     * with this run's canaries. Give at least one of `includes`, `excludes`, `exitCode`.
     */
    z.strictObject({
      ...checkBase,
      kind: z.literal("docker-command-output"),
      command: z.string().min(1),
      includes: z.string().min(1).optional(),
      excludes: z.string().min(1).optional(),
      exitCode: z.number().int().optional(),
    }),
  ] as const;

// Declared, not inferred: the facets import this descriptor's types, and an inferred type would
// depend on them in a cycle.
export const dockerProvider: Provider<"docker", typeof dockerFields, typeof dockerChecks> = {
  id: "docker",
  title: "A simulated Docker host",
  scenarioFields: dockerFields,
  checks: dockerChecks,
  refine(_scenario, fragment, checks, ctx) {
    ctx.visitPlaceholders(fragment.docker?.setup, ["docker", "setup"]);
    for (const { check, path } of checks) {
      if (check.kind === "image-builds" && !fragment.docker) ctx.issue(path, "needs 'docker' (setup commands that build the image)");
      if (check.kind === "docker-command-output") {
        if (!fragment.docker) ctx.issue(path, "needs 'docker' (the simulated host the command runs on)");
        if (check.includes === undefined && check.excludes === undefined && check.exitCode === undefined) {
          ctx.issue(path, "give 'includes', 'excludes' or 'exitCode': what the command must show");
        }
        ctx.visitPlaceholders(check.command, [...path, "command"]);
        if (check.includes !== undefined) ctx.visitPlaceholders(check.includes, [...path, "includes"]);
        if (check.excludes !== undefined) ctx.visitPlaceholders(check.excludes, [...path, "excludes"]);
      }
    }
  },
  // The static Dockerfile check needs no Docker host: the provider is in use only with a `docker` field.
  usedBy: (scenario) => scenario["docker"] !== undefined,
  surfaces: [
    { id: "docker-output", label: "docker command output" },
    { id: "docker-history", label: "docker history" },
    { id: "docker-inspect", label: "docker inspect and image config" },
    { id: "container-logs", label: "container logs" },
    { id: "proc-environ", label: "/proc/1/environ" },
    { id: "image-layers", label: "image layers (files deleted by a later step included)" },
  ],
  placeholders: {},
  modules: [],
  grading: () => import("./grading.ts"),
};

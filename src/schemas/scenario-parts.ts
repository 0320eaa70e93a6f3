import { z } from "astro/zod";

/**
 * The building blocks every part of an exercise scenario shares: the scenario's own fields
 * (exercise-scenario.ts) and each provider's fragment (src/providers/<id>/index.ts) are made of them.
 * This module imports nothing of the course, so providers can build on it without a cycle.
 */

export const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** `{{kind:name}}`, e.g. `{{secret:payments_key}}`, `{{vault-token:payments-api}}`. */
export const PLACEHOLDER = /\{\{\s*([a-z-]+)\s*:\s*([^}\s]+)\s*\}\}/g;

export const SecretRefSchema = z.string().regex(NAME, "secret names are letters, digits, _ and -, starting with a letter");
export const RELATIVE_PATH_PROBLEM = "learner file paths are relative to /app, without '..'";
export const ABSOLUTE_PATH_PROBLEM = "virtual file paths are absolute, like /run/secrets/db_password";
export const ENV_NAME_PROBLEM = "env names are letters, digits and _";
export const isRelativePath = (p: string): boolean => p.length > 0 && !p.startsWith("/") && !p.split("/").includes("..");
export const isAbsolutePath = (p: string): boolean => p.startsWith("/");
export const isEnvName = (name: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);

export const RelativePathSchema = z.string().refine(isRelativePath, RELATIVE_PATH_PROBLEM);
export const AbsolutePathSchema = z.string().refine(isAbsolutePath, ABSOLUTE_PATH_PROBLEM);

/** Where in a request the secret belongs. */
export const SecretDestinationSchema = z.union([
  /** `Authorization: Bearer <secret>` */
  z.literal("authorization-bearer"),
  /** A named header whose value is `prefix + secret`, e.g. `{ "header": "x-api-key" }`. */
  z.strictObject({ header: z.string().min(1), prefix: z.string().default("") }),
]);
export type SecretDestination = z.infer<typeof SecretDestinationSchema>;

/** Fields every check may set: `id` (stable, for UIs and tests; default `<kind>-<n>`) and a learner-facing `title`. */
export const checkBase = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "ids are lowercase letters, digits and -").optional(),
  title: z.string().min(3).optional(),
};

/**
 * JSON Merge Patch (RFC 7386): objects merge key by key, `null` removes a key, anything else
 * (arrays included) replaces. How a run variant changes the world: `{ "env": { "KEY": null } }`.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target !== null && typeof target === "object" && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

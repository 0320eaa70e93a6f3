import { z } from "zod";
import { VaultErrors } from "./errors.ts";
import { MAX_TAGS, type SecretPropertiesPatch, type SetSecretInput } from "./model.ts";

/**
 * Request bodies, checked before any handler runs. A malformed body gets one 400
 * BadParameter naming the property and what was wrong, and changes nothing. Unknown
 * properties are ignored, as Azure ignores them.
 */
const tags = z
  .record(z.string().max(512), z.string().max(256))
  .refine((t) => Object.keys(t).length <= MAX_TAGS, { message: `at most ${MAX_TAGS} tags are allowed` });

const unixSeconds = z.number().int().nonnegative();

const attributes = z.object({
  enabled: z.boolean().optional(),
  nbf: unixSeconds.optional(),
  exp: unixSeconds.optional(),
});

const SetSecretBodySchema = z.object({
  value: z.string(),
  contentType: z.string().max(255).optional(),
  tags: tags.optional(),
  attributes: attributes.optional(),
});

const UpdateSecretBodySchema = z.object({
  contentType: z.string().max(255).optional(),
  tags: tags.optional(),
  attributes: attributes.optional(),
});

const RestoreSecretBodySchema = z.object({
  value: z.string().min(1),
});

export function parseSetSecretBody(body: unknown): SetSecretInput {
  const parsed = check(SetSecretBodySchema, body);
  return { value: parsed.value, ...properties(parsed) };
}

export function parseUpdateSecretBody(body: unknown): SecretPropertiesPatch {
  return properties(check(UpdateSecretBodySchema, body));
}

/** The base64url backup blob of a restore request. */
export function parseRestoreSecretBody(body: unknown): string {
  return check(RestoreSecretBodySchema, body).value;
}

function properties(p: z.infer<typeof UpdateSecretBodySchema>): SecretPropertiesPatch {
  if (p.attributes?.nbf !== undefined && p.attributes.exp !== undefined && p.attributes.nbf > p.attributes.exp) {
    throw VaultErrors.badParameter(
      `Invalid request body: 'attributes.nbf' (${p.attributes.nbf}) is after 'attributes.exp' (${p.attributes.exp}); a secret cannot become valid after it expires.`,
    );
  }
  return {
    ...(p.contentType !== undefined ? { contentType: p.contentType } : {}),
    ...(p.tags !== undefined ? { tags: p.tags } : {}),
    ...(p.attributes?.enabled !== undefined ? { enabled: p.attributes.enabled } : {}),
    ...(p.attributes?.nbf !== undefined ? { nbf: p.attributes.nbf } : {}),
    ...(p.attributes?.exp !== undefined ? { exp: p.attributes.exp } : {}),
  };
}

function check<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw VaultErrors.badParameter(`Invalid request body: expected a JSON object, got ${describe(body)}.`);
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw VaultErrors.badParameter("Invalid request body.");
  const path = issue.path.map(String).join(".");
  const received = issue.path.reduce<unknown>(
    (node, key) => (typeof node === "object" && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined),
    body,
  );
  throw VaultErrors.badParameter(`Invalid request body: property '${path}' ${explain(issue, received)}.`);
}

function explain(issue: z.core.$ZodIssue, received: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      return received === undefined
        ? `is required (${issue.expected})`
        : `must be ${article(issue.expected)}, got ${describe(received)}`;
    case "too_big":
      return `is too long (at most ${String(issue.maximum)} characters)`;
    case "too_small":
      return issue.origin === "number" ? "must not be negative" : "must not be empty";
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  if (expected === "int") return "a whole number of unix seconds";
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/**
 * Names the type received, never its content: a body is where secret values travel, and an
 * error message may end up in a log.
 */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return Number.isInteger(value) ? "a number" : "a fractional number";
  if (typeof value === "object") return "an object";
  return article(typeof value);
}

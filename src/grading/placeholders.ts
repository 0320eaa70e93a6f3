/**
 * Fills `{{secret:<name>}}` and `{{vault-token:<identity>}}` in scenario values. The grader fills
 * secrets with canaries; a sandbox fills them with each secret's `shownValue` (same function, other
 * lookup), so what the learner runs and what the grader runs differ only in the values.
 */

const PLACEHOLDER = /\{\{\s*([a-z-]+)\s*:\s*([^}\s]+)\s*\}\}/g;

export interface PlaceholderValues {
  secret(name: string): string;
  vaultToken(identity: string): string;
}

export class PlaceholderError extends Error {
  override readonly name = "PlaceholderError";
}

export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER, (_match, kind: string, name: string) => {
    if (kind === "secret") return values.secret(name);
    if (kind === "vault-token") return values.vaultToken(name);
    throw new PlaceholderError(`unknown placeholder {{${kind}:${name}}}`);
  });
}

/** Fills every string inside a JSON-like value (objects, arrays), keys untouched. */
export function fillPlaceholdersDeep<T>(value: T, values: PlaceholderValues): T {
  if (typeof value === "string") return fillPlaceholders(value, values) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => fillPlaceholdersDeep(item, values)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillPlaceholdersDeep(item, values)])) as T;
  }
  return value;
}

/** Whether `text` holds `{{secret:<name>}}`. */
export function referencesSecret(text: string, name: string): boolean {
  for (const match of text.matchAll(PLACEHOLDER)) if (match[1] === "secret" && match[2] === name) return true;
  return false;
}

/** Whether any string inside `value` holds `{{secret:<name>}}`. */
export function referencesSecretDeep(value: unknown, name: string): boolean {
  if (typeof value === "string") return referencesSecret(value, name);
  if (Array.isArray(value)) return value.some((item) => referencesSecretDeep(item, name));
  if (value !== null && typeof value === "object") return Object.values(value).some((item) => referencesSecretDeep(item, name));
  return false;
}

/**
 * The values a learner can have in their code without Check giving them: the one the statement
 * (and the learner's own sandbox) shows, and any key-shaped literal in their files (a key pasted
 * from the statement, or one of their own). Check never plants them, so a program can only print
 * one it carries itself: the starting code that logs its hard-coded key leaks it as surely as a
 * program that logs the canary. `no-leak` looks for them too, whole, in every form; partial
 * matches are left to the canaries (a shown value like `...000000000000` would match too much).
 */
import type { ScenarioSecret } from "../schemas/exercise-scenario.ts";
import type { Canary } from "./canary.ts";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** What `source-has-no-literal` looks for: the shown value and, for a distinctive prefix, the key's shape. */
export function literalPatterns(secret: ScenarioSecret): RegExp[] {
  const prefix = secret.prefix ?? (secret.kind === "api-key" ? "sk_test_" : "");
  const patterns = [new RegExp(escapeRegExp(secret.shownValue), "g")];
  // A prefix alone is a shape only when it is distinctive (`sk_test_`, `npm_`), not a bare letter.
  if (prefix.length >= 3) patterns.push(new RegExp(`${escapeRegExp(prefix)}[A-Za-z0-9]{8,}`, "g"));
  return patterns;
}

/** The shown values of `secrets` and the key-shaped literals in `learnerFiles`, as canaries to look for. */
export function shownLiterals(secrets: readonly ScenarioSecret[], learnerFiles: Record<string, string>): Canary[] {
  const found: Canary[] = [];
  for (const secret of secrets) {
    const values = new Set([secret.shownValue]);
    const [, shape] = literalPatterns(secret);
    if (shape) for (const text of Object.values(learnerFiles)) for (const match of text.matchAll(shape)) values.add(match[0]);
    for (const value of values) {
      // prefixLength = the whole value: whole-value forms only (raw, encoded, escaped, split, reversed).
      found.push({ secret: secret.name, label: secret.label ?? secret.name, version: "shown", value, prefixLength: value.length });
    }
  }
  return found;
}

/**
 * A written answer, checked: exercises whose task is to find and name things (which places still
 * hold a leaked key, which property each breaks, what to do first) give the learner a JSON file to
 * fill in, and each question is a check on one value of it, found by JSON Pointer (RFC 6901):
 *   { "kind": "answer", "file": "answers.json", "at": "/places/ci-log/readable", "equals": true }
 *   { "kind": "answer", "file": "answers.json", "at": "/places/ci-log/breaks", "includes": ["restricted"],
 *     "allowed": ["encrypted", "revocable", "rotatable", "restricted", "independent"] }
 * `null` is "not answered yet". A wrong answer gets the check's hint, never the answer itself.
 */
import type { CheckDefinition } from "./context.ts";

/** The value at `pointer` in `document`, or `missing`. */
function resolvePointer(document: unknown, pointer: string): { found: true; value: unknown } | { found: false } {
  if (pointer === "") return { found: true, value: document };
  let value = document;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (value === null || typeof value !== "object" || !Object.prototype.hasOwnProperty.call(value, key)) return { found: false };
    value = (value as Record<string, unknown>)[key];
  }
  return { found: true, value };
}

/** Equal as JSON values; strings compare trimmed and case-insensitively (a learner's "Restricted" is right). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") return a.trim().toLowerCase() === b.trim().toLowerCase();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => same(item, b[i]));
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  }
  return a === b;
}

const show = (value: unknown): string => JSON.stringify(value);

export const answerCheck: CheckDefinition<"answer"> = {
  title: (check) => `Your answer at ${check.at} in ${check.file}`,
  evaluate(check, ctx) {
    const expected = check.expected ?? `The answer the task asks for, at ${check.at} in ${check.file}.`;
    const hint = check.hint ? ` ${check.hint}` : "";
    const fail = (actual: string) => ({ passed: false, expected, actual });
    const text = ctx.evidence.learnerFiles[check.file];
    if (text === undefined) return fail(`There is no file ${check.file}: write your answers there.`);
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      return fail(`${check.file} is not valid JSON (${(error as Error).message}): check the quotes and commas.`);
    }
    const at = resolvePointer(document, check.at);
    if (!at.found) return fail(`${check.file} has nothing at ${check.at}: keep the layout of the starting file.`);
    const { value } = at;
    if (value === null || (Array.isArray(value) && value.length === 0 && check.includes)) return fail(`Not answered yet (${show(value)}).`);
    if (check.allowed) {
      const items = Array.isArray(value) ? value : [value];
      const stray = items.find((item) => !check.allowed!.some((allowed) => same(item, allowed)));
      if (stray !== undefined) return fail(`${show(stray)} is not one of ${check.allowed.map(show).join(", ")}.`);
    }
    if (check.includes) {
      const items = Array.isArray(value) ? value : [value];
      const missing = check.includes.filter((wanted) => !items.some((item) => same(item, wanted)));
      if (missing.length > 0) return fail(`You answered ${show(value)}: something is missing.${hint}`);
    }
    if (check.equals !== undefined && !same(value, check.equals)) return fail(`You answered ${show(value)}.${hint}`);
    return { passed: true, expected, actual: `Right: ${show(value)}.` };
  },
};

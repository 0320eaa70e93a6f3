/**
 * The mid-run rotation of a scenario, as pure helpers shared by the grader (world.ts, with canaries)
 * and the learner's Run (sandbox-rotation.ts, with the values the statement shows): which files
 * change and to what, and the module that plays the platform inside the program. Providers renew
 * their own stores (the Azure provider's vault versions: src/providers/azure/rotate-vault.ts). Only placeholders.ts and types: the exercise page imports this without the grading engine.
 */
import { fillPlaceholders, referencesSecret, type PlaceholderValues } from "./placeholders.ts";

export const ROTATION_HOST = "rotation.grader.internal";

/** Absolute path -> content after the rotation, for the files (templates) that hold the rotated secret. */
export function rotatedVirtualFiles(templates: Record<string, string>, secret: string, rotatedValues: PlaceholderValues): Record<string, string> {
  const rotated: Record<string, string> = {};
  for (const [path, text] of Object.entries(templates)) {
    if (referencesSecret(text, secret)) rotated[path] = fillPlaceholders(text, rotatedValues);
  }
  return rotated;
}

/**
 * What the harness does once loaded: at `atMs`, rewrite the files, then tell ROTATION_HOST (which
 * rotates the providers' stores). With `afterFirstRequest` it first asks ROTATION_HOST/ready, which
 * the grader answers once the program has sent its first request: a check that compares requests
 * before and after the rotation needs one before it, however slow the machine.
 */
function harnessTimer(atMs: number, afterFirstRequest: boolean): string[] {
  const rotate = ["for (const [path, text] of Object.entries(files)) writeFileSync(path, text);", `fetch('http://${ROTATION_HOST}/rotate', { method: 'POST' }).catch(() => {});`];
  const body = afterFirstRequest ? [`fetch('http://${ROTATION_HOST}/ready').catch(() => {}).then(() => {`, ...rotate.map((line) => `  ${line}`), "});"] : rotate;
  return ["setTimeout(() => {", ...body.map((line) => `  ${line}`), `}, ${atMs});`, ""];
}

/** The module the grader runs first when a rotation is due: it plays the platform rewriting the mount. */
export function rotationHarness(rotatedFiles: Record<string, string>, atMs: number, afterFirstRequest = false): string {
  return [
    "// Written by the grader: rotates the secret while the program runs, like an orchestrator",
    "// rewriting a mounted secret file, then tells the grader (which rotates vault values).",
    "import { writeFileSync } from 'node:fs';",
    `const files: Record<string, string> = ${JSON.stringify(rotatedFiles)};`,
    ...harnessTimer(atMs, afterFirstRequest),
  ].join("\n");
}

/**
 * The same module as `rotationHarness`, written in the form the sandbox's module loader runs (plain
 * JavaScript, `require` instead of `import`), so its text can serve as its own compiled code and the
 * sandbox's worker does not transpile it.
 */
export function compiledRotationHarness(rotatedFiles: Record<string, string>, atMs: number): string {
  return [
    "// Written by the sandbox: rotates the secret while the program runs, as Check does.",
    "const { writeFileSync } = require('node:fs');",
    `const files = ${JSON.stringify(rotatedFiles)};`,
    ...harnessTimer(atMs, false),
  ].join("\n");
}

/**
 * The rotation a graded exercise's own sandbox (Run, not Check) plays: the grader's rotation
 * (rotation.ts: the same rewritten files, the same harness module, the same vault versions, at the
 * same `atMs`), with the values the learner sees instead of canaries. The rotated secret's new value
 * is its `shownValue` with a visible suffix, in a shape its kind still accepts (a payments key stays
 * `sk_test_` + word characters). Only placeholders.ts and rotation.ts: the page loads no grading
 * engine for this.
 */
import type { ExerciseScenario, ScenarioSecret } from "../schemas/exercise-scenario.ts";
import { PlaceholderError, type PlaceholderValues } from "./placeholders.ts";
import { compiledRotationHarness, rotatedVirtualFiles } from "./rotation.ts";

export { ROTATION_HOST } from "./rotation.ts";

/** Where Run puts the harness and the entry that loads it before the learner's entry. */
export const SANDBOX_ROTATION_MODULE = "/sandbox/rotation.js";
export const SANDBOX_ROTATION_ENTRY = "/sandbox/main.js";

/**
 * The value a rotated secret has after the rotation, on Run: the shown value, visibly changed, in
 * characters it already accepts (a hyphen only where the shown value has one; letters otherwise,
 * so `sk_test_…` stays a key the payments API takes).
 */
export function rotatedShownValue(secret: Pick<ScenarioSecret, "shownValue">): string {
  return secret.shownValue.includes("-") ? `${secret.shownValue}-rotated` : `${secret.shownValue}Rotated`;
}

/** Each secret's `shownValue`, with `overrides` by secret name. Vault tokens read as in the workbench's panels. */
function shownValues(secrets: readonly ScenarioSecret[], overrides: Record<string, string> = {}): PlaceholderValues {
  const byName = new Map(secrets.map((secret) => [secret.name, overrides[secret.name] ?? secret.shownValue]));
  return {
    secret: (name) => {
      const value = byName.get(name);
      if (value === undefined) throw new PlaceholderError(`no secret named '${name}'`);
      return value;
    },
    vaultToken: (identity) => `(a token for ${identity}, minted when the program runs)`,
  };
}

export interface SandboxRotation {
  /** The scenario secret that rotates. */
  secret: string;
  /** Its value after the rotation. */
  value: string;
  /** Milliseconds after the program starts, as on Check. */
  atMs: number;
  /** Absolute path -> content after the rotation (only files that change). */
  rotatedFiles: Record<string, string>;
  /** Provider secrets that get a new version, as `store/secret` (`payments-kv/DatabasePassword`). */
  vaultSecrets: string[];
  /** The values after the rotation (the rotated secret's shown value changed): what each provider's world renews. */
  rotatedValues: PlaceholderValues;
  /** The line the output shows when it happens. */
  message: string;
  /**
   * The run with the rotation in it: the harness module and an entry that loads it before the
   * learner's entry (as the grader does). The harness is already in the loader's form: its text is
   * its compiled code (`compiled`, path -> text), so the worker does not transpile it.
   */
  program(files: Record<string, string>, entry: string): { files: Record<string, string>; entry: string; compiled: Record<string, string> };
}

/**
 * The rotation Run plays. `targets`: where providers give the secret a new version (from the build:
 * `rotationTargetsOf` in src/providers/registry.ts), for the line the output shows.
 */
export function exerciseRotation(scenario: ExerciseScenario | undefined, targets: ReadonlyArray<{ store: string; name: string }> = []): SandboxRotation | undefined {
  if (!scenario?.rotation || !scenario.entry) return undefined;
  const { secret, atMs } = scenario.rotation;
  const declared = scenario.secrets.find((s) => s.name === secret);
  if (!declared) return undefined;
  const value = rotatedShownValue(declared);
  const rotatedValues = shownValues(scenario.secrets, { [secret]: value });
  const rotatedFiles = rotatedVirtualFiles(scenario.virtualFiles, secret, rotatedValues);
  const vaultSecrets = targets.map((item) => `${item.store}/${item.name}`);
  const what = [...new Set(targets.map((item) => item.name))].join(", ") || secret;
  const effects = [...new Set(targets.map((item) => item.store))].map((store) => `a new version in ${store}`).concat(Object.keys(rotatedFiles).map((path) => `${path} rewritten`));
  const message = `[sandbox] ${what} rotated (as Check will do at ${atMs} ms)${effects.length ? `: ${effects.join("; ")}` : ""}\n`;
  const harness = compiledRotationHarness(rotatedFiles, atMs);
  return {
    secret,
    value,
    atMs,
    rotatedFiles,
    vaultSecrets,
    rotatedValues,
    message,
    program(files, entry) {
      const start = `require(${JSON.stringify(SANDBOX_ROTATION_MODULE)});\nrequire(${JSON.stringify(entry)});\n`;
      const added = { [SANDBOX_ROTATION_MODULE]: harness, [SANDBOX_ROTATION_ENTRY]: start };
      return { files: { ...files, ...added }, entry: SANDBOX_ROTATION_ENTRY, compiled: added };
    },
  };
}

/** For ROTATION_HOST on the page network: the handler the harness calls, which rotates once per run. */
export function rotationHandler(onRotate: () => void): (request: Request) => Promise<Response> {
  let done = false;
  return async (request) => {
    // Only the grader's harness asks /ready (Run's rotates on the clock); answered all the same.
    if (new URL(request.url).pathname === "/ready") return new Response(null, { status: 204 });
    if (!done) {
      done = true;
      onRotate();
    }
    return new Response(null, { status: 204 });
  };
}

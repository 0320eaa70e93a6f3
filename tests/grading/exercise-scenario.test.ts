/** The scenario schema: defaults, and the referential problems an author sees, each with its path. */
import { describe, expect, test } from "vitest";
import { ExerciseScenarioSchema, type ExerciseScenarioInput } from "../../src/schemas/exercise-scenario.ts";
import { parseExerciseScenario } from "../../src/grading/index.ts";
import { envKeyScenario } from "./fixtures.ts";

function problems(input: unknown): string[] {
  const result = ExerciseScenarioSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("ExerciseScenarioSchema", () => {
  test("the env-key scenario is valid and gets its defaults", () => {
    const parsed = ExerciseScenarioSchema.parse(envKeyScenario);
    expect(parsed.virtualFiles).toEqual({});
    expect(parsed.checks[3]).toEqual({ id: "no-leak", kind: "no-leak", secret: "payments_key", surfaces: "all" });
  });

  test("references to undeclared things are reported with their paths", () => {
    const broken = {
      ...envKeyScenario,
      env: { EXTERNAL_API_KEY: "{{secret:stripe_key}}", TOKEN: "{{vault-token:nobody}}", X: "{{secrte:payments_key}}" },
      rotation: { secret: "payments_key", atMs: 500 },
      checks: [
        { kind: "exit-code", id: "runs" },
        { kind: "exit-code", id: "runs" },
        { kind: "api-received-secret", api: "payments", secret: "nope" },
        { kind: "image-builds", tag: "app" },
        { kind: "vault-read-by", identity: "payments-api", secret: "PaymentsApiKey" },
      ],
    };
    // Each provider checks its own fields and checks after the scenario's own rules: compare as a set.
    expect(problems(broken).sort()).toEqual([
      "env.EXTERNAL_API_KEY: no secret named 'stripe_key' in 'secrets'",
      "env.TOKEN: no vault identity named 'nobody' for {{vault-token:nobody}}",
      "env.X: unknown placeholder {{secrte:...}}: use {{secret:<name>}} or {{vault-token:<identity>}}",
      "rotation.secret: 'payments_key' must be in a virtual file or the vault to be rotated (env cannot change mid-run)",
      "checks.1.id: duplicate check id 'runs'",
      "checks.2.secret: no secret named 'nope' in 'secrets'",
      "checks.3: needs 'docker' (setup commands that build the image)",
      "checks.4: needs a 'vault'",
    ].sort());
  });

  test("learner paths are relative, virtual file paths absolute", () => {
    const input: ExerciseScenarioInput = { ...envKeyScenario, starterFiles: { "/etc/passwd": "" }, virtualFiles: { "run/secrets/x": "" } };
    expect(problems(input)).toEqual(
      expect.arrayContaining([
        "starterFiles./etc/passwd: learner file paths are relative to /app, without '..'",
        "virtualFiles.run/secrets/x: virtual file paths are absolute, like /run/secrets/db_password",
      ]),
    );
  });

  test("the vault world is validated by the vault's own schema when grading", () => {
    const input = { ...envKeyScenario, vault: { vaults: [{ name: "x" }] } };
    expect(() => parseExerciseScenario(input)).toThrow("vault.vaults.0.name: must be 3-24 letters, digits or dashes, starting with a letter");
  });
});

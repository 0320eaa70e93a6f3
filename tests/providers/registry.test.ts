/**
 * The registry's rules: each scenario field, check kind and leak surface belongs to one provider;
 * every provider a sandbox can use has its sandbox facet where the page looks for it (by folder);
 * the exercise schema is the providers' fields and checks merged.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { PROVIDERS, providersOf, sandboxProviderConfigs } from "../../src/providers/registry.ts";
import { loadSandboxFacet } from "../../src/providers/page-facets.ts";
import { ExerciseScenarioSchema, LEAK_SURFACES } from "../../src/schemas/exercise-scenario.ts";
import { findExerciseKit } from "../../src/exercises/load-exercise-kits.ts";
import { shownPlaceholderValues } from "../../src/grading/scenario.ts";

const root = join(import.meta.dirname, "../..");
const CORE_FIELDS = ["entry", "starterFiles", "solutionFiles", "env", "virtualFiles", "secrets", "rotation", "timeoutMs", "checks", "variants"];

function duplicates(names: string[]): string[] {
  return names.filter((name, i) => names.indexOf(name) !== i);
}

describe("the provider registry", () => {
  test("a scenario field belongs to one provider, and never to the core", () => {
    const fields = PROVIDERS.flatMap((provider) => Object.keys(provider.scenarioFields));
    expect(duplicates([...CORE_FIELDS, ...fields])).toEqual([]);
    expect(Object.keys(ExerciseScenarioSchema.shape).sort()).toEqual([...CORE_FIELDS, ...fields].sort());
  });

  test("a check kind belongs to one provider; a surface id is unique", () => {
    expect(duplicates(PROVIDERS.flatMap((provider) => provider.checks.map((check) => check.shape.kind.value)))).toEqual([]);
    expect(duplicates([...LEAK_SURFACES])).toEqual([]);
    expect(LEAK_SURFACES).toEqual(expect.arrayContaining(["stdout", "vault", "image-layers"]));
  });

  test("each provider lives in src/providers/<id>/, and the page finds the sandbox facet of each that has one", async () => {
    for (const provider of PROVIDERS) {
      expect(existsSync(join(root, "src/providers", provider.id, "index.ts")), provider.id).toBe(true);
      if (provider.sandbox) {
        expect(await loadSandboxFacet(provider.id)).toBe((await provider.sandbox()).sandbox);
      }
    }
    await expect(loadSandboxFacet("nope")).rejects.toThrow("no sandbox facet for provider 'nope' (src/providers/nope/sandbox.ts)");
  });

  test("scenarios list their providers by giving their fields", () => {
    const ids = (kitId: string) => providersOf(findExerciseKit(kitId)!.scenario).map((provider) => provider.id);
    expect(ids("env-refactor")).toEqual(["payments"]);
    expect(ids("akv-survive-rotation")).toEqual(expect.arrayContaining(["azure"]));
    expect(ids("buildkit-fix-npm-token")).toEqual(expect.arrayContaining(["docker"]));
  });

  test("an exercise's page config carries each provider it uses, filled with the shown values", () => {
    const { scenario } = findExerciseKit("akv-least-privilege")!;
    const configs = sandboxProviderConfigs({ kind: "exercise", scenario, shown: shownPlaceholderValues(scenario.secrets, (identity) => `(token ${identity})`) });
    expect(Object.keys(configs).sort()).toEqual(["azure", "payments"]);
    expect(JSON.stringify(configs["azure"])).toContain("sk_test_51FakeKeyForSecretsLabOnly");
    // The seeded scenario has the values; the template beside it keeps the placeholders for a rotation.
    const azure = configs["azure"] as { scenario: unknown; template: unknown };
    expect(JSON.stringify(azure.scenario)).not.toContain("{{secret:");
    expect(JSON.stringify(azure.template)).toContain("{{secret:");
  });
});

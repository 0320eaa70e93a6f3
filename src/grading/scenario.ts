/**
 * Reading a scenario: the exercise schema (with every provider's fields), every problem reported with
 * its path, in one error. A provider that keeps its part loose (the vault world) reads it with its
 * engine's own schema when it builds its grading world.
 */
import { ExerciseScenarioSchema, type ExerciseScenario, type ScenarioSecret } from "../schemas/exercise-scenario.ts";
import type { PlaceholderValues } from "./placeholders.ts";
import { GradingSetupError } from "./types.ts";

export function parseExerciseScenario(input: unknown): ExerciseScenario {
  const result = ExerciseScenarioSchema.safeParse(input);
  if (!result.success) {
    throw new GradingSetupError(result.error.issues.map((issue) => `${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`));
  }
  return result.data;
}

/**
 * Placeholder values for the learner's own sandbox runs: each secret's `shownValue`. Vault tokens
 * come from the sandbox's vault engine (`engine.identities.issueToken(identity, [scope])`).
 */
export function shownPlaceholderValues(secrets: readonly ScenarioSecret[], vaultToken: (identity: string) => string): PlaceholderValues {
  const byName = new Map(secrets.map((secret) => [secret.name, secret.shownValue]));
  return {
    secret: (name) => {
      const value = byName.get(name);
      if (value === undefined) throw new GradingSetupError([`no secret named '${name}'`]);
      return value;
    },
    vaultToken,
  };
}

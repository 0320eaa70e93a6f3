/**
 * The Azure world a graded exercise's own sandbox (Run, not Check) puts on the page: the exercise's
 * vault with each secret's `shownValue` where the grader plants canaries, and its machine. So the
 * learner's `new SecretClient(url, new ManagedIdentityCredential())` answers on Run as on Check.
 * Only placeholders.ts: the page loads no grading engine (nor the vault schema) for this.
 */
import type { AzureWorldConfig } from "../runtime/azure/host/index.ts";
import type { ExerciseScenario } from "../schemas/exercise-scenario.ts";
import { fillPlaceholdersDeep, PlaceholderError } from "./placeholders.ts";

export function exerciseAzureWorld(scenario: ExerciseScenario | undefined): AzureWorldConfig | undefined {
  if (!scenario?.vault) return undefined;
  const shown = new Map(scenario.secrets.map((secret) => [secret.name, secret.shownValue]));
  const vault = fillPlaceholdersDeep(scenario.vault, {
    secret: (name) => {
      const value = shown.get(name);
      if (value === undefined) throw new PlaceholderError(`no secret named '${name}'`);
      return value;
    },
    vaultToken: (identity) => {
      throw new PlaceholderError(`{{vault-token:${identity}}} cannot be used inside the vault itself`);
    },
  });
  return { scenario: vault, ...(scenario.machine ? { machine: scenario.machine } : {}) };
}

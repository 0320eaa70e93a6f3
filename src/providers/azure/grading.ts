/**
 * Azure in a grading run: a vault engine seeded from the scenario with this run's canaries, the same
 * hosts as the sandbox's Azure world (the vaults, Entra ID, and IMDS when the machine runs as a
 * managed identity, all recorded: a canary in a token request is a leak too), tokens for
 * `{{vault-token:<identity>}}`, new versions at the rotation, the vault as a leak surface, and the
 * vault's checks.
 */
import { createEngineFromScenario, ScenarioError, type VaultEngine } from "../../vault/index.ts";
import { createAzureHosts } from "../../runtime/azure/host/index.ts";
import { fillPlaceholdersDeep } from "../../grading/placeholders.ts";
import { rotateVault } from "../../grading/rotation.ts";
import { GradingSetupError } from "../../grading/types.ts";
import { defineGrading } from "../grading-types.ts";
import type { ChecksOf, FragmentOf } from "../types.ts";
import { vaultOnlyReadsCheck } from "./checks/vault-only-reads.ts";
import { vaultReadByCheck } from "./checks/vault-read-by.ts";
import type { azureProvider } from "./index.ts";
import { vaultSurfaces } from "./vault-surfaces.ts";

const KEY_VAULT_SCOPE = "https://vault.azure.net/.default";

export const grading = defineGrading<FragmentOf<typeof azureProvider>, VaultEngine, ChecksOf<typeof azureProvider>>({
  createWorld({ fragment, scenario, values, rotatedValues, plug }) {
    const template = fragment.vault;
    if (!template) throw new GradingSetupError(["machine: needs a 'vault'"]);
    let engine: VaultEngine;
    try {
      engine = createEngineFromScenario(
        fillPlaceholdersDeep(template, {
          ...values,
          vaultToken: () => {
            throw new GradingSetupError(["{{vault-token:...}} cannot be used inside the vault itself"]);
          },
        }),
      );
    } catch (error) {
      if (error instanceof ScenarioError) throw new GradingSetupError(error.problems.map((p) => `vault.${p}`));
      throw error;
    }
    let hosts;
    try {
      hosts = createAzureHosts(engine, fragment.machine ?? {});
    } catch (error) {
      throw new GradingSetupError([`machine: ${error instanceof Error ? error.message : String(error)}`]);
    }
    for (const [host, handler] of Object.entries(hosts)) plug(host, handler);
    const rotated = scenario.rotation?.secret;
    return {
      state: engine,
      placeholders: { "vault-token": (identity) => engine.identities.issueToken(identity, [KEY_VAULT_SCOPE]).token },
      rotate: () => {
        if (rotated) rotateVault(engine, template, rotated, rotatedValues);
      },
      surfaces: (secret, evidence) => vaultSurfaces(engine, template, secret, evidence),
    };
  },
  checks: { "vault-read-by": vaultReadByCheck, "vault-only-reads": vaultOnlyReadsCheck },
});

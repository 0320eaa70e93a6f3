/**
 * Azure in the learner's sandbox: one world per sandbox (the mock vaults seeded from the example's
 * or exercise's scenario, Entra ID, IMDS for a managed identity), its hosts on the page network
 * while the sandbox runs, new vault versions when an exercise's rotation plays on Run, and the
 * vault inspector. Loaded only on pages whose sandboxes use Azure (it carries the vault engine).
 */
import { createAzureWorld, type AzureWorld, type AzureWorldConfig } from "../../runtime/azure/host/index.ts";
import { rotateVault } from "../../grading/rotation.ts";
import type { SandboxFacet, SandboxWorld } from "../sandbox-types.ts";

/** The build's config: the scenario to seed (filled with shown values) and, for an exercise, its template. */
interface AzureSandboxConfig extends AzureWorldConfig {
  template?: unknown;
}

export interface AzureSandboxWorld extends SandboxWorld {
  engine: AzureWorld["engine"];
}

export const sandbox: SandboxFacet<AzureSandboxWorld> = {
  createWorld({ config }) {
    const azure = config as AzureSandboxConfig;
    const world = createAzureWorld(azure);
    return {
      engine: world.engine,
      hosts: world.hosts,
      rotate: (secret, rotatedValues) => rotateVault(world.engine, azure.template ?? azure.scenario, secret, rotatedValues),
    };
  },
  mountInspector: async (target) => (await import("./inspector.ts")).mountVaultInspector(target),
};

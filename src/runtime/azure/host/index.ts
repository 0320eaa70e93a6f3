/**
 * The host side of the sandbox's Azure: everything a page (or a Node test) puts on its
 * SimulatedNetwork so a program's `@azure/keyvault-secrets` and `@azure/identity` work:
 *
 *   const world = createAzureWorld({ scenario, machine: { managedIdentity: "payments-api" } });
 *   world.install(network);   // <vault>.vault.azure.net, login.microsoftonline.com (+ 169.254.169.254)
 *   ...runs...
 *   world.engine.audit.entries();
 *   world.uninstall(network);
 *
 * Loaded on demand (it carries the vault engine and its schema library): import this file, not
 * `runtime/index.ts`, and only where an example declares a vault.
 */
import { createEngineFromScenario, createVaultFetch, type VaultEngine } from '../../../vault/index.ts';
import type { RequestHandler, SimulatedNetwork } from '../../network/simulated-network.ts';
import { ENTRA_HOST, IMDS_HOST } from '../endpoints.ts';
import { createEntraIdHandler } from './entra-id.ts';
import { createImdsHandler } from './imds.ts';
import type { AzureMachine } from './machine.ts';

export type { AzureMachine, IdentityIssuer } from './machine.ts';
export { ENTRA_HOST, IMDS_HOST } from '../endpoints.ts';
export { createEntraIdHandler } from './entra-id.ts';
export { createImdsHandler } from './imds.ts';

/** What an example declares: the vault world (a vault scenario, see src/vault/scenario.ts) and the machine. */
export interface AzureWorldConfig {
  scenario: unknown;
  machine?: AzureMachine;
}

export interface AzureWorld {
  engine: VaultEngine;
  /** Host name -> handler: one per vault, Entra ID, and IMDS when the machine has a managed identity. */
  hosts: Record<string, RequestHandler>;
  install(network: SimulatedNetwork): void;
  uninstall(network: SimulatedNetwork): void;
}

/** A fresh engine seeded from the scenario (throws ScenarioError listing each problem) and its hosts. */
export function createAzureWorld(config: AzureWorldConfig): AzureWorld {
  const engine = createEngineFromScenario(config.scenario);
  const hosts = createAzureHosts(engine, config.machine ?? {});
  return {
    engine,
    hosts,
    install: (network) => {
      for (const [host, handler] of Object.entries(hosts)) network.addHost(host, handler);
    },
    uninstall: (network) => {
      for (const host of Object.keys(hosts)) network.removeHost(host);
    },
  };
}

/**
 * The hosts of an Azure world around an engine someone else seeded (the grader fills canaries in
 * first): one per vault, Entra ID, and IMDS when the machine has a managed identity. Throws when
 * the machine names an identity the engine does not know.
 */
export function createAzureHosts(engine: VaultEngine, machine: AzureMachine): Record<string, RequestHandler> {
  for (const name of machineIdentities(machine)) {
    if (!engine.identities.get(name)) {
      const known = engine.identities.list().map((identity) => identity.name).join(', ') || 'none';
      throw new Error(`The sandbox machine names identity '${name}', which the vault scenario does not declare (known: ${known}).`);
    }
  }
  const vaultFetch = createVaultFetch(engine);
  const hosts: Record<string, RequestHandler> = { [ENTRA_HOST]: createEntraIdHandler(engine.identities, machine) };
  if (machine.managedIdentity) hosts[IMDS_HOST] = createImdsHandler(engine.identities, machine.managedIdentity);
  for (const name of engine.vaultNames()) hosts[`${name.toLowerCase()}.vault.azure.net`] = vaultFetch;
  return hosts;
}

/** Every identity a machine names, for validation. */
export function machineIdentities(machine: AzureMachine): string[] {
  return [machine.managedIdentity, machine.azureCli, ...Object.keys(machine.clientSecrets ?? {}), ...(machine.workloadIdentities ?? [])].filter(
    (name): name is string => name !== undefined,
  );
}

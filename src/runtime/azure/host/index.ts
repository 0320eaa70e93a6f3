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
  const machine = config.machine ?? {};
  for (const name of [machine.managedIdentity, machine.azureCli, ...Object.keys(machine.clientSecrets ?? {}), ...(machine.workloadIdentities ?? [])]) {
    if (name !== undefined && !engine.identities.get(name)) {
      const known = engine.identities.list().map((identity) => identity.name).join(', ') || 'none';
      throw new Error(`The sandbox machine names identity '${name}', which the vault scenario does not declare (known: ${known}).`);
    }
  }
  const vaultFetch = createVaultFetch(engine);
  const hosts: Record<string, RequestHandler> = { [ENTRA_HOST]: createEntraIdHandler(engine.identities, machine) };
  if (machine.managedIdentity) hosts[IMDS_HOST] = createImdsHandler(engine.identities, machine.managedIdentity);
  for (const name of engine.vaultNames()) hosts[`${name.toLowerCase()}.vault.azure.net`] = vaultFetch;
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

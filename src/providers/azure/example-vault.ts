import { z } from "astro/zod";
import { VaultScenarioSchema } from "../../vault/index.ts";

/**
 * An example's Azure world: the mock vault's contents, identities and role assignments (the vault's
 * own scenario schema), and what the machine the program runs on can sign in as, i.e. which links
 * of DefaultAzureCredential answer there. Identities are named as in the scenario.
 */
export const ExampleVaultSchema = z
  .strictObject({
    scenario: VaultScenarioSchema,
    machine: z
      .strictObject({
        /** "Runs in Azure with this managed identity": ManagedIdentityCredential answers (IMDS). */
        managedIdentity: z.string().optional(),
        /** "`az login` was run as this user": AzureCliCredential answers. */
        azureCli: z.string().optional(),
        /** Client secrets Entra ID accepts, by service principal (EnvironmentCredential). Fake values only. */
        clientSecrets: z.record(z.string(), z.string()).optional(),
        /** Service principals Entra ID accepts a federated token for (WorkloadIdentityCredential). */
        workloadIdentities: z.array(z.string()).optional(),
      })
      .default({}),
  })
  .superRefine((vault, ctx) => {
    const known = new Set(vault.scenario.identities.map((identity) => identity.name));
    const { managedIdentity, azureCli, clientSecrets = {}, workloadIdentities = [] } = vault.machine;
    const references: { name: string; path: (string | number)[] }[] = [
      ...(managedIdentity ? [{ name: managedIdentity, path: ["machine", "managedIdentity"] }] : []),
      ...(azureCli ? [{ name: azureCli, path: ["machine", "azureCli"] }] : []),
      ...Object.keys(clientSecrets).map((name) => ({ name, path: ["machine", "clientSecrets", name] })),
      ...workloadIdentities.map((name, i) => ({ name, path: ["machine", "workloadIdentities", i] })),
    ];
    for (const { name, path } of references) {
      if (!known.has(name)) ctx.addIssue({ code: "custom", path, message: `no identity named '${name}' in scenario.identities` });
    }
  });
export type ExampleVault = z.infer<typeof ExampleVaultSchema>;

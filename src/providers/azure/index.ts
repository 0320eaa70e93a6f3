/**
 * Azure Key Vault and Entra ID: the mock vaults (src/vault), the sign-in hosts and IMDS a program's
 * `DefaultAzureCredential` meets (src/runtime/azure/host), the official `@azure/keyvault-secrets` and
 * the `@azure/identity` stand-in in the sandbox, the vault inspector, and the vault's checks.
 */
import { z } from "astro/zod";
import { ExampleVaultSchema } from "./example-vault.ts";
import { VaultScenarioSchema } from "../../vault/index.ts";
import { checkBase } from "../../schemas/scenario-parts.ts";
import type { Provider, RotationTarget } from "../types.ts";
import { fillPlaceholdersDeep } from "../../grading/placeholders.ts";
import { referencesSecret } from "../../grading/placeholders.ts";

/**
 * What the machine the program runs on knows about Azure sign-in (`AzureMachine` of
 * `src/runtime/azure/host/machine.ts`): with it, the grader puts the same Azure world on its network
 * as the sandbox does (Entra ID, IMDS for a managed identity, the vaults). Plain (fake) values.
 */
const AzureMachineSchema = z.strictObject({
  /** The program runs in Azure with this managed identity: IMDS answers for it. */
  managedIdentity: z.string().min(1).optional(),
  /** A developer ran `az login` as this identity. */
  azureCli: z.string().min(1).optional(),
  /** Client secrets Entra ID accepts, by service principal name. */
  clientSecrets: z.record(z.string(), z.string().min(1)).optional(),
  /** Identities Entra ID accepts a federated token for. */
  workloadIdentities: z.array(z.string().min(1)).optional(),
});

type VaultTemplate = { vaults: Array<{ name: string; secrets?: Array<{ name: string; versions?: Array<{ value?: unknown }> }> }> };

/** The vault secrets whose latest version holds `{{secret:<name>}}` (what a rotation renews). */
export function vaultRotationTargets(vault: VaultTemplate | undefined, secret: string): RotationTarget[] {
  return (vault?.vaults ?? []).flatMap((v) =>
    (v.secrets ?? []).flatMap((item) => {
      const latest = item.versions?.at(-1)?.value;
      return typeof latest === "string" && referencesSecret(latest, secret) ? [{ store: v.name, name: item.name }] : [];
    }),
  );
}

const azureFields = {
    /** The mock Key Vault world: the vault engine's own scenario schema (src/vault/scenario.ts). */
    vault: VaultScenarioSchema.optional(),
    /** Azure sign-in on the program's machine (needs `vault`). */
    machine: AzureMachineSchema.optional(),
  };

const azureExampleFields = {
    /** The mock Azure Key Vault world this example runs against (vault contents, identities, roles, machine). */
    vault: ExampleVaultSchema.optional(),
  };

const azureChecks = [
    /** The vault audit log shows a successful read of `secret` (a vault secret name) by `identity`. */
    z.strictObject({ ...checkBase, kind: z.literal("vault-read-by"), identity: z.string().min(1), secret: z.string().min(1), vault: z.string().optional() }),
    /**
     * Least privilege, as the vault saw it: every request the program made was a read (SecretGet) of
     * one of `secrets`; no listing, no other secret, no writes. Refused requests count too.
     */
    z.strictObject({ ...checkBase, kind: z.literal("vault-only-reads"), secrets: z.array(z.string().min(1)).min(1), vault: z.string().optional() }),
  ] as const;

// Declared, not inferred: the facets import this descriptor's types, and an inferred type would
// depend on them in a cycle.
export const azureProvider: Provider<"azure", typeof azureFields, typeof azureChecks, typeof azureExampleFields> = {
  id: "azure",
  title: "Azure Key Vault and Entra ID",
  scenarioFields: azureFields,
  exampleFields: azureExampleFields,
  checks: azureChecks,
  refine(_scenario, fragment, checks, ctx) {
    const identities = new Set((fragment.vault?.identities ?? []).map((identity) => identity.name));
    ctx.visitPlaceholders(fragment.vault, ["vault"]);
    if (fragment.machine) {
      const { managedIdentity, azureCli, clientSecrets, workloadIdentities } = fragment.machine;
      if (!fragment.vault) ctx.issue(["machine"], "needs a 'vault' (the identities it names live there)");
      const named: Array<[string, (string | number)[]]> = [];
      if (managedIdentity) named.push([managedIdentity, ["machine", "managedIdentity"]]);
      if (azureCli) named.push([azureCli, ["machine", "azureCli"]]);
      for (const name of Object.keys(clientSecrets ?? {})) named.push([name, ["machine", "clientSecrets", name]]);
      (workloadIdentities ?? []).forEach((name, i) => named.push([name, ["machine", "workloadIdentities", i]]));
      for (const [name, path] of named) {
        if (fragment.vault && !identities.has(name)) ctx.issue(path, `no vault identity named '${name}'`);
      }
      if (/\{\{/.test(JSON.stringify(fragment.machine))) ctx.issue(["machine"], "placeholders are not filled in 'machine': use plain (fake) values");
    }
    for (const { check, path } of checks) {
      if (!fragment.vault) ctx.issue(path, "needs a 'vault'");
      else if (check.kind === "vault-read-by" && !identities.has(check.identity)) ctx.issue([...path, "identity"], `no vault identity named '${check.identity}'`);
    }
  },
  rotationTargets: (fragment, secret) => vaultRotationTargets(fragment.vault, secret),
  surfaces: [{ id: "vault", label: "vault tags and other secrets" }],
  placeholders: {
    "vault-token": {
      problem: (name, fragment) =>
        (fragment?.vault?.identities ?? []).some((identity) => identity.name === name) ? undefined : `no vault identity named '${name}' for {{vault-token:${name}}}`,
      syntax: "{{vault-token:<identity>}}",
      shown: (identity) => `(a token for ${identity}, minted when the program runs)`,
    },
  },
  modules: ["@azure/keyvault-secrets", "@azure/identity"],
  sandboxConfig(source) {
    if (source.kind === "example") return source.fields.vault;
    const { vault, machine } = source.fragment;
    if (!vault) return undefined;
    const filled = fillPlaceholdersDeep(vault, source.shown);
    // The template stays beside the filled scenario: a rotation on Run finds the versions to renew in it.
    return { scenario: filled, template: vault, ...(machine ? { machine } : {}) };
  },
  grading: () => import("./grading.ts"),
  sandbox: () => import("./sandbox.ts"),
  sim: () => import("./sim.ts"),
};

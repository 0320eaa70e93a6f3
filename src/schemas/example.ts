import { z } from "astro/zod";
import { VaultScenarioSchema } from "../vault/index";

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

/**
 * A runnable example: `content/examples/<topic>/<name>/example.json` beside the
 * learner's source files. The same files are shown in the lesson, run in the
 * browser sandbox and run by vitest in Node, so the three never drift apart.
 */
export const ExampleManifestSchema = z.strictObject({
  title: z.string().min(3),
  /** One or two sentences shown above the sandbox. */
  description: z.string().optional(),
  /** The file that runs, relative to the example folder (mounted at /app). */
  entry: z.string().regex(/\.(ts|js|mjs)$/, "entry must be a .ts, .js or .mjs file").default("main.ts"),
  /** process.env of the program; the sandbox shows it in the Environment panel. */
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "env names are letters, digits and _"), z.string()).default({}),
  /** Files outside /app that the sandbox seeds, e.g. /run/secrets/db_password. */
  files: z.record(z.string().startsWith("/", "virtual file paths are absolute, like /run/secrets/db_password"), z.string()).default({}),
  timeoutMs: z.number().int().min(100).max(30_000).optional(),
  /** The mock Azure Key Vault world this example runs against (vault contents, identities, roles, machine). */
  vault: ExampleVaultSchema.optional(),
  /** What a run must show; vitest asserts it in Node for every example. */
  expect: z
    .strictObject({
      exitCode: z.number().int().default(0),
      /** Each string must appear in stdout. */
      stdout: z.array(z.string()).default([]),
      /** None of these may appear in stdout or stderr (e.g. the secret itself). */
      absent: z.array(z.string()).default([]),
      /** Each string must appear in stderr. */
      stderr: z.array(z.string()).default([]),
    })
    .default({ exitCode: 0, stdout: [], absent: [], stderr: [] }),
});
export type ExampleManifest = z.infer<typeof ExampleManifestSchema>;

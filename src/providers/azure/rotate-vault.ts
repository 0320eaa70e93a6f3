/**
 * A rotation in the mock vault, for the grader (canaries) and the learner's Run (shown values) alike:
 * every vault secret whose latest version holds the rotated scenario secret gets a new version with
 * the rotated value, as Key Vault's rotation (or an operator) would write it.
 */
import { fillPlaceholders, referencesSecret, type PlaceholderValues } from "../../grading/placeholders.ts";
import type { VaultEngine } from "../../vault/index.ts";
import type { RotationTarget } from "../types.ts";

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

export function rotateVault(engine: Pick<VaultEngine, "vault">, template: unknown, secret: string, rotatedValues: PlaceholderValues): void {
  const vaults = (template as VaultTemplate | undefined)?.vaults ?? [];
  for (const { store, name } of vaultRotationTargets(template as VaultTemplate | undefined, secret)) {
    const latest = vaults.find((v) => v.name === store)?.secrets?.find((item) => item.name === name)?.versions?.at(-1)?.value;
    if (typeof latest === "string") engine.vault(store)?.setSecret(name, { value: fillPlaceholders(latest, rotatedValues) });
  }
}

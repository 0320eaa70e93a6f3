import { ROTATION_IDENTITY, type AuditEntry, type VaultEngine } from "../../../vault/index.ts";
import type { CheckDefinition } from "../../../grading/checks/context.ts";
import { withTrouble } from "../../../grading/checks/context.ts";

/** Distinct extra requests named in a failure; the rest are counted. */
const SHOWN = 3;

/**
 * Least privilege seen from the vault's side: a service that needs one secret asks for that one
 * secret by name. The audit log is the evidence, refused requests included (a 403 on a listing
 * still means the code tries to list: with a broader role it would have read everything).
 */
export const vaultOnlyReadsCheck: CheckDefinition<"vault-only-reads", VaultEngine> = {
  title: (check) => `The program asks the vault only for ${list(check.secrets)}`,
  evaluate(check, ctx, engine) {
    const expected = `Only reads (getSecret) of ${list(check.secrets)}: no listing, no other secret, no changes.`;
    if (!engine) return { passed: false, expected, actual: "There is no vault in this exercise." };
    const allowed = new Set(check.secrets.map((name) => name.toLowerCase()));
    // The rotation is the platform's doing, not the program's.
    const requests = engine.audit.entries(check.vault).filter((entry) => entry.identity !== ROTATION_IDENTITY);
    const extra = requests.filter((entry) => !(entry.operation === "SecretGet" && allowed.has(entry.secretName?.toLowerCase() ?? "")));
    if (extra.length === 0) {
      if (requests.length === 0) return { passed: false, expected, actual: withTrouble("The program asked the vault for nothing.", ctx) };
      return { passed: true, expected, actual: `All ${requests.length} request(s) were reads of ${list(check.secrets)}.` };
    }
    // The SDK's first, unauthenticated request of each call (the 401 challenge) says nothing new.
    const signedIn = extra.filter((entry) => entry.identity !== "anonymous");
    const kinds = [...new Set((signedIn.length > 0 ? signedIn : extra).map(describe))];
    const shown = kinds.slice(0, SHOWN).join("; ");
    const more = kinds.length > SHOWN ? `; and ${kinds.length - SHOWN} more` : "";
    return {
      passed: false,
      expected,
      actual: `It also asked the vault for: ${shown}${more}. Ask for the secret the service needs by name, and nothing else.`,
    };
  },
};

function describe(entry: AuditEntry): string {
  const what = entry.secretName ? `${entry.operation} ${entry.secretName}` : entry.operation;
  const outcome = entry.status < 300 ? String(entry.status) : `${entry.status}${entry.errorCode ? ` ${entry.errorCode}` : ""}`;
  return `${what} (as ${entry.identity}, ${outcome})`;
}

function list(names: readonly string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

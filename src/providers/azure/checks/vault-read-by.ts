import type { VaultEngine } from "../../../vault/index.ts";
import type { CheckDefinition } from "../../../grading/checks/context.ts";
import { withTrouble } from "../../../grading/checks/context.ts";

export const vaultReadByCheck: CheckDefinition<"vault-read-by", VaultEngine> = {
  title: (check) => `${check.identity} reads the secret ${check.secret} from the vault`,
  evaluate(check, ctx, engine) {
    const expected = `The vault's audit log shows a successful read (SecretGet, 200) of ${check.secret} by ${check.identity}.`;
    if (!engine) return { passed: false, expected, actual: "There is no vault in this exercise." };
    const reads = engine.audit
      .entries(check.vault)
      .filter((entry) => entry.operation === "SecretGet" && entry.secretName?.toLowerCase() === check.secret.toLowerCase());
    if (reads.some((entry) => entry.identity === check.identity && entry.status === 200)) return { passed: true, expected, actual: "The audit log shows it." };
    if (reads.length === 0) {
      const any = engine.audit.entries(check.vault).filter((entry) => entry.identity !== "anonymous");
      const other = any.length > 0 ? ` It logged ${any.length} other request(s) (${[...new Set(any.map((e) => `${e.operation} ${e.secretName ?? ""}`.trim()))].slice(0, 3).join(", ")}).` : "";
      return { passed: false, expected, actual: withTrouble(`The vault received no read of ${check.secret}.${other}`, ctx) };
    }
    const refused = reads.find((entry) => entry.identity === check.identity && entry.status === 403);
    if (refused) return { passed: false, expected, actual: `The vault refused the read by ${check.identity} (403 ${refused.errorCode ?? "Forbidden"}): it has no role that allows reading ${check.secret}.` };
    const others = [...new Set(reads.filter((e) => e.identity !== check.identity && e.identity !== "anonymous").map((e) => e.identity))];
    if (others.length > 0) return { passed: false, expected, actual: `The secret was read as ${others.join(", ")}, not as ${check.identity}: use the token of ${check.identity}.` };
    const last = reads.at(-1)!;
    if (last.status === 401) return { passed: false, expected, actual: "The vault answered 401: the request carried no valid token (send Authorization: Bearer <token>)." };
    return { passed: false, expected, actual: withTrouble(`The read failed with status ${last.status}${last.errorCode ? ` (${last.errorCode})` : ""}.`, ctx) };
  },
};

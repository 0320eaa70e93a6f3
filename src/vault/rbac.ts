import type { VaultSettings } from "./model.ts";

/**
 * Azure RBAC for Key Vault's data plane, reduced to what secrets need: built-in roles as
 * lists of data actions, assignments of a role to an identity at a vault or one-secret
 * scope, and one question: may this identity perform this action on this resource?
 */

/** The data actions Key Vault checks for secrets operations. */
export const SecretActions = {
  getSecret: "Microsoft.KeyVault/vaults/secrets/getSecret/action",
  setSecret: "Microsoft.KeyVault/vaults/secrets/setSecret/action",
  readMetadata: "Microsoft.KeyVault/vaults/secrets/readMetadata/action",
  update: "Microsoft.KeyVault/vaults/secrets/update/action",
  delete: "Microsoft.KeyVault/vaults/secrets/delete",
  recover: "Microsoft.KeyVault/vaults/secrets/recover/action",
  purge: "Microsoft.KeyVault/vaults/secrets/purge/action",
  backup: "Microsoft.KeyVault/vaults/secrets/backup/action",
  restore: "Microsoft.KeyVault/vaults/secrets/restore/action",
} as const;

export type SecretAction = (typeof SecretActions)[keyof typeof SecretActions];

export const BUILT_IN_ROLES = {
  /** Everything on the vault's data plane. */
  "Key Vault Administrator": ["Microsoft.KeyVault/vaults/*"],
  /** Every secret operation. */
  "Key Vault Secrets Officer": ["Microsoft.KeyVault/vaults/secrets/*"],
  /** Read secret values (and their metadata). What an app's identity usually needs. */
  "Key Vault Secrets User": [SecretActions.getSecret, SecretActions.readMetadata],
  /** Metadata only: names, attributes, tags; never values. */
  "Key Vault Reader": [SecretActions.readMetadata],
} as const satisfies Record<string, readonly string[]>;

export type RoleName = keyof typeof BUILT_IN_ROLES;

export const ROLE_NAMES = Object.keys(BUILT_IN_ROLES) as RoleName[];

export interface RoleAssignment {
  /** Identity name, as in the scenario. */
  readonly principal: string;
  readonly role: RoleName;
  readonly vault: string;
  /** Present for a one-secret scope (`.../vaults/<vault>/secrets/<secret>`). */
  readonly secret?: string;
}

/** The ARM resource id Azure prints in its 403 messages. */
export function resourceId(vault: VaultSettings, secret?: string): string {
  const base = `/subscriptions/${vault.subscriptionId}/resourcegroups/${vault.resourceGroup}/providers/microsoft.keyvault/vaults/${vault.name}`;
  return secret ? `${base}/secrets/${secret}` : base;
}

export class RoleAssignments {
  readonly #assignments: RoleAssignment[] = [];

  assign(assignment: RoleAssignment): void {
    this.#assignments.push({ ...assignment });
  }

  /** Removes matching assignments; returns how many went. */
  revoke(match: Partial<RoleAssignment>): number {
    const before = this.#assignments.length;
    for (let i = this.#assignments.length - 1; i >= 0; i--) {
      const a = this.#assignments[i];
      if (a && matches(a, match)) this.#assignments.splice(i, 1);
    }
    return before - this.#assignments.length;
  }

  list(): RoleAssignment[] {
    return this.#assignments.map((a) => ({ ...a }));
  }

  /**
   * True when some assignment of `principal` covers `action` at the vault, or at the one
   * secret named. A secret-scoped assignment never grants vault-wide operations (listing).
   */
  isAllowed(principal: string, vault: string, secret: string | undefined, action: SecretAction): boolean {
    return this.#assignments.some(
      (a) =>
        a.principal === principal &&
        a.vault.toLowerCase() === vault.toLowerCase() &&
        (a.secret === undefined || (secret !== undefined && a.secret.toLowerCase() === secret.toLowerCase())) &&
        BUILT_IN_ROLES[a.role].some((granted) => grants(granted, action)),
    );
  }
}

function grants(granted: string, action: string): boolean {
  return granted.endsWith("/*") ? action.startsWith(granted.slice(0, -1)) : granted === action;
}

function matches(a: RoleAssignment, match: Partial<RoleAssignment>): boolean {
  return (Object.keys(match) as Array<keyof RoleAssignment>).every((k) => a[k] === match[k]);
}

/**
 * What the vault stores, in its own terms (not the wire's). The REST layer maps these to
 * SecretBundle / SecretItem / DeletedSecretBundle.
 */

/** Names Key Vault accepts for secrets (1-127 letters, digits, dashes). */
export const SECRET_NAME_PATTERN = /^[0-9a-zA-Z-]{1,127}$/;

/** Key Vault's limit on a secret value: 25 KB. */
export const MAX_SECRET_VALUE_BYTES = 25 * 1024;

/** Key Vault allows at most 15 tags per object. */
export const MAX_TAGS = 15;

export interface SecretVersionRecord {
  readonly version: string;
  readonly value: string;
  contentType?: string;
  tags?: Record<string, string>;
  enabled: boolean;
  /** Not-before, unix seconds. */
  nbf?: number;
  /** Expiry, unix seconds. Informational: Key Vault still returns expired secrets on get. */
  exp?: number;
  readonly created: number;
  updated: number;
}

export interface SecretRecord {
  /** The name as first written (Key Vault names are case-insensitive; this keeps the casing). */
  readonly name: string;
  /** Oldest first; the last one is "latest". */
  readonly versions: SecretVersionRecord[];
}

export interface DeletedSecretRecord {
  readonly secret: SecretRecord;
  readonly deletedDate: number;
  readonly scheduledPurgeDate: number;
}

export interface VaultSettings {
  readonly name: string;
  readonly tenantId: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly location: string;
  /** Soft-delete retention, 7-90 days. */
  readonly recoverableDays: number;
}

/** What a caller may change on one version (PATCH): never the value. */
export interface SecretPropertiesPatch {
  enabled?: boolean;
  nbf?: number;
  exp?: number;
  contentType?: string;
  tags?: Record<string, string>;
}

export interface SetSecretInput extends SecretPropertiesPatch {
  value: string;
}

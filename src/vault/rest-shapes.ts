import type { SecretVersionRecord, VaultSettings } from "./model.ts";
import type { DeletedSecretView, SecretVersionView } from "./vault.ts";

/**
 * The wire shapes of the Key Vault secrets REST API (azure-rest-api-specs, keyvault
 * data-plane secrets): SecretBundle, SecretItem, DeletedSecretBundle, DeletedSecretItem.
 * Times are unix seconds; absent optional fields are omitted, as Azure does.
 */
export interface SecretAttributesWire {
  enabled: boolean;
  nbf?: number;
  exp?: number;
  created: number;
  updated: number;
  recoverableDays: number;
  recoveryLevel: string;
}

export interface SecretBundleWire {
  value?: string;
  id: string;
  contentType?: string;
  attributes: SecretAttributesWire;
  tags?: Record<string, string>;
}

export interface SecretItemWire {
  id: string;
  attributes: SecretAttributesWire;
  tags?: Record<string, string>;
  contentType?: string;
}

export interface DeletedSecretBundleWire extends SecretBundleWire {
  recoveryId: string;
  deletedDate: number;
  scheduledPurgeDate: number;
}

export interface DeletedSecretItemWire extends SecretItemWire {
  recoveryId: string;
  deletedDate: number;
  scheduledPurgeDate: number;
}

export interface ListPageWire<T> {
  value: T[];
  nextLink: string | null;
}

/** `Recoverable+Purgeable` at 90 days; Azure says `CustomizedRecoverable+Purgeable` below 90. */
function recoveryLevel(vault: VaultSettings): string {
  return vault.recoverableDays < 90 ? "CustomizedRecoverable+Purgeable" : "Recoverable+Purgeable";
}

function attributes(vault: VaultSettings, v: SecretVersionRecord): SecretAttributesWire {
  return {
    enabled: v.enabled,
    ...(v.nbf !== undefined ? { nbf: v.nbf } : {}),
    ...(v.exp !== undefined ? { exp: v.exp } : {}),
    created: v.created,
    updated: v.updated,
    recoverableDays: vault.recoverableDays,
    recoveryLevel: recoveryLevel(vault),
  };
}

function optional(v: SecretVersionRecord): { contentType?: string; tags?: Record<string, string> } {
  return {
    ...(v.contentType !== undefined ? { contentType: v.contentType } : {}),
    ...(v.tags !== undefined ? { tags: { ...v.tags } } : {}),
  };
}

export function secretBundle(
  vaultUrl: string,
  vault: VaultSettings,
  view: SecretVersionView,
  withValue: boolean,
): SecretBundleWire {
  const v = view.version;
  return {
    ...(withValue ? { value: v.value } : {}),
    id: `${vaultUrl}/secrets/${view.name}/${v.version}`,
    ...optional(v),
    attributes: attributes(vault, v),
  };
}

/** A list entry. Listing secrets gives versionless ids; listing versions gives versioned ones. */
export function secretItem(vaultUrl: string, vault: VaultSettings, view: SecretVersionView, versioned: boolean): SecretItemWire {
  const v = view.version;
  return {
    id: `${vaultUrl}/secrets/${view.name}${versioned ? `/${v.version}` : ""}`,
    attributes: attributes(vault, v),
    ...optional(v),
  };
}

export function deletedSecretBundle(vaultUrl: string, vault: VaultSettings, d: DeletedSecretView): DeletedSecretBundleWire {
  return {
    recoveryId: `${vaultUrl}/deletedsecrets/${d.name}`,
    deletedDate: d.deletedDate,
    scheduledPurgeDate: d.scheduledPurgeDate,
    id: `${vaultUrl}/secrets/${d.name}/${d.latest.version}`,
    ...optional(d.latest),
    attributes: attributes(vault, d.latest),
  };
}

export function deletedSecretItem(vaultUrl: string, vault: VaultSettings, d: DeletedSecretView): DeletedSecretItemWire {
  return {
    recoveryId: `${vaultUrl}/deletedsecrets/${d.name}`,
    deletedDate: d.deletedDate,
    scheduledPurgeDate: d.scheduledPurgeDate,
    id: `${vaultUrl}/secrets/${d.name}`,
    attributes: attributes(vault, d.latest),
    ...optional(d.latest),
  };
}

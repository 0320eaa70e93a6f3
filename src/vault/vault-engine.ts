import { createClock, type VaultClock } from "./clock.ts";
import { AuditLog } from "./audit-log.ts";
import { VaultErrors } from "./errors.ts";
import { DEFAULT_TENANT_ID, IdentityDirectory } from "./identities.ts";
import type { SecretVersionRecord, VaultSettings } from "./model.ts";
import { RoleAssignments } from "./rbac.ts";
import { RotationPolicies } from "./rotation-policy.ts";
import { createMemorySecretStore, type SecretStore } from "./secret-store.ts";
import { TeachingCredential } from "./teaching-credential.ts";
import { Vault } from "./vault.ts";

/**
 * The mock Azure Key Vault: vaults, identities and role assignments, one clock, one audit
 * log. Adapters (`createVaultFetch`, `createVaultHttpClient`, the Node server) put the REST
 * API in front of it; lessons drive it directly to seed data, move time and read the log.
 *
 *   const engine = new VaultEngine();
 *   engine.createVault({ name: "payments-kv" });
 *   engine.identities.add({ name: "payments-api", kind: "managed-identity" });
 *   engine.roles.assign({ principal: "payments-api", role: "Key Vault Secrets User", vault: "payments-kv" });
 *   const credential = engine.createCredential("payments-api");
 */
export interface VaultEngineOptions {
  /** Default: a frozen clock at the machine's current time. */
  clock?: VaultClock;
  /** Tenant for vaults and identities that name none. */
  tenantId?: string;
  /**
   * `rbac` (default): tokens must come from this engine's identities and role assignments
   * decide. `open`: any bearer token acts as a Key Vault Administrator, like the known
   * emulators; for a local server with no scenario.
   */
  authMode?: AuthMode;
}

export type AuthMode = "rbac" | "open";

export interface CreateVaultInput {
  name: string;
  tenantId?: string;
  subscriptionId?: string;
  resourceGroup?: string;
  location?: string;
  /** Soft-delete retention in days, 7-90. Default 90. */
  recoverableDays?: number;
  /** A store other than memory (e.g. persisted); default in-memory. */
  store?: SecretStore;
}

export interface ThrottlingSettings {
  /** Requests a vault answers per window before it answers 429. Azure's real limit is about 4,000 per 10 s. */
  requestsPerWindow: number;
  /** Default 10. */
  windowSeconds?: number;
  /** Sent as Retry-After. Default 1. */
  retryAfterSeconds?: number;
}

/** Azure vault names: 3-24 characters, letters, digits and dashes, starting with a letter. */
const VAULT_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9-]{2,23}$/;

export const DEFAULT_SUBSCRIPTION_ID = "00000000-0000-4000-8000-5ec7e75a1ab0";

export class VaultEngine {
  readonly clock: VaultClock;
  readonly audit = new AuditLog();
  readonly identities: IdentityDirectory;
  readonly roles = new RoleAssignments();
  /** Rotation policies: new versions at set (simulated) times; see rotation-policy.ts. */
  readonly rotation: RotationPolicies;
  authMode: AuthMode;
  readonly #vaults = new Map<string, Vault>();
  readonly #throttling = new Map<string, { settings: Required<ThrottlingSettings>; times: number[] }>();

  constructor(options: VaultEngineOptions = {}) {
    this.clock = options.clock ?? createClock();
    this.identities = new IdentityDirectory(this.clock, options.tenantId ?? DEFAULT_TENANT_ID);
    this.authMode = options.authMode ?? "rbac";
    this.rotation = new RotationPolicies({ clock: this.clock, audit: this.audit, vault: (name) => this.vault(name) });
  }

  createVault(input: CreateVaultInput): Vault {
    if (!VAULT_NAME_PATTERN.test(input.name)) {
      throw new RangeError(
        `Vault name '${input.name}' is not valid: use 3-24 letters, digits and dashes, starting with a letter.`,
      );
    }
    const key = input.name.toLowerCase();
    if (this.#vaults.has(key)) throw new RangeError(`A vault named '${input.name}' already exists.`);
    const recoverableDays = input.recoverableDays ?? 90;
    if (!Number.isInteger(recoverableDays) || recoverableDays < 7 || recoverableDays > 90) {
      throw new RangeError(`recoverableDays must be a whole number from 7 to 90, got ${recoverableDays}.`);
    }
    const settings: VaultSettings = {
      name: key,
      tenantId: input.tenantId ?? this.identities.defaultTenantId,
      subscriptionId: input.subscriptionId ?? DEFAULT_SUBSCRIPTION_ID,
      resourceGroup: input.resourceGroup ?? "rg-secrets-lab",
      location: input.location ?? "westeurope",
      recoverableDays,
    };
    const vault = new Vault(settings, input.store ?? createMemorySecretStore(), this.clock);
    this.#vaults.set(key, vault);
    return vault;
  }

  /** The vault by name (vault names are case-insensitive, as DNS is). */
  vault(name: string): Vault | undefined {
    return this.#vaults.get(name.toLowerCase());
  }

  requireVault(name: string): Vault {
    const vault = this.vault(name);
    if (!vault) throw VaultErrors.vaultNotFound(`${name}.vault.azure.net`);
    return vault;
  }

  vaultNames(): string[] {
    return [...this.#vaults.keys()];
  }

  /** A credential that signs in as `identityName`; pass it to `new SecretClient(url, credential)`. */
  createCredential(identityName: string): TeachingCredential {
    if (!this.identities.get(identityName)) {
      const known = this.identities.list().map((i) => i.name).join(", ") || "none";
      throw new RangeError(`No identity named '${identityName}' (known: ${known}).`);
    }
    return new TeachingCredential(this.identities, identityName, () => this.clock.now());
  }

  /** Turns throttling on for one vault (or off, with `undefined`). */
  setThrottling(vaultName: string, settings: ThrottlingSettings | undefined): void {
    const key = this.requireVault(vaultName).name;
    if (!settings) {
      this.#throttling.delete(key);
      return;
    }
    this.#throttling.set(key, {
      settings: { windowSeconds: 10, retryAfterSeconds: 1, ...settings },
      times: [],
    });
  }

  /**
   * @internal Used by the REST pipeline: counts one request against the vault's window and
   * returns the Retry-After seconds when it is over the limit, else undefined.
   */
  takeRequestSlot(vaultName: string): number | undefined {
    const state = this.#throttling.get(vaultName.toLowerCase());
    if (!state) return undefined;
    const now = this.clock.now();
    const { requestsPerWindow, windowSeconds, retryAfterSeconds } = state.settings;
    state.times = state.times.filter((t) => t > now - windowSeconds);
    if (state.times.length >= requestsPerWindow) return retryAfterSeconds;
    state.times.push(now);
    return undefined;
  }

  /** A read-only picture of one vault for the inspector panel: secrets, versions, deleted items. */
  snapshot(vaultName: string): VaultSnapshot {
    const vault = this.requireVault(vaultName);
    this.rotation.runDue();
    const now = this.clock.now();
    const copy = (v: SecretVersionRecord): SecretVersionSnapshot => ({
      ...v,
      ...(v.tags ? { tags: { ...v.tags } } : {}),
      expired: v.exp !== undefined && v.exp <= now,
      notYetValid: v.nbf !== undefined && v.nbf > now,
    });
    return {
      vault: vault.name,
      now,
      secrets: vault.listSecrets().map((s) => ({
        name: s.name,
        versions: vault.listVersions(s.name).map((v) => copy(v.version)),
      })),
      deleted: vault.listDeletedSecrets().map((d) => ({
        name: d.name,
        deletedDate: d.deletedDate,
        scheduledPurgeDate: d.scheduledPurgeDate,
        latest: copy(d.latest),
      })),
    };
  }
}

export interface SecretVersionSnapshot extends Readonly<SecretVersionRecord> {
  readonly expired: boolean;
  readonly notYetValid: boolean;
}

export interface VaultSnapshot {
  readonly vault: string;
  readonly now: number;
  readonly secrets: ReadonlyArray<{ readonly name: string; readonly versions: readonly SecretVersionSnapshot[] }>;
  readonly deleted: ReadonlyArray<{
    readonly name: string;
    readonly deletedDate: number;
    readonly scheduledPurgeDate: number;
    readonly latest: SecretVersionSnapshot;
  }>;
}

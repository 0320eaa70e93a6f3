import type { VaultClock } from "./clock.ts";
import { VaultErrors } from "./errors.ts";
import { newVersionId } from "./encoding.ts";
import { openBackup, sealBackup } from "./backup-blob.ts";
import {
  MAX_SECRET_VALUE_BYTES,
  SECRET_NAME_PATTERN,
  type DeletedSecretRecord,
  type SecretPropertiesPatch,
  type SecretRecord,
  type SecretVersionRecord,
  type SetSecretInput,
  type VaultSettings,
} from "./model.ts";
import type { SecretStore } from "./secret-store.ts";

const DAY = 86_400;

/**
 * One vault's secrets, with Key Vault's rules: every set makes a new version, delete is soft
 * (recoverable for `recoverableDays`, then purged by time), a soft-deleted name cannot be
 * reused, a disabled version cannot be read. Who may do what is decided before a call gets
 * here (see `rbac.ts`); this class only knows secrets.
 *
 * Every method throws `VaultError`; none returns a record the caller could mutate.
 */
/**
 * Deleting and recovering are not instant on Azure: for a while after DELETE the deleted secret
 * is not yet readable (about 12 s), and after recover the secret is not yet readable (about 2 s).
 * The SDK's pollers exist for that window. Here it lasts until the simulated clock passes it or
 * until a read succeeds: the first read in the window is refused (404), the next one is answered
 * and closes it. So a frozen lesson clock still lets a poller finish on its second poll, while
 * code that skips `pollUntilDone()` meets the 404 (or the purge conflict) it would meet on Azure.
 */
export const DELETE_SETTLE_SECONDS = 12;
export const RECOVER_SETTLE_SECONDS = 2;

interface Settling {
  readonly kind: "delete" | "recover";
  readonly until: number;
  /** Set once a read in the window has been answered 404. */
  refusedRead: boolean;
}

export class Vault {
  readonly settings: VaultSettings;
  readonly #store: SecretStore;
  /** Names (lower case) whose delete or recover is still under way. */
  readonly #settling = new Map<string, Settling>();
  readonly #clock: VaultClock;

  constructor(settings: VaultSettings, store: SecretStore, clock: VaultClock) {
    this.settings = settings;
    this.#store = store;
    this.#clock = clock;
  }

  get name(): string {
    return this.settings.name;
  }

  /**
   * Adds a version (the first one creates the secret). `created` lets a scenario seed
   * history ("this password was set 400 days ago"); requests always use the clock.
   */
  setSecret(name: string, input: SetSecretInput, options: { created?: number } = {}): SecretVersionView {
    const key = this.#key(name);
    this.#purgeDue();
    if (this.#store.getDeleted(key)) throw VaultErrors.deletedButRecoverable(name);
    assertValueSize(input.value);
    const now = options.created ?? this.#now();
    const version: SecretVersionRecord = {
      version: newVersionId(),
      value: input.value,
      enabled: input.enabled ?? true,
      created: now,
      updated: now,
      ...(input.contentType !== undefined ? { contentType: input.contentType } : {}),
      ...(input.tags !== undefined ? { tags: { ...input.tags } } : {}),
      ...(input.nbf !== undefined ? { nbf: input.nbf } : {}),
      ...(input.exp !== undefined ? { exp: input.exp } : {}),
    };
    const existing = this.#store.getActive(key);
    const record: SecretRecord = existing
      ? { name: existing.name, versions: [...existing.versions, version] }
      : { name, versions: [version] };
    this.#store.putActive(key, record);
    return viewOf(record, version);
  }

  /** The latest version when `version` is empty. Throws SecretDisabled for a disabled version. */
  getSecret(name: string, version?: string): SecretVersionView {
    const found = this.#find(name, version);
    if (!found.version.enabled) throw VaultErrors.secretDisabled("get");
    return found;
  }

  /** Like getSecret, without the disabled check and without the value: for metadata reads. */
  getSecretProperties(name: string, version?: string): SecretVersionView {
    return this.#find(name, version);
  }

  /** Every active secret with its latest version, ordered by name. */
  listSecrets(): SecretVersionView[] {
    this.#purgeDue();
    return this.#store.listActive().map(([, record]) => viewOf(record, latest(record)));
  }

  /** Every version of one secret, oldest first. */
  listVersions(name: string): SecretVersionView[] {
    // Key Vault answers 200 with an empty list for a name it does not hold (its recorded tests
    // expect exactly that), so listing is no way to probe which names exist.
    this.#purgeDue();
    const record = this.#store.getActive(this.#key(name));
    return record ? record.versions.map((v) => viewOf(record, v)) : [];
  }

  updateSecret(name: string, version: string | undefined, patch: SecretPropertiesPatch): SecretVersionView {
    const found = this.#find(name, version);
    const target = found.version;
    if (patch.enabled !== undefined) target.enabled = patch.enabled;
    if (patch.nbf !== undefined) target.nbf = patch.nbf;
    if (patch.exp !== undefined) target.exp = patch.exp;
    if (patch.contentType !== undefined) target.contentType = patch.contentType;
    if (patch.tags !== undefined) target.tags = { ...patch.tags };
    target.updated = this.#now();
    return found;
  }

  deleteSecret(name: string): DeletedSecretView {
    const key = this.#key(name);
    const record = this.#active(name);
    const deletedDate = this.#now();
    const deleted: DeletedSecretRecord = {
      secret: record,
      deletedDate,
      scheduledPurgeDate: deletedDate + this.settings.recoverableDays * DAY,
    };
    this.#store.removeActive(key);
    this.#store.putDeleted(key, deleted);
    this.#settling.set(key, { kind: "delete", until: this.#clock.now() + DELETE_SETTLE_SECONDS, refusedRead: false });
    return deletedViewOf(deleted);
  }

  getDeletedSecret(name: string): DeletedSecretView {
    const deleted = this.#deleted(name);
    if (this.#refuseWhileSettling(name, "delete")) throw VaultErrors.deletedSecretNotFound(name);
    return deletedViewOf(deleted);
  }

  listDeletedSecrets(): DeletedSecretView[] {
    this.#purgeDue();
    return this.#store.listDeleted().map(([, d]) => deletedViewOf(d));
  }

  recoverDeletedSecret(name: string): SecretVersionView {
    const key = this.#key(name);
    const deleted = this.#deleted(name);
    if (this.#isSettling(key, "delete")) throw VaultErrors.beingDeleted(name);
    this.#store.removeDeleted(key);
    this.#store.putActive(key, deleted.secret);
    this.#settling.set(key, { kind: "recover", until: this.#clock.now() + RECOVER_SETTLE_SECONDS, refusedRead: false });
    return viewOf(deleted.secret, latest(deleted.secret));
  }

  purgeDeletedSecret(name: string): void {
    const key = this.#key(name);
    this.#deleted(name);
    // Purging before the delete has finished is refused on Azure too: wait for the poller.
    if (this.#isSettling(key, "delete")) throw VaultErrors.beingDeleted(name);
    this.#store.removeDeleted(key);
  }

  /** An opaque blob holding every version; restorable into any vault of the same subscription. */
  backupSecret(name: string): Uint8Array {
    const record = this.#active(name);
    return sealBackup(this.settings.subscriptionId, record);
  }

  restoreSecret(blob: Uint8Array): SecretVersionView {
    const record = openBackup(this.settings.subscriptionId, blob);
    const key = this.#key(record.name);
    this.#purgeDue();
    if (this.#store.getDeleted(key)) throw VaultErrors.deletedButRecoverable(record.name);
    if (this.#store.getActive(key)) throw VaultErrors.alreadyExists(record.name);
    this.#store.putActive(key, record);
    return viewOf(record, latest(record));
  }

  /**
   * Soft-deleted secrets whose scheduled purge date has passed disappear, as Azure purges
   * them. Checked lazily on every operation, so `clock.advance()` is all a lesson needs.
   */
  #purgeDue(): void {
    const now = this.#clock.now();
    for (const [key, deleted] of this.#store.listDeleted()) {
      if (deleted.scheduledPurgeDate <= now) this.#store.removeDeleted(key);
    }
  }

  #now(): number {
    return Math.floor(this.#clock.now());
  }

  #key(name: string): string {
    if (!SECRET_NAME_PATTERN.test(name)) throw VaultErrors.invalidName(name);
    return name.toLowerCase();
  }

  #active(name: string): SecretRecord {
    const key = this.#key(name);
    this.#purgeDue();
    const record = this.#store.getActive(key);
    if (!record) throw VaultErrors.secretNotFound(name);
    return record;
  }

  #deleted(name: string): DeletedSecretRecord {
    const key = this.#key(name);
    this.#purgeDue();
    const deleted = this.#store.getDeleted(key);
    if (!deleted) throw VaultErrors.deletedSecretNotFound(name);
    return deleted;
  }

  /** True while `kind` is under way for `key` (and the clock has not passed it). */
  #isSettling(key: string, kind: Settling["kind"]): boolean {
    const settling = this.#settling.get(key);
    if (!settling || settling.kind !== kind) return false;
    if (this.#clock.now() >= settling.until) {
      this.#settling.delete(key);
      return false;
    }
    return true;
  }

  /** Refuses the first read during the window; the next read closes it (see DELETE_SETTLE_SECONDS). */
  #refuseWhileSettling(name: string, kind: Settling["kind"]): boolean {
    const key = this.#key(name);
    if (!this.#isSettling(key, kind)) return false;
    const settling = this.#settling.get(key)!;
    if (!settling.refusedRead) {
      settling.refusedRead = true;
      return true;
    }
    this.#settling.delete(key);
    return false;
  }

  #find(name: string, version: string | undefined): SecretVersionView & { version: SecretVersionRecord } {
    const record = this.#active(name);
    if (this.#refuseWhileSettling(name, "recover")) throw VaultErrors.secretNotFound(name);
    if (!version) return viewOf(record, latest(record));
    const match = record.versions.find((v) => v.version === version.toLowerCase());
    if (!match) throw VaultErrors.secretNotFound(`${name}/${version}`);
    return viewOf(record, match);
  }
}

/** One version as the REST layer and the inspector read it. */
export interface SecretVersionView {
  readonly name: string;
  readonly version: SecretVersionRecord;
  /** Whether this is the version a versionless get returns. */
  readonly isLatest: boolean;
}

export interface DeletedSecretView {
  readonly name: string;
  readonly latest: SecretVersionRecord;
  readonly deletedDate: number;
  readonly scheduledPurgeDate: number;
}

function latest(record: SecretRecord): SecretVersionRecord {
  const last = record.versions[record.versions.length - 1];
  if (!last) throw VaultErrors.internal(`secret ${record.name} has no versions`);
  return last;
}

function viewOf(record: SecretRecord, version: SecretVersionRecord): SecretVersionView & { version: SecretVersionRecord } {
  return { name: record.name, version, isLatest: version === record.versions[record.versions.length - 1] };
}

function deletedViewOf(d: DeletedSecretRecord): DeletedSecretView {
  return {
    name: d.secret.name,
    latest: latest(d.secret),
    deletedDate: d.deletedDate,
    scheduledPurgeDate: d.scheduledPurgeDate,
  };
}

function assertValueSize(value: string): void {
  const bytes = new TextEncoder().encode(value).length;
  if (bytes > MAX_SECRET_VALUE_BYTES) {
    // Ours: Azure refuses values over 25 KB with BadParameter; this wording names the limit.
    throw VaultErrors.badParameter(
      `The secret value is ${bytes} bytes; Key Vault accepts at most ${MAX_SECRET_VALUE_BYTES} bytes (25 KB).`,
    );
  }
}

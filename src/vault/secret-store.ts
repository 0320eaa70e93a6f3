import type { DeletedSecretRecord, SecretRecord } from "./model.ts";

/**
 * Where one vault keeps its secrets. The engine talks only to this interface, so a lesson
 * could persist a vault (IndexedDB, a file) without touching the engine. Keys are the
 * lower-cased secret names: Key Vault names are case-insensitive.
 */
export interface SecretStore {
  getActive(key: string): SecretRecord | undefined;
  putActive(key: string, record: SecretRecord): void;
  removeActive(key: string): void;
  /** Active secrets, ordered by key. */
  listActive(): Array<[string, SecretRecord]>;

  getDeleted(key: string): DeletedSecretRecord | undefined;
  putDeleted(key: string, record: DeletedSecretRecord): void;
  removeDeleted(key: string): void;
  /** Deleted secrets, ordered by key. */
  listDeleted(): Array<[string, DeletedSecretRecord]>;
}

export function createMemorySecretStore(): SecretStore {
  const active = new Map<string, SecretRecord>();
  const deleted = new Map<string, DeletedSecretRecord>();
  const sorted = <T>(map: Map<string, T>) =>
    [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    getActive: (key) => active.get(key),
    putActive: (key, record) => void active.set(key, record),
    removeActive: (key) => void active.delete(key),
    listActive: () => sorted(active),
    getDeleted: (key) => deleted.get(key),
    putDeleted: (key, record) => void deleted.set(key, record),
    removeDeleted: (key) => void deleted.delete(key),
    listDeleted: () => sorted(deleted),
  };
}

import { VaultErrors } from "./errors.ts";
import { SECRET_NAME_PATTERN, type SecretRecord, type SecretVersionRecord } from "./model.ts";

/**
 * Backup blobs. Azure's are encrypted and restorable only inside the same subscription (and
 * geography); the bytes are meaningless outside Key Vault. Ours mimic that contract: the JSON
 * is masked with a keystream derived from the subscription id, so a blob opened in another
 * subscription fails, and a learner who base64-decodes a backup sees noise, not the values.
 * It is obfuscation for teaching, not cryptography: nothing here protects a real secret.
 */
const MAGIC = "AKVSIM-BACKUP-1";

interface BackupPayload {
  magic: typeof MAGIC;
  subscriptionId: string;
  secret: SecretRecord;
}

export function sealBackup(subscriptionId: string, secret: SecretRecord): Uint8Array {
  const payload: BackupPayload = { magic: MAGIC, subscriptionId, secret };
  const plain = new TextEncoder().encode(JSON.stringify(payload));
  return mask(plain, subscriptionId);
}

export function openBackup(subscriptionId: string, blob: Uint8Array): SecretRecord {
  const text = safeDecode(mask(blob, subscriptionId));
  const payload = text === undefined ? undefined : safeParse(text);
  if (!isPayload(payload)) {
    // A blob from another subscription unmasks to garbage, exactly like a corrupt one.
    throw VaultErrors.malformedBackup();
  }
  return { name: payload.secret.name, versions: payload.secret.versions.map((v) => ({ ...v })) };
}

function mask(bytes: Uint8Array, subscriptionId: string): Uint8Array {
  let state = 0x9e3779b9;
  for (const ch of subscriptionId) state = Math.imul(state ^ ch.charCodeAt(0), 0x85ebca6b) >>> 0;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    // xorshift32 keystream
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out[i] = (bytes[i] ?? 0) ^ (state & 0xff);
  }
  return out;
}

function safeDecode(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isPayload(value: unknown): value is BackupPayload {
  if (typeof value !== "object" || value === null) return false;
  const p = value as Partial<BackupPayload>;
  const secret = p.secret as Partial<SecretRecord> | undefined;
  return (
    p.magic === MAGIC &&
    typeof secret?.name === "string" &&
    SECRET_NAME_PATTERN.test(secret.name) &&
    Array.isArray(secret.versions) &&
    secret.versions.length > 0 &&
    secret.versions.every(isVersion)
  );
}

function isVersion(v: unknown): v is SecretVersionRecord {
  if (typeof v !== "object" || v === null) return false;
  const r = v as Partial<SecretVersionRecord>;
  return (
    typeof r.version === "string" &&
    /^[0-9a-f]{32}$/.test(r.version) &&
    typeof r.value === "string" &&
    typeof r.enabled === "boolean" &&
    typeof r.created === "number" &&
    typeof r.updated === "number"
  );
}

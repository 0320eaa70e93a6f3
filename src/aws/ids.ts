/**
 * Identifiers in AWS's own shapes, from `crypto.getRandomValues` only (the sandbox Worker is
 * not a secure context: no `randomUUID`, no `crypto.subtle`).
 */
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const BASE64ISH = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function randomFrom(alphabet: string, length: number): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = "";
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

export function uuid(): string {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Long-term user keys start AKIA, temporary (STS) keys ASIA; 20 characters in all. */
export const accessKeyId = (temporary: boolean): string => (temporary ? "ASIA" : "AKIA") + randomFrom(BASE32, 16);
export const secretAccessKey = (): string => randomFrom(BASE64ISH, 40);
export const sessionToken = (): string => "IQoJb3JpZ2luX2VjE" + randomFrom(BASE64ISH, 300);
/** Unique ids of IAM users (AIDA...) and roles (AROA...). */
export const principalId = (prefix: "AIDA" | "AROA"): string => prefix + randomFrom(BASE32, 17);
/** The 6 characters Secrets Manager appends to a secret's ARN. */
export const arnSuffix = (): string => randomFrom(ALNUM, 6);
export const requestId = uuid;
export const imdsToken = (): string => randomFrom(BASE64ISH, 56) + "==";
export const hexId = (length: number): string => randomFrom("0123456789abcdef", length);

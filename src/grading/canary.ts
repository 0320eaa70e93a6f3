/**
 * Canaries: the values the grader plants instead of the secrets a learner sees. Each check run draws
 * fresh ones from the platform's CSPRNG (`crypto.getRandomValues`, in browsers and Node), so a
 * program can only pass by reading the secret from where the scenario put it, and any trace of a
 * canary found afterwards was put there by this run.
 *
 * A canary keeps the secret's shape (`sk_test_` + 24 alphanumerics, a password with symbols, a
 * token) so format checks in mock APIs and learner code behave as with a real value. The prefix is
 * public, like `sk_test_`; only the random part counts when looking for partial leaks.
 */
import type { ScenarioSecret, SecretKind } from "../schemas/exercise-scenario.ts";

export interface Canary {
  /** The scenario secret it stands for. */
  readonly secret: string;
  /** Learner-facing name, e.g. "the payments API key". */
  readonly label: string;
  /**
   * `initial`, `rotated` for the value a `rotation` switches to mid-run, or `shown`: not planted, a
   * value the learner's files carry (the statement's, see shown-literals.ts).
   */
  readonly version: "initial" | "rotated" | "shown";
  readonly value: string;
  /** Length of the public prefix at the start of `value`. */
  readonly prefixLength: number;
}

/** Fills `bytes` with random bytes; injectable for tests that need to see two runs differ. */
export type RandomSource = (bytes: Uint8Array) => Uint8Array;

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const ALPHANUMERIC = LETTERS + DIGITS;
const BASE64URL = ALPHANUMERIC + "-_";
/** Symbols that all change under URL encoding or are common in real passwords. */
// No "%": a value holding "%2" is still found "as is" inside its own URL encoding ("%252"), and
// the learner would be told the wrong form (seen once in 300 random canaries).
export const DEFAULT_PASSWORD_SYMBOLS = "!#*+-.:=@^_~";

interface KindShape {
  prefix: string;
  length: number;
}

const SHAPES: Record<SecretKind, KindShape> = {
  "api-key": { prefix: "sk_test_", length: 24 },
  password: { prefix: "", length: 20 },
  token: { prefix: "", length: 32 },
};

export const defaultRandomSource: RandomSource = (bytes) => globalThis.crypto.getRandomValues(bytes);

/** Uniform picks from `alphabet` (rejection sampling: no modulo bias). */
function randomString(alphabet: string, length: number, random: RandomSource): string {
  const limit = 256 - (256 % alphabet.length);
  let out = "";
  while (out.length < length) {
    for (const byte of random(new Uint8Array(length * 2))) {
      if (byte >= limit) continue;
      out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

function randomIndex(bound: number, random: RandomSource): number {
  const limit = 256 - (256 % bound);
  for (;;) {
    const byte = random(new Uint8Array(1))[0]!;
    if (byte < limit) return byte % bound;
  }
}

/** The random part of a canary for `secret`, shaped by its kind. */
function randomPart(secret: ScenarioSecret, length: number, random: RandomSource): string {
  switch (secret.kind) {
    case "api-key":
      // Alphanumerics only: the payments API accepts `sk_test_\w+`, like real key formats.
      return randomString(ALPHANUMERIC, length, random);
    case "token":
      return randomString(BASE64URL, length, random);
    case "password": {
      // Symbols stay inside the value, at least one of them. At an edge, an escaped or encoded copy
      // could still hold the raw value (a leading `\` escapes to two, the second starting the value
      // again; a trailing `%` encodes to `%25`), and the learner would be told "as is" instead of
      // the form they actually produced.
      const symbols = secret.symbols ?? DEFAULT_PASSWORD_SYMBOLS;
      const inner = randomString(ALPHANUMERIC + symbols, length - 2, random).split("");
      if (!inner.some((c) => symbols.includes(c))) inner[randomIndex(inner.length, random)] = symbols[randomIndex(symbols.length, random)]!;
      return randomString(ALPHANUMERIC, 1, random) + inner.join("") + randomString(ALPHANUMERIC, 1, random);
    }
  }
}

/** A fresh canary for one secret. */
export function createCanary(secret: ScenarioSecret, version: Canary["version"] = "initial", random: RandomSource = defaultRandomSource): Canary {
  const shape = SHAPES[secret.kind];
  const prefix = secret.prefix ?? shape.prefix;
  const length = secret.length ?? shape.length;
  let value: string;
  do value = prefix + randomPart(secret, length, random);
  while (value === secret.shownValue); // astronomically unlikely; the shown value must never be planted
  return { secret: secret.name, label: secret.label ?? secret.name, version, value, prefixLength: prefix.length };
}

/** The secret's canaries for one grading run: an initial one each, plus the rotated one. */
export interface CanarySet {
  /** Every canary planted in this run, initial and rotated. */
  readonly all: readonly Canary[];
  initial(secret: string): Canary;
  rotated(secret: string): Canary | undefined;
  /** Initial and rotated canaries of one secret. */
  of(secret: string): Canary[];
}

export function createCanarySet(secrets: readonly ScenarioSecret[], rotatedSecret: string | undefined, random: RandomSource = defaultRandomSource): CanarySet {
  const initial = new Map<string, Canary>();
  const rotated = new Map<string, Canary>();
  for (const secret of secrets) {
    initial.set(secret.name, createCanary(secret, "initial", random));
    if (secret.name === rotatedSecret) {
      let next: Canary;
      do next = createCanary(secret, "rotated", random);
      while (next.value === initial.get(secret.name)!.value);
      rotated.set(secret.name, next);
    }
  }
  const all = [...initial.values(), ...rotated.values()];
  return {
    all,
    initial(secret) {
      const canary = initial.get(secret);
      if (!canary) throw new Error(`no canary for undeclared secret '${secret}'`);
      return canary;
    },
    rotated: (secret) => rotated.get(secret),
    of: (secret) => all.filter((canary) => canary.secret === secret),
  };
}

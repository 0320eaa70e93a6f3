/**
 * Identifiers that look like Docker's: 64-hex container and image ids, 25-char swarm object ids,
 * adjective_surname container names. A seeded generator keeps runs reproducible; digests of
 * content keep image ids stable when a build is repeated with the same inputs.
 */

export class IdSource {
  private state: number;
  constructor(seed = 0x5eed) {
    this.state = seed >>> 0 || 1;
  }

  /** mulberry32: tiny, fast, good enough for fake ids. */
  private next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  hex(length = 64): string {
    let s = "";
    while (s.length < length) s += Math.floor(this.next() * 16).toString(16);
    return s;
  }

  /** Swarm ids (nodes, secrets, services, tasks): 25 characters of [a-z0-9]. */
  swarmId(): string {
    const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    let s = "";
    for (let i = 0; i < 25; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  containerName(): string {
    return `${this.pick(ADJECTIVES)}_${this.pick(SURNAMES)}`;
  }

  token(length: number): string {
    const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    let s = "";
    for (let i = 0; i < length; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
}

const ADJECTIVES = ["admiring", "brave", "clever", "dazzling", "eager", "focused", "gifted", "happy", "jolly", "keen", "loving", "modest", "nifty", "quirky", "serene", "trusting", "vibrant", "wizardly", "zealous"] as const;
const SURNAMES = ["lovelace", "turing", "hopper", "ritchie", "thompson", "hamilton", "noether", "curie", "shannon", "diffie", "hellman", "rivest", "shamir", "adleman", "goldwasser", "knuth", "liskov", "torvalds"] as const;

/** A deterministic 256-bit digest as 64 hex chars (not cryptographic: ids only). */
export function fakeDigest(text: string): string {
  let out = "";
  for (let lane = 0; lane < 8; lane++) {
    let h = (0x811c9dc5 ^ Math.imul(lane + 1, 0x9e3779b1)) >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
    out += (h >>> 0).toString(16).padStart(8, "0");
  }
  return out;
}

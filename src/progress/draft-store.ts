/**
 * A learner's unfinished code for one sandbox (an exercise's workbench or a lesson's example), kept
 * in the browser so a reload or a visit next week starts where they left off. Plain TypeScript over a
 * Storage-shaped interface, like the progress store, so Node tests drive it without a browser.
 *
 * A draft is read against the files the sandbox starts with: one that is not JSON, not an object of
 * texts, or names none of the sandbox's files is *broken*, and the caller says so and shows the
 * starting files. Saying "restored" while the start code shows would tell the learner their work is
 * there when it is not.
 */

import type { KeyValueStorage } from "./progress-store.ts";

export const DRAFT_PREFIX = "secrets-lab:draft:";

export type DraftRead =
  | { kind: "none" }
  /** The learner's files, every starting file present (a file the draft lacks keeps its start). */
  | { kind: "restored"; files: Record<string, string> }
  | { kind: "broken"; reason: string };

/** Why a stored draft cannot be used, in words a learner reads after "it". */
export function checkDraft(text: string, start: Record<string, string>): DraftRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: "broken", reason: "is not valid JSON (it may have been cut short or edited)" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { kind: "broken", reason: "is not a set of files" };
  const entries = Object.entries(value);
  const wrong = entries.find(([, v]) => typeof v !== "string");
  if (wrong) return { kind: "broken", reason: `holds something other than text for ${wrong[0]}` };
  const known = entries.filter(([name]) => Object.hasOwn(start, name));
  if (known.length === 0) {
    const names = entries.map(([name]) => name);
    return { kind: "broken", reason: names.length === 0 ? "holds no files" : `names files this sandbox does not have (${names.slice(0, 3).join(", ")})` };
  }
  return { kind: "restored", files: { ...start, ...Object.fromEntries(known) } };
}

export class DraftStore {
  #storage: KeyValueStorage | undefined;
  readonly key: string;
  readonly start: Record<string, string>;

  constructor(storage: KeyValueStorage | undefined, id: string, start: Record<string, string>) {
    this.#storage = storage;
    this.key = DRAFT_PREFIX + id;
    this.start = start;
  }

  read(): DraftRead {
    let text: string | null = null;
    try {
      text = this.#storage?.getItem(this.key) ?? null;
    } catch {
      return { kind: "none" };
    }
    if (text === null) return { kind: "none" };
    const read = checkDraft(text, this.start);
    // A draft equal to the start is nothing to restore.
    if (read.kind === "restored" && sameFiles(read.files, this.start)) return { kind: "none" };
    return read;
  }

  /** Keeps the files, or forgets the draft when they are the starting files. False when storage refused. */
  save(files: Record<string, string>): boolean {
    try {
      if (sameFiles(files, this.start)) this.#storage?.removeItem(this.key);
      else this.#storage?.setItem(this.key, JSON.stringify(files));
      return true;
    } catch {
      return false;
    }
  }

  clear(): void {
    try {
      this.#storage?.removeItem(this.key);
    } catch {
      /* storage unavailable: nothing persisted to remove */
    }
  }
}

function sameFiles(a: Record<string, string>, b: Record<string, string>): boolean {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].every((name) => a[name] === b[name]);
}

/** The page's localStorage, or undefined where the browser refuses it (private mode, disabled storage). */
export function browserStorage(): KeyValueStorage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

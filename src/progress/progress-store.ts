import { z } from "zod";

/**
 * A learner's progress, kept in the browser (localStorage) and nowhere else:
 * per exercise, whether it was attempted or passed, and when. Plain TypeScript
 * over a Storage-shaped interface, so Node tests drive it without a browser.
 *
 * A record that cannot be read (corrupted JSON, an old or unknown format) is
 * reported once and ignored, never thrown at a page: progress is a convenience,
 * and losing the page to it would be worse than losing the record.
 */

import { PROGRESS_KEY } from "./progress-key.ts";

export { PROGRESS_KEY };
export const PROGRESS_VERSION = 1;

export type ExerciseStatus = "not-started" | "attempted" | "passed";

const ExerciseProgressSchema = z.strictObject({
  status: z.enum(["attempted", "passed"]),
  attempts: z.number().int().min(0),
  firstSeen: z.iso.datetime(),
  updated: z.iso.datetime(),
  passedAt: z.iso.datetime().optional(),
  /** Seconds from the first attempt to the first pass. */
  secondsToPass: z.number().min(0).optional(),
});
export type ExerciseProgress = z.infer<typeof ExerciseProgressSchema>;

const ProgressFileSchema = z.strictObject({
  format: z.literal("secrets-lab-progress"),
  version: z.literal(PROGRESS_VERSION),
  exercises: z.record(z.string().regex(/^[a-z0-9-]+$/), ExerciseProgressSchema),
});
export type ProgressFile = z.infer<typeof ProgressFileSchema>;

/** Far more than the course will ever have: a file listing more was not made by this site. */
export const MAX_EXERCISES_IN_PROGRESS = 1000;

/** The subset of the Web Storage API the store needs. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface ProgressProblem {
  /** What the learner is told, e.g. in a notice on the course map. */
  message: string;
}

const empty = (): ProgressFile => ({ format: "secrets-lab-progress", version: PROGRESS_VERSION, exercises: {} });

/** Reads and checks a progress document; says what is wrong instead of throwing. */
export function parseProgress(text: string): { ok: true; progress: ProgressFile } | { ok: false; problem: ProgressProblem } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: { message: "The saved progress is not valid JSON (it may have been edited or cut short)." } };
  }
  if (typeof json === "object" && json !== null && "version" in json && (json as { version: unknown }).version !== PROGRESS_VERSION) {
    const version = (json as { version: unknown }).version;
    // `"1"` (text) prints like 1: say which it is, or the message contradicts itself.
    const named = typeof version === "number" ? `format version ${version}` : `its version as ${JSON.stringify(version) ?? String(version)} (${typeof version === "string" ? "text" : typeof version}, not a number)`;
    return { ok: false, problem: { message: `The saved progress has ${named}; this site reads version ${PROGRESS_VERSION}.` } };
  }
  const parsed = ProgressFileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, problem: { message: `The saved progress is not in the expected shape (${first ? `${first.path.join(".") || "top level"}: ${first.message}` : "unknown problem"}).` } };
  }
  return { ok: true, progress: parsed.data };
}

export class ProgressStore {
  #storage: KeyValueStorage | undefined;
  #now: () => Date;
  #progress: ProgressFile;
  /** Set when the stored record could not be read; the store starts empty then. */
  readonly problem: ProgressProblem | undefined;

  constructor(storage: KeyValueStorage | undefined, now: () => Date = () => new Date()) {
    this.#storage = storage;
    this.#now = now;
    let text: string | null = null;
    try {
      text = storage?.getItem(PROGRESS_KEY) ?? null;
    } catch {
      // Storage can throw (disabled cookies, private mode): progress then lives for the page only.
      this.#storage = undefined;
    }
    if (text === null) {
      this.#progress = empty();
      return;
    }
    const result = parseProgress(text);
    this.#progress = result.ok ? result.progress : empty();
    if (!result.ok) this.problem = { message: `${result.problem.message} It was ignored; new progress will replace it.` };
  }

  status(exerciseId: string): ExerciseStatus {
    return this.#progress.exercises[exerciseId]?.status ?? "not-started";
  }

  get(exerciseId: string): ExerciseProgress | undefined {
    return this.#progress.exercises[exerciseId];
  }

  all(): Readonly<Record<string, ExerciseProgress>> {
    return this.#progress.exercises;
  }

  /** Records a graded attempt. A pass is never downgraded by a later failing attempt. */
  recordAttempt(exerciseId: string, passed: boolean): ExerciseProgress {
    const now = this.#now().toISOString();
    const before = this.#progress.exercises[exerciseId];
    const firstSeen = before?.firstSeen ?? now;
    const alreadyPassed = before?.status === "passed";
    const next: ExerciseProgress = {
      status: alreadyPassed || passed ? "passed" : "attempted",
      attempts: (before?.attempts ?? 0) + 1,
      firstSeen,
      updated: now,
      ...(alreadyPassed ? { passedAt: before.passedAt, secondsToPass: before.secondsToPass } : passed ? { passedAt: now, secondsToPass: Math.round((Date.parse(now) - Date.parse(firstSeen)) / 1000) } : {}),
    };
    this.#progress.exercises[exerciseId] = ExerciseProgressSchema.parse(next);
    this.#save();
    return next;
  }

  /** The whole record as a JSON document a learner can download. */
  export(): string {
    return JSON.stringify(this.#progress, null, 2);
  }

  /**
   * Merges an exported document into the current progress (the better status and
   * the earlier dates win), or says why it cannot, changing nothing.
   */
  import(text: string): { ok: true; imported: number } | { ok: false; problem: ProgressProblem } {
    const result = parseProgress(text);
    if (!result.ok) return result;
    const count = Object.keys(result.progress.exercises).length;
    if (count > MAX_EXERCISES_IN_PROGRESS) {
      return { ok: false, problem: { message: `The file lists progress for ${count} exercises; a progress file from this site lists at most ${MAX_EXERCISES_IN_PROGRESS}. Nothing was imported.` } };
    }
    const before = structuredClone(this.#progress);
    let imported = 0;
    for (const [id, incoming] of Object.entries(result.progress.exercises)) {
      const mine = this.#progress.exercises[id];
      this.#progress.exercises[id] = mine ? mergeEntries(mine, incoming) : incoming;
      imported += 1;
    }
    if (!this.#save()) {
      // Saying "imported" for progress that is gone on the next visit would lose it silently.
      this.#progress = before;
      this.#save();
      return { ok: false, problem: { message: "The browser did not let this site save the imported progress (storage is full or turned off). Nothing was imported." } };
    }
    return { ok: true, imported };
  }

  reset(): void {
    this.#progress = empty();
    try {
      this.#storage?.removeItem(PROGRESS_KEY);
    } catch {
      /* storage unavailable: nothing persisted to remove */
    }
  }

  /** False when storage refused the write (quota, or disabled): the in-memory record is kept. */
  #save(): boolean {
    try {
      this.#storage?.setItem(PROGRESS_KEY, JSON.stringify(this.#progress));
      return true;
    } catch {
      return false;
    }
  }
}

function mergeEntries(a: ExerciseProgress, b: ExerciseProgress): ExerciseProgress {
  const passed = [a, b].filter((e) => e.status === "passed").sort((x, y) => (x.passedAt ?? "").localeCompare(y.passedAt ?? ""))[0];
  return {
    status: passed ? "passed" : "attempted",
    attempts: Math.max(a.attempts, b.attempts),
    firstSeen: a.firstSeen < b.firstSeen ? a.firstSeen : b.firstSeen,
    updated: a.updated > b.updated ? a.updated : b.updated,
    ...(passed ? { passedAt: passed.passedAt, secondsToPass: passed.secondsToPass } : {}),
  };
}

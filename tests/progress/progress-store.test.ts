import { describe, expect, it } from "vitest";
import { ProgressStore, PROGRESS_KEY, type KeyValueStorage } from "../../src/progress/progress-store";

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => data[k] ?? null,
    setItem: (k, v) => void (data[k] = v),
    removeItem: (k) => void delete data[k],
  };
}

const clock = (...times: string[]) => {
  let i = 0;
  return () => new Date(times[Math.min(i++, times.length - 1)]!);
};

describe("ProgressStore", () => {
  it("records attempts, a pass with the time it took, and never downgrades a pass", () => {
    const storage = memoryStorage();
    const store = new ProgressStore(storage, clock("2026-11-24T10:00:00Z", "2026-11-24T10:05:30Z", "2026-11-24T11:00:00Z"));
    expect(store.status("env-refactor")).toBe("not-started");
    expect(store.recordAttempt("env-refactor", false).status).toBe("attempted");
    const pass = store.recordAttempt("env-refactor", true);
    expect(pass).toMatchObject({ status: "passed", attempts: 2, secondsToPass: 330 });
    expect(store.recordAttempt("env-refactor", false).status).toBe("passed");
    // Persisted: a new store over the same storage sees it.
    expect(new ProgressStore(storage).get("env-refactor")).toMatchObject({ status: "passed", attempts: 3, secondsToPass: 330 });
  });

  it("reports and ignores a corrupted record instead of throwing", () => {
    const store = new ProgressStore(memoryStorage({ [PROGRESS_KEY]: '{"format":"secrets-lab-progress","vers' }));
    expect(store.problem?.message).toBe("The saved progress is not valid JSON (it may have been edited or cut short). It was ignored; new progress will replace it.");
    expect(store.all()).toEqual({});
    store.recordAttempt("spot-the-leaks", true);
    expect(store.status("spot-the-leaks")).toBe("passed");
  });

  it("reports an old format version and a wrong shape, naming the field", () => {
    expect(new ProgressStore(memoryStorage({ [PROGRESS_KEY]: '{"format":"secrets-lab-progress","version":0,"exercises":{}}' })).problem?.message).toContain("format version 0; this site reads version 1");
    const bad = JSON.stringify({ format: "secrets-lab-progress", version: 1, exercises: { "env-refactor": { status: "done", attempts: 1, firstSeen: "2026-11-24T10:00:00Z", updated: "2026-11-24T10:00:00Z" } } });
    expect(new ProgressStore(memoryStorage({ [PROGRESS_KEY]: bad })).problem?.message).toContain("exercises.env-refactor.status");
  });

  it("exports and imports, merging so the better status and earliest dates win; a bad import changes nothing", () => {
    const a = new ProgressStore(memoryStorage(), clock("2026-11-20T09:00:00Z", "2026-11-20T09:10:00Z"));
    a.recordAttempt("env-refactor", false);
    a.recordAttempt("env-refactor", true);
    const b = new ProgressStore(memoryStorage(), clock("2026-11-24T12:00:00Z"));
    b.recordAttempt("env-refactor", false);
    b.recordAttempt("mounts-rotation", false);
    expect(b.import(a.export())).toEqual({ ok: true, imported: 1 });
    expect(b.get("env-refactor")).toMatchObject({ status: "passed", firstSeen: "2026-11-20T09:00:00.000Z", secondsToPass: 600 });
    expect(b.status("mounts-rotation")).toBe("attempted");
    const before = b.export();
    const result = b.import("not json");
    expect(result.ok).toBe(false);
    expect(b.export()).toBe(before);
  });

  it("works when storage throws (private mode)", () => {
    const throwing: KeyValueStorage = { getItem: () => { throw new Error("denied"); }, setItem: () => { throw new Error("denied"); }, removeItem: () => {} };
    const store = new ProgressStore(throwing);
    expect(store.problem).toBeUndefined();
    expect(store.recordAttempt("x-1", true).status).toBe("passed");
  });

  it("a version written as text is named as text, not as the same number", () => {
    const store = new ProgressStore(memoryStorage({ [PROGRESS_KEY]: '{"format":"secrets-lab-progress","version":"1","exercises":{}}' }));
    expect(store.problem?.message).toBe('The saved progress has its version as "1" (text, not a number); this site reads version 1. It was ignored; new progress will replace it.');
  });

  it("refuses a file with more exercises than the site could have written, changing nothing", () => {
    const store = new ProgressStore(memoryStorage(), clock("2026-11-24T12:00:00Z"));
    store.recordAttempt("env-refactor", false);
    const before = store.export();
    const entry = { status: "attempted", attempts: 1, firstSeen: "2026-11-24T10:00:00Z", updated: "2026-11-24T10:00:00Z" };
    const exercises = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`x-${i}`, entry]));
    const result = store.import(JSON.stringify({ format: "secrets-lab-progress", version: 1, exercises }));
    expect(result).toEqual({ ok: false, problem: { message: "The file lists progress for 40000 exercises; a progress file from this site lists at most 1000. Nothing was imported." } });
    expect(store.export()).toBe(before);
  });

  it("an import the browser refuses to save says so and keeps what was there", () => {
    const storage = memoryStorage();
    const store = new ProgressStore(storage, clock("2026-11-24T12:00:00Z", "2026-11-24T12:01:00Z"));
    store.recordAttempt("env-refactor", false);
    const before = store.export();
    const other = new ProgressStore(memoryStorage(), clock("2026-11-20T09:00:00Z"));
    other.recordAttempt("mounts-rotation", true);
    storage.setItem = () => {
      throw new DOMException("quota", "QuotaExceededError");
    };
    const result = store.import(other.export());
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.problem.message).toContain("Nothing was imported.");
    expect(store.export()).toBe(before);
  });
});

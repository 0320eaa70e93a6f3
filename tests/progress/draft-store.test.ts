import { describe, expect, it } from "vitest";
import { checkDraft, DraftStore, type DraftRead } from "../../src/progress/draft-store.ts";

class MemoryStorage {
  map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
}

const START = { "main.ts": "console.log('start');\n", "config.ts": "export {};\n" };

describe("checkDraft", () => {
  const cases: [string, string, DraftRead][] = [
    ["cut-short JSON", '{"main.ts": "con', { kind: "broken", reason: "is not valid JSON (it may have been cut short or edited)" }],
    ["a JSON string", '"main.ts"', { kind: "broken", reason: "is not a set of files" }],
    ["an array", '["main.ts"]', { kind: "broken", reason: "is not a set of files" }],
    ["null", "null", { kind: "broken", reason: "is not a set of files" }],
    ["an empty object", "{}", { kind: "broken", reason: "holds no files" }],
    ["a number for a file", '{"main.ts": 5}', { kind: "broken", reason: "holds something other than text for main.ts" }],
    ["only unknown files", '{"other.ts": "x", "b.ts": "y"}', { kind: "broken", reason: "names files this sandbox does not have (other.ts, b.ts)" }],
  ];
  for (const [name, text, expected] of cases) it(`a draft that is ${name} is broken`, () => expect(checkDraft(text, START)).toEqual(expected));

  it("a draft of some files keeps the others at their start, and drops files the sandbox lacks", () => {
    expect(checkDraft('{"main.ts": "mine", "gone.ts": "x"}', START)).toEqual({ kind: "restored", files: { "main.ts": "mine", "config.ts": "export {};\n" } });
  });
});

describe("DraftStore", () => {
  it("saves, reads back and clears; the starting files are no draft", () => {
    const storage = new MemoryStorage();
    const drafts = new DraftStore(storage, "env-refactor", START);
    expect(drafts.read()).toEqual({ kind: "none" });
    drafts.save({ ...START, "main.ts": "mine" });
    expect(storage.getItem("secrets-lab:draft:env-refactor")).toBe(JSON.stringify({ ...START, "main.ts": "mine" }));
    expect(new DraftStore(storage, "env-refactor", START).read()).toEqual({ kind: "restored", files: { ...START, "main.ts": "mine" } });
    drafts.save(START);
    expect(storage.getItem("secrets-lab:draft:env-refactor")).toBeNull();
    drafts.save({ ...START, "main.ts": "again" });
    drafts.clear();
    expect(drafts.read()).toEqual({ kind: "none" });
  });

  it("a stored copy equal to the start is nothing to restore", () => {
    const storage = new MemoryStorage();
    storage.setItem("secrets-lab:draft:x", JSON.stringify(START));
    expect(new DraftStore(storage, "x", START).read()).toEqual({ kind: "none" });
  });

  it("storage that throws reads as no draft and refuses saves without throwing", () => {
    const throwing = { getItem: () => { throw new Error("denied"); }, setItem: () => { throw new Error("full"); }, removeItem: () => { throw new Error("denied"); } };
    const drafts = new DraftStore(throwing, "x", START);
    expect(drafts.read()).toEqual({ kind: "none" });
    expect(drafts.save({ "main.ts": "mine" })).toBe(false);
    expect(() => drafts.clear()).not.toThrow();
  });
});

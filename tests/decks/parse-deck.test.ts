import { describe, expect, it } from "vitest";
import { parseDeck, DeckAuthoringError } from "../../src/decks/parse-deck";
import { parseLineSteps } from "../../src/decks/code-highlighter";

const FILE = "content/decks/demo.md";

describe("parseDeck", () => {
  it("splits slides on ---, stacks on --, and notes after Note:", () => {
    const deck = parseDeck(["# One", "Note: say one", "---", "## Two", "Note:", "say two", "--", "## Two below", "Note: below"].join("\n"), FILE);
    expect(deck).toHaveLength(2);
    expect(deck[0]).toEqual([{ number: 1, markdown: "# One", notes: "say one" }]);
    expect(deck[1]!.map((s) => [s.number, s.markdown, s.notes])).toEqual([
      [2, "## Two", "say two"],
      [3, "## Two below", "below"],
    ]);
  });

  it("ignores separators and Note: inside code fences", () => {
    const body = ["## YAML", "```yaml", "---", "Note: not a note", "```", "Note: real"].join("\n");
    const [[slide]] = parseDeck(body, FILE) as unknown as [[{ markdown: string; notes: string }]];
    expect(slide.markdown).toContain("Note: not a note");
    expect(slide.notes).toBe("real");
  });

  it("fails naming the file and slide when notes are missing", () => {
    expect(() => parseDeck("# One\nNote: ok\n---\n## Two", FILE)).toThrow(
      'content/decks/demo.md, slide 2: the slide has no speaker notes: add a "Note:" line followed by what to say',
    );
  });

  it("fails on an empty slide and on an unclosed fence", () => {
    expect(() => parseDeck("# One\nNote: a\n---\n---\n# Three\nNote: c", FILE)).toThrow(/slide 2: the slide is empty/);
    expect(() => parseDeck("# One\n```ts\nconst a = 1;\nNote: x", FILE)).toThrow(DeckAuthoringError);
  });
});

describe("parseLineSteps", () => {
  it("reads ranges and steps", () => {
    expect(parseLineSteps("1|3-4,6").map((s) => [...s])).toEqual([[1], [3, 4, 6]]);
    expect(parseLineSteps(undefined)).toEqual([]);
  });
  it("names a bad part", () => {
    expect(() => parseLineSteps("1|x")).toThrow('line spec "{1|x}" has "x", which is not a line number or range like 3-5');
  });
});

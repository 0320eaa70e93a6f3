import { describe, expect, it } from "vitest";
import { buildDeck } from "../../src/decks/build-deck";
import { islandIdsOf } from "../../src/decks/capture-island-output";

const slide = (body: string) => `${body}\n\nNote:\nWhat to say.\n`;

describe("live slides", () => {
  it("a ::sandbox line on its own becomes an island", async () => {
    const [[built]] = (await buildDeck(slide("## Live: fail fast\n\n::sandbox env-vars/missing-key"), "deck.md")) as unknown as [[{ parts: { kind: string }[] }]];
    expect(built.parts.map((p) => p.kind)).toEqual(["html", "sandbox"]);
  });

  it('fails a slide titled "Live" that has no island, naming the file and slide', async () => {
    await expect(buildDeck(slide("## Live: a logger that leaks\n\nSandbox `env-vars/leaky-logger`"), "content/decks/env-vars.md")).rejects.toThrow(
      /content\/decks\/env-vars\.md, slide 1: the slide "Live: a logger that leaks" says Live but has no island/,
    );
  });

  it("fails a directive that would show as text (inside a list item or inline code)", async () => {
    await expect(buildDeck(slide("## Try it\n\n- ::sandbox env-vars/missing-key"), "deck.md")).rejects.toThrow(/did not become an island/);
    await expect(buildDeck(slide("## Try it\n\nRun `::terminal swarm/secrets` now"), "deck.md")).rejects.toThrow(/did not become an island/);
  });

  it("leaves directives in code fences alone (a slide may show the syntax)", async () => {
    await expect(buildDeck(slide("## Syntax\n\n```text\n::sandbox env-vars/missing-key\n```"), "deck.md")).resolves.toHaveLength(1);
  });

  it("lists the islands a deck body places, for the build to capture their output", () => {
    expect(islandIdsOf("::sandbox a/b\ntext\n::terminal c/d\n  ::sandbox not/me\n")).toEqual({ sandboxes: ["a/b"], terminals: ["c/d"] });
  });
});

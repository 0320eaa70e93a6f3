import { describe, expect, it } from "vitest";
import { renderSlideMarkdown } from "../../src/decks/render-slide";
import { getHighlighter } from "../../src/decks/code-highlighter";

describe("renderSlideMarkdown", () => {
  it("turns + bullets into fragments and leaves - bullets alone", async () => {
    const hl = await getHighlighter();
    const html = renderSlideMarkdown("+ one\n+ two\n\n- plain", hl);
    expect(html.match(/<li class="fragment">/g)).toHaveLength(2);
    expect(html).toContain("<li>plain</li>");
  });

  it("highlights code at build time with line steps and one fragment per extra step", async () => {
    const hl = await getHighlighter();
    const html = renderSlideMarkdown("```ts {1|2-3}\nconst a = 1;\nconst b = 2;\nconst c = 3;\n```", hl);
    expect(html).toContain('data-steps="1|2,3"');
    expect(html.match(/class="fragment code-step"/g)).toHaveLength(1);
    expect(html).toMatch(/class="line highlighted" data-line="1"/);
    expect(html).not.toMatch(/class="line highlighted" data-line="2"/);
  });

  it("rejects a language the highlighter does not load", async () => {
    const hl = await getHighlighter();
    expect(() => renderSlideMarkdown("```cobol\nDISPLAY 'HI'.\n```", hl)).toThrow(/language "cobol" is not loaded/);
  });
});

describe("images on slides", () => {
  it("need alt text", async () => {
    const hl = await getHighlighter();
    expect(() => renderSlideMarkdown("![](/diagram.svg)", hl)).toThrow('image "/diagram.svg" has no alt text');
    expect(renderSlideMarkdown("![Secrets flow from vault to app](/diagram.svg)", hl)).toContain('alt="Secrets flow from vault to app"');
  });
});

describe("plain text fences", () => {
  it("render without highlighting", async () => {
    const hl = await getHighlighter();
    expect(renderSlideMarkdown("```text\nplain words\n```", hl)).toContain("plain words");
  });
});

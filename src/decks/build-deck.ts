import { marked } from "marked";
import { getHighlighter } from "./code-highlighter";
import { parseDeck, DeckAuthoringError } from "./parse-deck";
import { renderSlideMarkdown } from "./render-slide";

/**
 * A slide is Markdown rendered to HTML, with live islands in between. A line
 * `::sandbox <example-id>` or `::terminal <scenario-id>` on its own places a
 * sandbox or a Docker terminal on the slide, sized for a projector.
 */
export type SlidePart =
  | { kind: "html"; html: string }
  | { kind: "sandbox"; example: string }
  | { kind: "terminal"; scenario: string };

export interface RenderedSlide {
  number: number;
  parts: SlidePart[];
  notesHtml: string;
}

const ISLAND_LINE = /^::(sandbox|terminal)\s+(\S+)\s*$/;

/** Parses and renders a deck body; errors name the file and the slide. */
export async function buildDeck(body: string, file: string): Promise<RenderedSlide[][]> {
  const hl = await getHighlighter();
  return parseDeck(body, file).map((stack) =>
    stack.map((slide) => {
      try {
        const parts: SlidePart[] = splitIslands(slide.markdown).map((part) => (part.kind === "markdown" ? { kind: "html" as const, html: renderSlideMarkdown(part.text, hl) } : part));
        checkLiveSlide(slide.markdown, parts);
        return { number: slide.number, parts, notesHtml: marked.parse(slide.notes, { async: false }) };
      } catch (err) {
        throw new DeckAuthoringError(file, slide.number, err instanceof Error ? err.message : String(err));
      }
    }),
  );
}

/**
 * A slide that promises something live must have it: its title says "Live" only when a
 * `::sandbox`/`::terminal` line on it became an island, and no directive may end up as text
 * (written inside a paragraph, a list item or inline code, it would show as words on the slide).
 */
function checkLiveSlide(markdown: string, parts: SlidePart[]): void {
  const islands = parts.filter((p) => p.kind !== "html").length;
  const title = /^#{1,6}\s+(.*)$/m.exec(markdown)?.[1] ?? "";
  if (/^Live\b/i.test(title) && islands === 0) {
    throw new Error(`the slide "${title}" says Live but has no island: put "::sandbox <example-id>" or "::terminal <scenario-id>" on a line of its own`);
  }
  for (const part of parts) {
    if (part.kind !== "html") continue;
    const text = part.html.replace(/<pre[\s\S]*?<\/pre>/g, "").replace(/<[^>]+>/g, "");
    const stray = /::(sandbox|terminal)\b[^\n]*/.exec(text);
    if (stray) throw new Error(`"${stray[0].trim()}" did not become an island: write it on a line of its own, outside lists and quotes`);
  }
}

type RawPart = { kind: "markdown"; text: string } | { kind: "sandbox"; example: string } | { kind: "terminal"; scenario: string };

function splitIslands(markdown: string): RawPart[] {
  const parts: RawPart[] = [];
  let buffer: string[] = [];
  let inFence = false;
  const flush = () => {
    const text = buffer.join("\n").trim();
    if (text) parts.push({ kind: "markdown", text });
    buffer = [];
  };
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const m = inFence ? null : ISLAND_LINE.exec(line.trim());
    if (!m) {
      if (!inFence && line.trim().startsWith("::")) throw new Error(`"${line.trim()}" is not a slide directive; use "::sandbox <example-id>" or "::terminal <scenario-id>"`);
      buffer.push(line);
      continue;
    }
    flush();
    parts.push(m[1] === "sandbox" ? { kind: "sandbox", example: m[2]! } : { kind: "terminal", scenario: m[2]! });
  }
  flush();
  return parts;
}

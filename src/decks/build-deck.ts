import { marked } from "marked";
import { getHighlighter } from "./code-highlighter";
import { parseDeck, DeckAuthoringError } from "./parse-deck";
import { renderSlideMarkdown } from "./render-slide";

export interface RenderedSlide {
  number: number;
  html: string;
  notesHtml: string;
}

/** Parses and renders a deck body; errors name the file and the slide. */
export async function buildDeck(body: string, file: string): Promise<RenderedSlide[][]> {
  const hl = await getHighlighter();
  return parseDeck(body, file).map((stack) =>
    stack.map((slide) => {
      try {
        return {
          number: slide.number,
          html: renderSlideMarkdown(slide.markdown, hl),
          notesHtml: marked.parse(slide.notes, { async: false }),
        };
      } catch (err) {
        throw new DeckAuthoringError(file, slide.number, err instanceof Error ? err.message : String(err));
      }
    }),
  );
}

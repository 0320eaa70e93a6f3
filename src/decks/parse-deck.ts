/**
 * Splits a deck's Markdown body into slides. Grammar, one token per line and
 * never inside a ``` fence:
 *
 *   ---        next slide (horizontal)
 *   --         next slide below the current one (a vertical stack)
 *   Note:      everything after it, to the end of the slide, is speaker notes
 *
 * Every slide must have content and notes: an instructor relies on them, so a
 * missing note fails the build, naming the file and slide number.
 */

export interface ParsedSlide {
  /** 1-based position in presentation order, as the instructor counts. */
  number: number;
  markdown: string;
  notes: string;
}

/** Horizontal slides; each holds one slide or a vertical stack of several. */
export type ParsedDeck = ParsedSlide[][];

export class DeckAuthoringError extends Error {
  constructor(
    readonly file: string,
    readonly slide: number,
    readonly problem: string,
  ) {
    super(`${file}, slide ${slide}: ${problem}`);
    this.name = "DeckAuthoringError";
  }
}

const NOTE_MARKER = /^Notes?:\s*(.*)$/;

export function parseDeck(body: string, file: string): ParsedDeck {
  const stacks: string[][][] = [[[]]];
  let inFence = false;
  for (const line of body.replace(/\r\n?/g, "\n").split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const stack = stacks[stacks.length - 1]!;
    if (!inFence && line.trim() === "---") stacks.push([[]]);
    else if (!inFence && line.trim() === "--") stack.push([]);
    else stack[stack.length - 1]!.push(line);
  }

  let number = 0;
  const deck: ParsedDeck = stacks.map((stack) =>
    stack.map((lines) => {
      number += 1;
      return splitNotes(lines, file, number);
    }),
  );
  if (inFence) throw new DeckAuthoringError(file, number, "a ``` code fence is never closed");
  return deck;
}

function splitNotes(lines: string[], file: string, number: number): ParsedSlide {
  let inFence = false;
  let noteAt = -1;
  lines.forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (!inFence && noteAt < 0 && NOTE_MARKER.test(line)) noteAt = i;
  });
  const content = noteAt < 0 ? lines : lines.slice(0, noteAt);
  const noteLines = noteAt < 0 ? [] : [lines[noteAt]!.replace(NOTE_MARKER, "$1"), ...lines.slice(noteAt + 1)];
  const markdown = content.join("\n").trim();
  const notes = noteLines.join("\n").trim();
  if (!markdown) throw new DeckAuthoringError(file, number, "the slide is empty (two separators in a row?)");
  if (!notes) throw new DeckAuthoringError(file, number, 'the slide has no speaker notes: add a "Note:" line followed by what to say');
  return { number, markdown, notes };
}

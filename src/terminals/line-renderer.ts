/**
 * Redraws the prompt and the line being edited, wrapping over several terminal rows
 * when it is long. Positions are "cells from the start of the prompt": the text is
 * plain ASCII in practice (commands, paths, fake keys), so one character is one cell.
 */
export interface LineDrawing {
  /** Escape sequences and text to write. */
  output: string;
  /** Where the cursor ends up, in cells from the start of the prompt. */
  cursorCell: number;
}

const up = (n: number) => (n > 0 ? `\x1b[${n}A` : "");
const right = (n: number) => (n > 0 ? `\x1b[${n}C` : "");

/**
 * @param from where the cursor is now (the `cursorCell` of the previous drawing, or 0 on a fresh line)
 * @param prompt the prompt as written (may hold colour escapes); `promptWidth` is its visible width
 */
export function drawLine(options: { prompt: string; promptWidth: number; text: string; cursor: number; cols: number; from: number }): LineDrawing {
  const { prompt, promptWidth, text, cursor, from } = options;
  const cols = Math.max(1, options.cols);
  const end = promptWidth + text.length;
  const target = promptWidth + cursor;
  // Back to the prompt's first cell, then erase everything below it (the old, maybe longer, line).
  let output = `${up(Math.floor(from / cols))}\r\x1b[J${prompt}${text}`;
  // Writing exactly to the last column leaves the cursor in a "pending wrap" state on that
  // row; one more character forces the wrap, so the cursor really is at cell `end`.
  if (end > 0 && end % cols === 0) output += " \r";
  output += `${up(Math.floor(end / cols) - Math.floor(target / cols))}\r${right(target % cols)}`;
  return { output, cursorCell: target };
}

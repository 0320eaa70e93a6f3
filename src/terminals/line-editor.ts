/**
 * The line being typed at the prompt: text plus a cursor, and the readline edits a
 * learner's fingers expect (Ctrl+A/E/U/K/W, Backspace, Delete). It knows nothing of
 * xterm: the terminal view redraws from `text` and `cursor` after each edit.
 */
export class LineEditor {
  #text = "";
  #cursor = 0;

  get text(): string {
    return this.#text;
  }
  /** Cursor position as an index into `text` (0 = before the first character). */
  get cursor(): number {
    return this.#cursor;
  }

  /** Replace the whole line (history recall, a suggested command); the cursor goes to the end. */
  set(text: string): void {
    this.#text = text;
    this.#cursor = text.length;
  }

  insert(chars: string): void {
    this.#text = this.#text.slice(0, this.#cursor) + chars + this.#text.slice(this.#cursor);
    this.#cursor += chars.length;
  }

  backspace(): void {
    if (this.#cursor === 0) return;
    this.#text = this.#text.slice(0, this.#cursor - 1) + this.#text.slice(this.#cursor);
    this.#cursor -= 1;
  }

  deleteForward(): void {
    this.#text = this.#text.slice(0, this.#cursor) + this.#text.slice(this.#cursor + 1);
  }

  left(): void {
    this.#cursor = Math.max(0, this.#cursor - 1);
  }
  right(): void {
    this.#cursor = Math.min(this.#text.length, this.#cursor + 1);
  }
  home(): void {
    this.#cursor = 0;
  }
  end(): void {
    this.#cursor = this.#text.length;
  }

  /** Ctrl+U: delete from the start of the line to the cursor. */
  killToStart(): void {
    this.#text = this.#text.slice(this.#cursor);
    this.#cursor = 0;
  }

  /** Ctrl+K: delete from the cursor to the end of the line. */
  killToEnd(): void {
    this.#text = this.#text.slice(0, this.#cursor);
  }

  /** Ctrl+W: delete the word before the cursor, and the spaces after it, as bash's unix-word-rubout does. */
  deleteWordBack(): void {
    let start = this.#cursor;
    while (start > 0 && this.#text[start - 1] === " ") start--;
    while (start > 0 && this.#text[start - 1] !== " ") start--;
    this.#text = this.#text.slice(0, start) + this.#text.slice(this.#cursor);
    this.#cursor = start;
  }
}

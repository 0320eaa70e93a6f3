/**
 * Command history for Up/Down, as bash keeps it: the newest entry last, no
 * consecutive duplicates, and the half-typed line kept as a draft while browsing.
 */
export class CommandHistory {
  readonly #entries: string[] = [];
  readonly #limit: number;
  /** Index into entries while browsing; entries.length means "at the draft". */
  #position = 0;
  #draft = "";

  constructor(limit = 500) {
    this.#limit = limit;
  }

  get entries(): readonly string[] {
    return this.#entries;
  }

  /** Record a run line and stop browsing. Blank lines and repeats are not kept; says whether it was. */
  add(line: string): boolean {
    let added = false;
    if (line.trim() && this.#entries.at(-1) !== line) {
      this.#entries.push(line);
      if (this.#entries.length > this.#limit) this.#entries.shift();
      added = true;
    }
    this.reset();
    return added;
  }

  /** Replace the newest entry: a command entered over several lines is kept whole, once it is complete. */
  replaceLast(line: string): void {
    if (this.#entries.length > 0 && line.trim()) this.#entries[this.#entries.length - 1] = line;
    this.reset();
  }

  /** Forget the browsing position (after Enter or Ctrl+C). */
  reset(): void {
    this.#position = this.#entries.length;
    this.#draft = "";
  }

  /** Up: the previous entry, or undefined at the oldest. `current` is the line being edited. */
  previous(current: string): string | undefined {
    if (this.#position === 0) return undefined;
    if (this.#position === this.#entries.length) this.#draft = current;
    this.#position -= 1;
    return this.#entries[this.#position];
  }

  /** Down: the next entry, then the draft, then undefined. */
  next(): string | undefined {
    if (this.#position >= this.#entries.length) return undefined;
    this.#position += 1;
    return this.#position === this.#entries.length ? this.#draft : this.#entries[this.#position];
  }
}

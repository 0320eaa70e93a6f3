import type { TerminalScreen } from "../../src/terminals/shell-terminal";

/**
 * A terminal screen for Node tests: a tiny VT interpreter for the sequences the shell
 * writes (text, CR, LF, cursor up/right, erase below, colours), so tests can assert
 * what a learner would see, row by row, not the escape codes that drew it.
 */
export class FakeScreen implements TerminalScreen {
  rows: string[] = [""];
  row = 0;
  col = 0;
  clears = 0;
  #pendingWrap = false;
  constructor(readonly cols = 80) {}

  clear(): void {
    this.rows = [""];
    this.row = 0;
    this.col = 0;
    this.clears++;
  }

  write(data: string): void {
    for (let i = 0; i < data.length; i++) {
      const ch = data[i]!;
      if (ch === "\x1b") {
        const m = /^\x1b\[([0-9;]*)([A-Za-z])/.exec(data.slice(i))!;
        const n = Number(m[1] || 1);
        if (m[2] === "A") this.row = Math.max(0, this.row - n);
        else if (m[2] === "B") this.row += n;
        else if (m[2] === "C") this.col = Math.min(this.cols - 1, this.col + n);
        else if (m[2] === "J") {
          this.rows[this.row] = this.line(this.row).slice(0, this.col);
          this.rows.length = this.row + 1;
        }
        this.#pendingWrap = false;
        i += m[0].length - 1;
      } else if (ch === "\r") {
        this.col = 0;
        this.#pendingWrap = false;
      } else if (ch === "\n") {
        this.row++;
        this.#pendingWrap = false;
      } else if (ch >= " ") {
        if (this.#pendingWrap) {
          this.row++;
          this.col = 0;
          this.#pendingWrap = false;
        }
        const line = this.line(this.row).padEnd(this.col);
        this.rows[this.row] = line.slice(0, this.col) + ch + line.slice(this.col + 1);
        if (this.col === this.cols - 1) this.#pendingWrap = true;
        else this.col++;
      }
    }
  }

  line(row: number): string {
    return this.rows[row] ?? "";
  }

  /** Everything on screen, trailing spaces trimmed. */
  get text(): string {
    return Array.from({ length: this.rows.length }, (_, r) => this.line(r).trimEnd()).join("\n");
  }
}

/**
 * The xterm.js terminal the learner types into: created, fitted to its box's width,
 * and disposed. It is the only module that imports xterm; the shell sees it as a
 * `TerminalScreen`.
 */
import { Terminal, type ITheme } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import "@xterm/xterm/css/xterm.css";
import type { TerminalScreen } from "../../terminals/shell-terminal";

export interface TerminalViewOptions {
  /** Font size in px (default 14; 22 for projectors). */
  fontSize: number;
  /** Visible rows (default 14). */
  rows: number;
  /** Accessible name of the input the terminal uses. */
  label: string;
}

// Every colour the shell uses (plain, red stderr, green/blue prompt, cyan notices) keeps
// at least 4.5:1 against the background, in either site theme: the terminal is always dark.
const THEME: ITheme = {
  background: "#0d1117",
  foreground: "#e6edf3",
  cursor: "#e6edf3",
  cursorAccent: "#0d1117",
  red: "#ff7b72",
  brightRed: "#ffa198",
  green: "#7ee787",
  brightGreen: "#56d364",
  blue: "#79c0ff",
  brightBlue: "#a5d6ff",
  cyan: "#76e3ea",
  brightCyan: "#b3f0ff",
};

/** Largest piece of output handed to xterm at once. */
const WRITE_PIECE = 4096;

export class TerminalView implements TerminalScreen {
  readonly term: Terminal;
  readonly #fit = new FitAddon();
  readonly #resize: ResizeObserver;
  readonly #rows: number;
  /** Set by Esc: the next Tab leaves the terminal instead of completing. */
  #releaseFocus = false;

  constructor(parent: HTMLElement, options: TerminalViewOptions) {
    this.#rows = options.rows;
    this.term = new Terminal({
      convertEol: false,
      cursorBlink: true,
      cursorStyle: "block",
      cursorInactiveStyle: "outline",
      fontSize: options.fontSize,
      // At 1.0 the DOM renderer clips underscores (EXTERNAL_API_KEY reads as spaces) under the next row.
      lineHeight: 1.2,
      rows: options.rows,
      fontFamily: 'ui-monospace, "Cascadia Code", "Source Code Pro", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      screenReaderMode: true,
      scrollback: 5000,
      theme: THEME,
    });
    this.term.loadAddon(this.#fit);
    this.term.attachCustomKeyEventHandler((e) => this.#keyFilter(e));
    this.term.open(parent);
    this.term.textarea?.setAttribute("aria-label", options.label);
    this.#fitWidth();
    this.#resize = new ResizeObserver(() => this.#fitWidth());
    this.#resize.observe(parent);
  }

  get cols(): number {
    return this.term.cols;
  }

  write(data: string): void {
    // xterm parses one write() in one go and yields only between writes: a megabyte of `yes` in
    // one call would hold the page for most of a second, in pieces it stays responsive.
    if (data.length <= WRITE_PIECE) {
      this.term.write(data);
      return;
    }
    for (let k = 0; k < data.length; k += WRITE_PIECE) this.term.write(data.slice(k, k + WRITE_PIECE));
  }

  clear(): void {
    this.term.reset();
  }

  focus(): void {
    this.term.focus();
  }

  onData(listener: (data: string) => void): void {
    this.term.onData(listener);
  }

  dispose(): void {
    this.#resize.disconnect();
    this.term.dispose();
  }

  /**
   * Tab completes inside the terminal, which would trap keyboard users. As in the
   * sandbox's editor, Esc releases it: the next Tab (or Shift+Tab) moves focus on.
   * Returning false tells xterm to leave the key to the browser.
   */
  #keyFilter(e: KeyboardEvent): boolean {
    if (e.key === "Escape") {
      if (e.type === "keydown") this.#releaseFocus = true;
      return false;
    }
    if (e.key === "Tab" && this.#releaseFocus) {
      // Focus has moved on by the keyup, so forget the release at keydown.
      if (e.type === "keydown") this.#releaseFocus = false;
      return false;
    }
    if (e.type === "keydown" && !["Shift", "Control", "Alt", "Meta"].includes(e.key)) this.#releaseFocus = false;
    return true;
  }

  /** A presenter zoomed the terminal (a deck's text-size buttons): same rows, larger characters. */
  setFontSize(px: number): void {
    if (px === this.term.options.fontSize) return;
    this.term.options.fontSize = px;
    this.#fitWidth();
  }

  /** Width follows the box; height stays at the rows asked for (fitting height would feed back into the box). */
  #fitWidth(): void {
    const dims = this.#fit.proposeDimensions();
    if (dims && Number.isFinite(dims.cols) && dims.cols > 0 && dims.cols !== this.term.cols) this.term.resize(dims.cols, this.#rows);
  }
}

/**
 * The sandbox's Output pane: a read-only, focusable text box of program output, with the ANSI colours
 * (SGR) programs print, rendered as plain DOM text. stdout plain, stderr red, the sandbox's own lines
 * cyan.
 *
 * Why not xterm.js: this pane only shows output, it never takes input or moves a cursor, and xterm was
 * 82 KB gz of the 110 KB a lesson page loads to run its example, plus ~40 ms of forced layouts on the
 * first Run (measured with a Chromium trace; see scripts/bench.mjs). Text in the DOM is also what a
 * screen reader and Playwright read directly, and it reflows to the pane's width on a phone by itself.
 * The Docker terminal, which takes input, keeps xterm (src/components/terminal/).
 */
export type Stream = "stdout" | "stderr" | "system";

/**
 * Control sequences in the program's own output, except colours (SGR, `ESC [ ... m`): clear screen,
 * erase scrollback, cursor moves, OSC 8 hyperlinks and titles, DCS, and single-character escapes
 * (`ESC c` resets the terminal). Learner output cannot erase or rewrite what the page printed, nor
 * make a clickable link. A lone ESC left at a chunk's end is dropped too.
 */
const LEARNER_CONTROL = /\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|\x1b[\]PX^_][\s\S]*?(?:\x07|\x1b\\|$)|[\x90\x9d\x98\x9e\x9f][\s\S]*?(?:\x07|\x1b\\|\x9c|$)|\x1b[^\[\]PX^_]?/g;

export function sanitizeLearnerOutput(text: string): string {
  return text.replace(LEARNER_CONTROL, (sequence) => (/^\x1b\[[0-9;:]*m$/.test(sequence) ? sequence : ""));
}

/** The 16 ANSI colours, chosen for at least 4.5:1 contrast on the pane's #0d1117 (black is a grey for that reason). */
export const ANSI_PALETTE = [
  "#8b949e", "#ff7b72", "#3fb950", "#d29922", "#58a6ff", "#bc8cff", "#39c5cf", "#b1bac4",
  "#8b949e", "#ffa198", "#56d364", "#e3b341", "#79c0ff", "#d2a8ff", "#56d4dd", "#ffffff",
] as const;
const FOREGROUND = "#e6edf3";
const BACKGROUND = "#0d1117";

/** How a run of text looks; every field optional, so `{}` is plain text. */
export interface AnsiStyle {
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  strike?: boolean;
}

export interface AnsiSegment {
  text: string;
  style: AnsiStyle;
}

/** xterm's 256-colour table: 16 ANSI, a 6x6x6 cube, 24 greys. */
function colour256(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 255) return undefined;
  if (n < 16) return ANSI_PALETTE[n];
  const hex = (v: number) => v.toString(16).padStart(2, "0");
  if (n < 232) {
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    const i = n - 16;
    return `#${hex(level(Math.floor(i / 36)))}${hex(level(Math.floor(i / 6) % 6))}${hex(level(i % 6))}`;
  }
  const grey = 8 + (n - 232) * 10;
  return `#${hex(grey)}${hex(grey)}${hex(grey)}`;
}

/** Applies one SGR sequence's parameters (`1;31`, `38;5;208`, `38;2;255;0;0`) to a style. */
export function applySgr(style: AnsiStyle, params: string): AnsiStyle {
  const codes = params === "" ? [0] : params.split(/[;:]/).map((p) => (p === "" ? 0 : Number(p)));
  let next: AnsiStyle = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c === 0) next = {};
    else if (c === 1) next.bold = true;
    else if (c === 2) next.dim = true;
    else if (c === 3) next.italic = true;
    else if (c === 4) next.underline = true;
    else if (c === 7) next.inverse = true;
    else if (c === 9) next.strike = true;
    else if (c === 22) {
      delete next.bold;
      delete next.dim;
    }
    else if (c === 23) delete next.italic;
    else if (c === 24) delete next.underline;
    else if (c === 27) delete next.inverse;
    else if (c === 29) delete next.strike;
    else if (c >= 30 && c <= 37) next.fg = ANSI_PALETTE[c - 30]!;
    else if (c >= 90 && c <= 97) next.fg = ANSI_PALETTE[c - 90 + 8]!;
    else if (c === 39) delete next.fg;
    else if (c >= 40 && c <= 47) next.bg = ANSI_PALETTE[c - 40]!;
    else if (c >= 100 && c <= 107) next.bg = ANSI_PALETTE[c - 100 + 8]!;
    else if (c === 49) delete next.bg;
    else if (c === 38 || c === 48) {
      const key = c === 38 ? "fg" : "bg";
      let colour: string | undefined;
      if (codes[i + 1] === 5) {
        colour = colour256(codes[i + 2]!);
        i += 2;
      } else if (codes[i + 1] === 2) {
        const [r, g, b] = codes.slice(i + 2, i + 5);
        if ([r, g, b].every((v) => Number.isInteger(v) && v! >= 0 && v! <= 255)) colour = `rgb(${r}, ${g}, ${b})`;
        i += 4;
      }
      if (colour) next[key] = colour;
    }
  }
  return next;
}

/**
 * Splits text into runs of one style, reading SGR sequences and dropping every other escape sequence
 * (whatever the sanitiser left, or the sandbox's own lines). `style` is where the previous chunk left off.
 */
export function ansiSegments(text: string, style: AnsiStyle = {}): { segments: AnsiSegment[]; style: AnsiStyle } {
  const segments: AnsiSegment[] = [];
  let current = style;
  let last = 0;
  const push = (until: number) => {
    if (until > last) segments.push({ text: text.slice(last, until), style: current });
  };
  LEARNER_CONTROL.lastIndex = 0;
  for (let match = LEARNER_CONTROL.exec(text); match; match = LEARNER_CONTROL.exec(text)) {
    push(match.index);
    const sgr = /^\x1b\[([0-9;:]*)m$/.exec(match[0]);
    if (sgr) current = applySgr(current, sgr[1]!);
    last = match.index + match[0].length;
    if (match[0] === "") LEARNER_CONTROL.lastIndex++;
  }
  push(text.length);
  return { segments, style: current };
}

/** The inline CSS of a style: inline, so the pane needs no stylesheet of its own. */
function css(style: AnsiStyle): string {
  let fg = style.fg;
  let bg = style.bg;
  if (style.inverse) [fg, bg] = [bg ?? BACKGROUND, fg ?? FOREGROUND];
  const parts: string[] = [];
  if (fg) parts.push(`color:${fg}`);
  if (bg) parts.push(`background:${bg}`);
  if (style.bold) parts.push("font-weight:bold");
  if (style.dim) parts.push("opacity:0.75");
  if (style.italic) parts.push("font-style:italic");
  const lines = [style.underline && "underline", style.strike && "line-through"].filter(Boolean);
  if (lines.length) parts.push(`text-decoration:${lines.join(" ")}`);
  return parts.join(";");
}

const STREAM_STYLE: Record<Stream, AnsiStyle> = {
  stdout: {},
  stderr: { fg: ANSI_PALETTE[9] },
  system: { fg: ANSI_PALETTE[14] },
};

/** Lines kept, as xterm's scrollback was: a program printing without end cannot grow the page without end. */
const SCROLLBACK = 5000;

export class OutputTerminal {
  /** The focusable text box; `rows` holds one span per line (the class is the selector browser tests read). */
  readonly element: HTMLDivElement;
  readonly #rows: HTMLPreElement;
  #line: HTMLSpanElement | undefined;
  #lines = 0;
  /** After a lone `\r`: the node the next text overwrites from (null: the line's end). */
  #cursor: Node | null | undefined;
  #style: AnsiStyle = {};
  #atLineStart = true;
  #scrollQueued = false;

  constructor(parent: HTMLElement, options: { fontSize: number; rows: number }) {
    const lineHeight = 1.2;
    this.element = document.createElement("div");
    this.element.className = "sandbox-output";
    // A read-only multi-line text box, as xterm's was. It handles no key, so Tab, Shift+Tab and Esc
    // then Tab move on as anywhere on the page: no keyboard trap.
    this.element.setAttribute("role", "textbox");
    this.element.setAttribute("aria-readonly", "true");
    this.element.setAttribute("aria-multiline", "true");
    this.element.setAttribute("aria-label", "Program output");
    this.element.tabIndex = 0;
    this.element.style.cssText = [
      `height:${(options.rows * options.fontSize * lineHeight).toFixed(1)}px`,
      "overflow:auto",
      "outline:none",
      `color:${FOREGROUND}`,
      `background:${BACKGROUND}`,
    ].join(";");
    this.#rows = document.createElement("pre");
    this.#rows.className = "sandbox-output-rows xterm-rows";
    this.#rows.style.cssText = [
      "margin:0",
      "white-space:pre-wrap",
      "overflow-wrap:anywhere",
      `font:${options.fontSize}px/${lineHeight} ui-monospace, "Cascadia Code", "Source Code Pro", Menlo, Consolas, "DejaVu Sans Mono", monospace`,
      "background:transparent",
      "color:inherit",
      "padding:0",
      "border:0",
    ].join(";");
    this.element.append(this.#rows);
    parent.append(this.element);
  }

  write(stream: Stream, text: string): void {
    if (!text) return;
    const atBottom = this.element.scrollHeight - this.element.scrollTop - this.element.clientHeight < 4;
    // System lines always start on a line of their own, whatever the program printed last.
    if (stream === "system" && !this.#atLineStart) this.#newLine();
    const shown = stream === "system" ? text : sanitizeLearnerOutput(text);
    const base = STREAM_STYLE[stream];
    // The program's colours carry over from chunk to chunk (as in a terminal); the sandbox's own lines start clean.
    const { segments, style } = ansiSegments(shown, stream === "system" ? {} : this.#style);
    if (stream !== "system") this.#style = style;
    for (const segment of segments) {
      const look = { ...base, ...segment.style };
      // \r\n is a newline; a lone \r returns to the line's start, and what follows overwrites it.
      const parts = segment.text.replace(/\r\n/g, "\n").split(/(\n|\r)/);
      for (const part of parts) {
        if (part === "\n") this.#newLine();
        else if (part === "\r") this.#cursor = this.#currentLine().firstChild;
        else if (part) this.#print(part, look);
      }
    }
    this.#atLineStart = text.endsWith("\n");
    if (atBottom) this.#scrollToEnd();
  }

  #currentLine(): HTMLSpanElement {
    if (!this.#line) {
      this.#line = document.createElement("span");
      this.#rows.append(this.#line);
      this.#lines++;
      if (this.#lines > SCROLLBACK) {
        this.#rows.firstChild?.remove();
        this.#lines--;
      }
    }
    return this.#line;
  }

  #newLine(): void {
    this.#currentLine().append("\n");
    this.#line = undefined;
    this.#cursor = undefined;
  }

  #print(text: string, style: AnsiStyle): void {
    const line = this.#currentLine();
    const look = css(style);
    let before: Node | null = null;
    if (this.#cursor !== undefined) {
      // Overwrite as many characters as this text has, from the cursor on.
      let left = text.length;
      let node = this.#cursor;
      while (node && left > 0) {
        const length = node.textContent?.length ?? 0;
        const next: Node | null = node.nextSibling;
        if (length <= left) {
          node.parentNode?.removeChild(node);
          left -= length;
          node = next;
        } else {
          node.textContent = (node.textContent ?? "").slice(left);
          left = 0;
        }
      }
      before = node;
      this.#cursor = node;
    }
    const last = before ? before.previousSibling : line.lastChild;
    if (last instanceof HTMLSpanElement && last.getAttribute("style") === (look || null) && !before) {
      last.append(text);
      return;
    }
    const span = document.createElement("span");
    if (look) span.setAttribute("style", look);
    span.textContent = text;
    line.insertBefore(span, before);
    if (this.#cursor === null) this.#cursor = undefined;
  }

  #scrollToEnd(): void {
    if (this.#scrollQueued) return;
    this.#scrollQueued = true;
    // Once per frame, not per write: reading the layout after every batch would force a layout each time.
    requestAnimationFrame(() => {
      this.#scrollQueued = false;
      this.element.scrollTop = this.element.scrollHeight;
    });
  }

  /** Everything shown, scrollback included, each line without its trailing spaces. */
  async text(): Promise<string> {
    return (this.#rows.textContent ?? "")
      .split("\n")
      .map((line) => line.trimEnd())
      .join("\n")
      .replace(/\n+$/, "");
  }

  clear(): void {
    this.#rows.replaceChildren();
    this.#line = undefined;
    this.#cursor = undefined;
    this.#lines = 0;
    this.#style = {};
    this.#atLineStart = true;
  }

  dispose(): void {
    this.element.remove();
  }
}

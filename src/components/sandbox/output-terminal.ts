import { Terminal } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import "@xterm/xterm/css/xterm.css";

export type Stream = "stdout" | "stderr" | "system";

// ANSI colours that keep AA contrast on the dark terminal background.
const COLOUR: Record<Stream, [string, string]> = {
  stdout: ["", ""],
  stderr: ["\x1b[91m", "\x1b[0m"],
  system: ["\x1b[96m", "\x1b[0m"],
};

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

/**
 * The sandbox's output, an xterm.js terminal: stdout plain, stderr red, the
 * sandbox's own lines cyan. Screen-reader mode gives it an accessible tree.
 * Read-only, so Tab (and Shift+Tab) always moves focus on: no keyboard trap.
 */
export class OutputTerminal {
  readonly term: Terminal;
  #fit = new FitAddon();
  #resize: ResizeObserver;
  #atLineStart = true;

  constructor(parent: HTMLElement, options: { fontSize: number; rows: number }) {
    this.term = new Terminal({
      convertEol: true,
      disableStdin: true,
      cursorBlink: false,
      cursorStyle: "bar",
      cursorInactiveStyle: "none",
      fontSize: options.fontSize,
      // At 1.0, a 1x screen (most projectors) clips the underscore below the cell: EXTERNAL_API_KEY read as "EXTERNAL API KEY".
      lineHeight: 1.2,
      rows: options.rows,
      fontFamily: 'ui-monospace, "Cascadia Code", "Source Code Pro", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      screenReaderMode: true,
      scrollback: 5000,
      theme: { background: "#0d1117", foreground: "#e6edf3" },
    });
    this.term.loadAddon(this.#fit);
    // Nothing to type here: leave Tab and Esc to the browser, so focus moves on either way.
    this.term.attachCustomKeyEventHandler((e) => e.key !== "Tab" && e.key !== "Escape");
    this.term.open(parent);
    this.term.textarea?.setAttribute("aria-label", "Program output");
    this.#fit.fit();
    this.#resize = new ResizeObserver(() => this.#fit.fit());
    this.#resize.observe(parent);
  }

  write(stream: Stream, text: string): void {
    if (!text) return;
    const [open, close] = COLOUR[stream];
    // System lines always start on a line of their own, whatever the program printed last.
    const prefix = stream === "system" && !this.#atLineStart ? "\n" : "";
    const shown = stream === "system" ? text : sanitizeLearnerOutput(text);
    this.term.write(prefix + open + shown + close);
    this.#atLineStart = text.endsWith("\n");
  }

  /**
   * Everything in the terminal, scrollback included (xterm only puts visible rows in the
   * DOM). xterm parses writes asynchronously, so this waits for pending writes first.
   */
  async text(): Promise<string> {
    await new Promise<void>((resolve) => this.term.write("", resolve));
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i);
      if (!line) continue;
      // Wrapped rows continue the previous line rather than starting a new one.
      if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += line.translateToString(true);
      else lines.push(line.translateToString(true));
    }
    return lines.join("\n").replace(/\n+$/, "");
  }

  clear(): void {
    this.term.reset();
    this.#atLineStart = true;
  }

  dispose(): void {
    this.#resize.disconnect();
    this.term.dispose();
  }
}

/**
 * The interactive terminal over the shell core: prompt, line editing, history keys, completion
 * and running lines, drawn on a `TerminalScreen` (xterm.js in the page, a string buffer in
 * tests). It never touches the DOM itself; what a line means is the core's business.
 *
 * Input is handled strictly in order: a paste of three lines runs three commands, one after the
 * other, a pasted 20-line `for` loop runs once as one command, and keys typed while a command
 * runs wait their turn. Only Ctrl+C jumps the queue: it interrupts the running command (its
 * AbortSignal), and abandons one that does not stop.
 */
import type { CommandResult } from "../docker-sim/index.ts";
import { decodeInput, type EditKey } from "./key-input.ts";
import { LineEditor } from "./line-editor.ts";
import { drawLine } from "./line-renderer.ts";
import { ShellCore, USER_HOST, type OutputChunk } from "./shell-core.ts";
import type { TerminalSession } from "./terminal-session.ts";

/** The little of a terminal emulator the shell needs. */
export interface TerminalScreen {
  readonly cols: number;
  write(data: string): void;
  /** Clear the screen and scrollback; the cursor goes to the top-left corner. */
  clear(): void;
}

export interface ShellTerminalOptions {
  /** Called with each command's output, trimmed, for a screen reader's live region. */
  announce?(text: string): void;
  /** Fired after each line has run (tests and analytics hooks wait on it). */
  onCommand?(line: string, result: CommandResult): void;
}

// Colours chosen for AA contrast on the terminal's dark background (see TerminalView's theme).
const RED = "\x1b[31m";
const GREEN = "\x1b[1;32m";
const BLUE = "\x1b[1;34m";
const RESET = "\x1b[0m";
const ANNOUNCE_LIMIT = 1500;
/** How long input handling runs before it lets the page paint and take Ctrl+C (a 5 000-line paste). */
const SLICE_MS = 8;
/** How long a command may take to stop after Ctrl+C before the terminal stops waiting for it. */
const ABANDON_MS = 250;

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

export class ShellTerminal {
  readonly #screen: TerminalScreen;
  readonly #options: ShellTerminalOptions;
  readonly #editor = new LineEditor();
  readonly #core: ShellCore;
  #cursorCell = 0;
  #queue: Promise<void> = Promise.resolve();
  /** Ctrl+C while a command runs: abort it, and stop waiting for it. */
  #interrupt: (() => void) | undefined;
  /** While a chunk of input is handled, what it draws (echoed lines, prompts) goes out in one write per slice. */
  #pendingDraw: string[] | undefined;

  constructor(screen: TerminalScreen, session: TerminalSession, options: ShellTerminalOptions = {}) {
    this.#screen = screen;
    this.#core = new ShellCore(session);
    this.#options = options;
  }

  get history(): readonly string[] {
    return this.#core.history;
  }

  /** Resolves once everything typed, pasted or clicked so far has been handled. */
  whenIdle(): Promise<void> {
    return this.#queue;
  }

  /** Print a notice (cyan) and a fresh prompt; used at start-up and after Reset. */
  start(notice?: string): void {
    this.#enqueue(() => {
      if (notice) this.#screen.write(`\x1b[36m${notice}${RESET}\r\n`);
      this.#freshPrompt();
    });
  }

  /** Keyboard or paste data from the terminal emulator. */
  input(data: string): void {
    if (data === "\x03" && this.#interrupt) {
      this.#interrupt();
      return;
    }
    this.#enqueue(() => this.#handle(data));
  }

  /** Put a command at the prompt for the learner to run (a suggested-command chip). */
  type(command: string): void {
    this.#enqueue(() => {
      this.#core.cancelInput();
      this.#editor.set(command);
      this.#redraw();
    });
  }

  /** Swap in a fresh host (Reset) once `start` resolves; queued input waits for it. */
  replaceSession(start: () => Promise<{ session: TerminalSession; notice: string }>): Promise<void> {
    // A command that is still running must not hold the Reset up behind it.
    this.#interrupt?.();
    return this.#enqueue(async () => {
      const { session, notice } = await start();
      this.#core.replaceSession(session);
      this.#editor.set("");
      this.#screen.clear();
      this.#screen.write(`\x1b[36m${notice}${RESET}\r\n`);
      this.#freshPrompt();
    });
  }

  /** Run work after everything queued before it; a failure is shown, never left to break the queue. */
  #enqueue(work: () => void | Promise<void>): Promise<void> {
    this.#queue = this.#queue.then(work).catch((err: unknown) => {
      this.#screen.write(`\r\n${RED}secrets-lab: the terminal hit an internal error: ${toCrlf(describe(err))}${RESET}\r\n`);
      this.#freshPrompt();
    });
    return this.#queue;
  }

  /** Draw now, or with the rest of this slice's drawing when a chunk of input is being handled. */
  #draw(data: string): void {
    if (this.#pendingDraw) this.#pendingDraw.push(data);
    else this.#screen.write(data);
  }

  #flushDraw(): void {
    const pending = this.#pendingDraw;
    if (pending?.length) {
      this.#screen.write(pending.join(""));
      pending.length = 0;
    }
  }

  async #handle(data: string): Promise<void> {
    let sliceStart = now();
    // A 5 000-line paste echoes 5 000 lines: drawn in one write per slice, not one per line.
    this.#pendingDraw = [];
    try {
      await this.#handleActions(data, () => sliceStart, (t) => (sliceStart = t));
    } finally {
      this.#flushDraw();
      this.#pendingDraw = undefined;
    }
  }

  async #handleActions(data: string, sliceStart: () => number, restart: (t: number) => void): Promise<void> {
    for (const action of decodeInput(data)) {
      if (action.kind === "insert") {
        this.#editor.insert(action.text);
        this.#redraw();
      } else if (action.kind === "enter") {
        await this.#enter();
      } else {
        await this.#key(action.key);
      }
      // A long paste gives the page a turn now and then, so it paints and stays responsive.
      if (now() - sliceStart() > SLICE_MS) {
        this.#flushDraw();
        await new Promise((resolve) => setTimeout(resolve, 0));
        restart(now());
      }
    }
  }

  async #key(key: EditKey): Promise<void> {
    const e = this.#editor;
    switch (key) {
      case "backspace": e.backspace(); break;
      case "delete": e.deleteForward(); break;
      case "left": e.left(); break;
      case "right": e.right(); break;
      case "home": e.home(); break;
      case "end": e.end(); break;
      case "kill-start": e.killToStart(); break;
      case "kill-end": e.killToEnd(); break;
      case "word-back": e.deleteWordBack(); break;
      case "up": {
        const line = this.#core.previousHistory(e.text);
        if (line !== undefined) e.set(line);
        break;
      }
      case "down": {
        const line = this.#core.nextHistory();
        if (line !== undefined) e.set(line);
        break;
      }
      case "tab": return this.#complete();
      case "cancel": {
        this.#finishLine("^C");
        this.#editor.set("");
        this.#core.cancelInput();
        this.#freshPrompt();
        return;
      }
      case "clear-screen": {
        this.#flushDraw();
        this.#screen.clear();
        this.#cursorCell = 0;
        break;
      }
    }
    this.#redraw();
  }

  async #complete(): Promise<void> {
    const result = await this.#core.complete(this.#editor.text, this.#editor.cursor);
    if (result.candidates.length > 0) {
      this.#finishLine();
      this.#draw(`${result.candidates.join("  ")}\r\n`);
      this.#cursorCell = 0;
    }
    this.#editor.set(result.text);
    // set() puts the cursor at the end; move it back to where completion left it.
    for (let i = result.text.length; i > result.cursor; i--) this.#editor.left();
    this.#redraw();
  }

  async #enter(): Promise<void> {
    const line = this.#editor.text;
    this.#finishLine();
    this.#editor.set("");
    const controller = new AbortController();
    let abandoned = false;
    let endsWithNewline = true;
    const show = (chunk: OutputChunk): void => {
      if (abandoned || !chunk.text) return;
      // A command's output shows as it is written (tail -f), after what was drawn before it.
      this.#flushDraw();
      // In pieces: the emulator parses each write in one task but yields between writes, so `yes`
      // (a megabyte at once) does not hold the page for the whole of it.
      for (const piece of screenPieces(chunk.text)) {
        const text = toCrlf(screenSafe(piece));
        this.#screen.write(chunk.stream === "stderr" ? `${RED}${text}${RESET}` : text);
      }
      endsWithNewline = chunk.text.endsWith("\n");
    };
    const stopped = new Promise<"abandoned">((resolve) => {
      this.#interrupt = () => {
        controller.abort();
        // A command that does not answer the signal at once is left behind; its output is dropped.
        setTimeout(() => resolve("abandoned"), ABANDON_MS);
      };
    });
    try {
      const outcome = await Promise.race([this.#core.submit(line, { signal: controller.signal, onOutput: show }), stopped]);
      if (outcome === "abandoned") {
        abandoned = true;
        this.#draw(`${endsWithNewline ? "" : "\r\n"}^C\r\n`);
        this.#options.onCommand?.(line, { stdout: "^C\n", stderr: "", exitCode: 130 });
      } else if (outcome.kind === "clear") {
        this.#flushDraw();
        this.#screen.clear();
      } else if (outcome.kind === "ran") {
        if (controller.signal.aborted) {
          // bash echoes the interrupt as ^C on its own line.
          this.#draw(`${endsWithNewline ? "" : "\r\n"}^C\r\n`);
          endsWithNewline = true;
        }
        // A prompt always starts its own line, even after output without a final newline.
        if (!endsWithNewline) this.#draw("\r\n");
        this.#options.announce?.(spokenForm(`${outcome.result.stdout}${outcome.result.stderr}`));
        this.#options.onCommand?.(outcome.script, outcome.result);
      }
    } finally {
      this.#interrupt = undefined;
    }
    this.#freshPrompt();
  }

  get #prompt(): { text: string; width: number } {
    if (this.#core.continuing) return { text: "> ", width: 2 };
    const where = this.#core.where;
    return { text: `${GREEN}${USER_HOST}${RESET}:${BLUE}${where}${RESET}$ `, width: USER_HOST.length + where.length + 3 };
  }

  #redraw(cursor = this.#editor.cursor): void {
    const prompt = this.#prompt;
    const drawing = drawLine({ prompt: prompt.text, promptWidth: prompt.width, text: this.#editor.text, cursor, cols: this.#screen.cols, from: this.#cursorCell });
    this.#draw(drawing.output);
    this.#cursorCell = drawing.cursorCell;
  }

  /** Move below the current input line (cursor to its end, then a newline), optionally marking it. */
  #finishLine(mark = ""): void {
    this.#redraw(this.#editor.text.length);
    this.#draw(`${mark}\r\n`);
    this.#cursorCell = 0;
  }

  #freshPrompt(): void {
    this.#cursorCell = 0;
    this.#redraw();
  }
}

/**
 * What the live region reads out: colour codes dropped, the NULs of /proc/<pid>/environ
 * and table padding collapsed to single spaces, and a long output cut in the middle,
 * since both its start (headers, ids) and its end (errors, "done") matter.
 */
export function spokenForm(output: string): string {
  // Only the two ends are read out: clean those (a megabyte from `yes` is four regex passes otherwise).
  const edge = 64 * 1024;
  if (output.length > 4 * edge) {
    const head = clean(output.slice(0, edge));
    const tail = clean(output.slice(-edge));
    const half = ANNOUNCE_LIMIT / 2;
    if (head.length >= half && tail.length >= half) return `${head.slice(0, half)} … ${tail.slice(-half)}`;
  }
  const text = clean(output);
  if (!text) return "(no output)";
  if (text.length <= ANNOUNCE_LIMIT) return text;
  const half = ANNOUNCE_LIMIT / 2;
  return `${text.slice(0, half)} … ${text.slice(-half)}`;
}


function clean(output: string): string {
  return output
    .replace(/\x1b\[[0-9;]*m/g, "")
    .replace(/[\0-\x08\x0b-\x1f]/g, " ")
    .replace(/[ \t]{2,}/g, "  ")
    .trim();
}

/**
 * What a command's output may do to the screen: print text and set colours (SGR). Other escape
 * sequences (clear screen, cursor moves, scrollback erase, OSC titles and hyperlinks) and control
 * bytes are dropped, so `cat /dev/urandom` or a crafted file cannot wipe or rewrite the page's
 * lines, nor make a link; tabs, newlines, carriage returns and backspaces stay.
 */
export function screenSafe(text: string): string {
  if (!/[\x00-\x07\x0b-\x0c\x0e-\x1f\x7f-\x9f]/.test(text)) return text;
  return text.replace(ESCAPES_AND_CONTROLS, (m) => (/^\x1b\[[0-9;]*m$/.test(m) ? m : ""));
}

// OSC (to BEL or ST), CSI (ESC [ or the 8-bit 0x9b), other ESC sequences, then lone control bytes.
const ESCAPES_AND_CONTROLS = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|(?:\x1b\[|\x9b)[0-9;?<=>]*[ -/]*[@-~]?|\x1b[ -~]?|[\x00-\x07\x0b-\x0c\x0e-\x1f\x7f-\x9f]/g;

/** How much output goes to the screen in one write. */
export const SCREEN_PIECE = 16 * 1024;

/** `text` cut into pieces of about SCREEN_PIECE, each ending at a newline where there is one (no escape sequence or CRLF is cut). */
export function* screenPieces(text: string): Generator<string> {
  let at = 0;
  while (text.length - at > SCREEN_PIECE) {
    const newline = text.lastIndexOf("\n", at + SCREEN_PIECE);
    const end = newline > at ? newline + 1 : at + SCREEN_PIECE;
    yield text.slice(at, end);
    at = end;
  }
  yield text.slice(at);
}

function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, "\r\n");
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

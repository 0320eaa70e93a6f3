/**
 * The interactive shell behind the terminal: prompt, line editing, history, completion,
 * heredoc continuation and running lines on the simulated host. It writes to a
 * `TerminalScreen` (xterm.js in the page, a string buffer in tests) and never touches
 * the DOM itself.
 *
 * Input is handled strictly in order: a paste of three lines runs three commands, one
 * after the other, and keys typed while a command runs wait their turn. Only Ctrl+C
 * jumps the queue, to abandon a command that has not answered.
 */
import { DEFAULT_HOME, type CommandResult } from "../../docker-sim/index";
import { HELP_TEXT, PROMPT_COMMANDS, builtinOf, formatHistory } from "./builtins";
import { complete, type CompletionSource } from "./completion";
import type { DockerHelpIndex } from "./docker-help";
import { awaitsHeredoc } from "./heredoc";
import { CommandHistory } from "./history";
import { decodeInput, type EditKey } from "./key-input";
import { LineEditor } from "./line-editor";
import { drawLine } from "./line-renderer";
import type { TerminalSession } from "./terminal-session";

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
  docker: DockerHelpIndex;
}

// Colours chosen for AA contrast on the terminal's dark background (see TerminalView's theme).
const RED = "\x1b[31m";
const GREEN = "\x1b[1;32m";
const BLUE = "\x1b[1;34m";
const RESET = "\x1b[0m";
const USER_HOST = "learner@secrets-lab";
const ANNOUNCE_LIMIT = 1500;

export class ShellTerminal {
  readonly #screen: TerminalScreen;
  readonly #options: ShellTerminalOptions;
  readonly #editor = new LineEditor();
  readonly #history = new CommandHistory();
  #session: TerminalSession;
  /** Lines of a script still waiting for its heredoc terminator. */
  #pending: string[] = [];
  #cursorCell = 0;
  #queue: Promise<void> = Promise.resolve();
  /** Resolves the running command's race with "abandoned by Ctrl+C". */
  #abandon: (() => void) | undefined;

  constructor(screen: TerminalScreen, session: TerminalSession, options: ShellTerminalOptions) {
    this.#screen = screen;
    this.#session = session;
    this.#options = options;
  }

  get history(): readonly string[] {
    return this.#history.entries;
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
    if (data === "\x03" && this.#abandon) {
      this.#abandon();
      return;
    }
    this.#enqueue(() => this.#handle(data));
  }

  /** Put a command at the prompt for the learner to run (a suggested-command chip). */
  type(command: string): void {
    this.#enqueue(() => {
      this.#pending = [];
      this.#history.reset();
      this.#editor.set(command);
      this.#redraw();
    });
  }

  /** Swap in a fresh host (Reset) once `start` resolves; queued input waits for it. */
  replaceSession(start: () => Promise<{ session: TerminalSession; notice: string }>): Promise<void> {
    // A command that never answered must not hold the Reset up behind it.
    this.#abandon?.();
    return this.#enqueue(async () => {
      const { session, notice } = await start();
      this.#session = session;
      this.#pending = [];
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

  async #handle(data: string): Promise<void> {
    for (const action of decodeInput(data)) {
      if (action.kind === "insert") {
        this.#editor.insert(action.text);
        this.#redraw();
      } else if (action.kind === "enter") {
        await this.#enter();
      } else {
        await this.#key(action.key);
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
        const line = this.#history.previous(e.text);
        if (line !== undefined) e.set(line);
        break;
      }
      case "down": {
        const line = this.#history.next();
        if (line !== undefined) e.set(line);
        break;
      }
      case "tab": return this.#complete();
      case "cancel": {
        this.#finishLine("^C");
        this.#editor.set("");
        this.#pending = [];
        this.#history.reset();
        this.#freshPrompt();
        return;
      }
      case "clear-screen": {
        this.#screen.clear();
        this.#cursorCell = 0;
        break;
      }
    }
    this.#redraw();
  }

  async #complete(): Promise<void> {
    const session = this.#session;
    const source: CompletionSource = {
      commands: PROMPT_COMMANDS,
      docker: (path) => this.#options.docker.words(path),
      listDir: (path) => {
        const fs = session.engine.host;
        if (fs.stat(path)?.kind !== "dir") return undefined;
        return fs.readdir(path).map((name) => ({ name, dir: fs.stat(`${path.replace(/\/$/, "")}/${name}`)?.kind === "dir" }));
      },
      cwd: session.shell.cwd,
      home: session.shell.env.get("HOME") ?? DEFAULT_HOME,
    };
    const result = await complete(this.#editor.text, this.#editor.cursor, source);
    if (result.candidates.length > 0) {
      this.#finishLine();
      this.#screen.write(`${result.candidates.join("  ")}\r\n`);
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
    const script = [...this.#pending, line].join("\n");
    if (awaitsHeredoc(script)) {
      // Like bash's PS2: keep reading lines until every heredoc is closed.
      if (this.#pending.length === 0) this.#history.add(line);
      this.#pending.push(line);
      this.#freshPrompt();
      return;
    }
    if (this.#pending.length === 0) this.#history.add(line);
    else this.#history.reset();
    this.#pending = [];
    if (script.trim()) await this.#run(script);
    this.#freshPrompt();
  }

  async #run(script: string): Promise<void> {
    const builtin = builtinOf(script);
    if (builtin === "clear") {
      this.#screen.clear();
      return;
    }
    if (builtin === "history" || builtin === "help") {
      const stdout = builtin === "help" ? HELP_TEXT : formatHistory(this.#history.entries);
      this.#print({ stdout, stderr: "", exitCode: 0 });
      this.#options.onCommand?.(script, { stdout, stderr: "", exitCode: 0 });
      return;
    }
    let result: CommandResult;
    try {
      const abandoned = new Promise<undefined>((resolve) => (this.#abandon = () => resolve(undefined)));
      const outcome = await Promise.race([this.#session.shell.exec(script), abandoned]);
      // Ctrl+C: the model keeps running in the background, but its output is dropped, as with a killed job.
      result = outcome ?? { stdout: "^C\n", stderr: "", exitCode: 130 };
    } catch (err) {
      // The engine is a model and may have gaps: say so plainly and give the prompt back.
      result = { stdout: "", stderr: `secrets-lab: the simulated shell could not run this command: ${describe(err)}\n(Reset starts a fresh host if things look odd.)\n`, exitCode: 1 };
    } finally {
      this.#abandon = undefined;
    }
    this.#print(result);
    this.#options.onCommand?.(script, result);
  }

  #print(result: CommandResult): void {
    const out = result.stdout;
    const err = result.stderr;
    if (out) this.#screen.write(toCrlf(out));
    if (err) this.#screen.write(`${RED}${toCrlf(err)}${RESET}`);
    // A prompt always starts its own line, even after output without a final newline.
    const last = err || out;
    if (last && !last.endsWith("\n")) this.#screen.write("\r\n");
    this.#options.announce?.(spokenForm(`${out}${err}`));
  }

  get #prompt(): { text: string; width: number } {
    if (this.#pending.length > 0) return { text: "> ", width: 2 };
    const home = this.#session.shell.env.get("HOME") ?? DEFAULT_HOME;
    const cwd = this.#session.shell.cwd;
    const where = cwd === home ? "~" : cwd.startsWith(`${home}/`) ? `~${cwd.slice(home.length)}` : cwd;
    return { text: `${GREEN}${USER_HOST}${RESET}:${BLUE}${where}${RESET}$ `, width: USER_HOST.length + where.length + 3 };
  }

  #redraw(cursor = this.#editor.cursor): void {
    const prompt = this.#prompt;
    const drawing = drawLine({ prompt: prompt.text, promptWidth: prompt.width, text: this.#editor.text, cursor, cols: this.#screen.cols, from: this.#cursorCell });
    this.#screen.write(drawing.output);
    this.#cursorCell = drawing.cursorCell;
  }

  /** Move below the current input line (cursor to its end, then a newline), optionally marking it. */
  #finishLine(mark = ""): void {
    this.#redraw(this.#editor.text.length);
    this.#screen.write(`${mark}\r\n`);
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
  const text = output
    .replace(/\x1b\[[0-9;]*m/g, "")
    .replace(/[\0-\x08\x0b-\x1f]/g, " ")
    .replace(/[ \t]{2,}/g, "  ")
    .trim();
  if (!text) return "(no output)";
  if (text.length <= ANNOUNCE_LIMIT) return text;
  const half = ANNOUNCE_LIMIT / 2;
  return `${text.slice(0, half)} … ${text.slice(-half)}`;
}

function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, "\r\n");
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

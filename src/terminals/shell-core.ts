/**
 * The terminal's one core: what happens to a line the learner enters, the same in the page's
 * terminal (xterm) and in `npm run shell` (readline). It keeps the lines of an unfinished command
 * (an open quote, `if` without `fi`, a trailing `\` or `|`, a heredoc: bash's `> ` prompt), runs
 * a finished one on the session's shell with Ctrl+C (an AbortSignal) and its output as it is
 * written (onOutput), answers the terminal's own builtins (clear, history, help) and keeps history.
 * It draws nothing: each front end renders the prompt and the output its own way.
 */
import { DEFAULT_HOME, type CommandResult } from "../docker-sim/index.ts";
import { HELP_TEXT, TERMINAL_BUILTINS, builtinOf, formatHistory } from "./builtins.ts";
import { complete, type Completion } from "./completion.ts";
import { DockerHelpIndex } from "./docker-help.ts";
import { CommandHistory } from "./history.ts";
import type { TerminalSession } from "./terminal-session.ts";

/** A piece of a command's output, on the stream it was written to. */
export interface OutputChunk {
  stream: "stdout" | "stderr";
  text: string;
}

export const USER_HOST = "learner@secrets-lab";

/**
 * The most one command may hold while it is being entered. Past it the lines are dropped (to the
 * end of the heredoc they belong to, when they are one) and the learner is told: a 10 MB paste
 * must not grow without bound in the page.
 */
export const MAX_COMMAND_LENGTH = 2 * 1024 * 1024;

export interface RunControls {
  /** Ctrl+C: the running command stops with status 130. */
  signal?: AbortSignal;
  /** Each piece of output as the command writes it, stdout and stderr in order. */
  onOutput?(chunk: OutputChunk): void;
}

/** What became of an entered line. */
export type LineOutcome =
  /** The command is not finished: show the continuation prompt and read another line. */
  | { kind: "more" }
  /** Nothing to run (a blank line, or lines dropped for size: the notice was sent to onOutput). */
  | { kind: "empty" }
  /** The terminal's `clear`. */
  | { kind: "clear" }
  /** `exit` (only when the front end asked for it: `npm run shell` leaves, the page stays). */
  | { kind: "exit"; code: number }
  /** A command ran (or a terminal builtin answered); its output already went to onOutput. */
  | { kind: "ran"; script: string; result: CommandResult };

export interface ShellCoreOptions {
  /** Treat a line that is just `exit [N]` as leaving the terminal (the CLI); the page runs it in the shell. */
  exitLeaves?: boolean;
}

export class ShellCore {
  #session: TerminalSession;
  readonly #options: ShellCoreOptions;
  readonly #history = new CommandHistory();
  readonly #docker = new DockerHelpIndex();
  /** Lines of a command still being entered. */
  #pending: string[] = [];
  #pendingLength = 0;
  /** Whether the unfinished command's first line went into history (a repeat does not). */
  #recorded = false;
  /** Inside a heredoc: only a line equal to this word can finish the command, so no re-parse per line. */
  #heredoc: { delimiter: string; strip: boolean } | undefined;
  /** Dropping an oversized command's lines until its heredoc's word comes. */
  #discarding = false;

  constructor(session: TerminalSession, options: ShellCoreOptions = {}) {
    this.#session = session;
    this.#options = options;
  }

  get session(): TerminalSession {
    return this.#session;
  }

  /** A fresh host (Reset); history stays, as it does in a terminal whose shell restarted. */
  replaceSession(session: TerminalSession): void {
    // The old host's jobs end with it, as a hang-up ends a shell's jobs.
    this.#session.shell.stopJobs?.();
    this.#session = session;
    this.cancelInput();
  }

  get history(): readonly string[] {
    return this.#history.entries;
  }

  /** Up and Down at the prompt. */
  previousHistory(current: string): string | undefined {
    return this.#history.previous(current);
  }
  nextHistory(): string | undefined {
    return this.#history.next();
  }
  resetHistoryBrowsing(): void {
    this.#history.reset();
  }

  /** Whether the next line continues an unfinished command (bash's `> ` prompt). */
  get continuing(): boolean {
    return this.#pending.length > 0 || this.#discarding;
  }

  /** Where the shell is, as bash's `\w` shows it: `~` for home. */
  get where(): string {
    const shell = this.#session.shell;
    const home = shell.env.get("HOME") ?? DEFAULT_HOME;
    const cwd = shell.cwd;
    return cwd === home ? "~" : cwd.startsWith(`${home}/`) ? `~${cwd.slice(home.length)}` : cwd;
  }

  /** The prompt without colours: `learner@secrets-lab:~/app$ `, or `> ` inside a command. */
  get prompt(): string {
    return this.continuing ? "> " : `${USER_HOST}:${this.where}$ `;
  }

  /** Ctrl+C at the prompt: forget the unfinished command. */
  cancelInput(): void {
    this.#pending = [];
    this.#pendingLength = 0;
    this.#heredoc = undefined;
    this.#discarding = false;
    this.#history.reset();
  }

  /** Tab: complete the word before the cursor (commands, docker's tree, paths on the host). */
  complete(text: string, cursor: number): Promise<Completion> {
    const { engine, shell } = this.#session;
    const fs = engine.host;
    return complete(text, cursor, {
      commands: [...new Set([...shell.commandNames, ...TERMINAL_BUILTINS])].sort(),
      docker: (path) => this.#docker.words(path),
      listDir: (path) => {
        if (fs.stat(path)?.kind !== "dir") return undefined;
        return fs.readdir(path).map((name) => ({ name, dir: fs.stat(`${path.replace(/\/$/, "")}/${name}`)?.kind === "dir" }));
      },
      cwd: shell.cwd,
      home: shell.env.get("HOME") ?? DEFAULT_HOME,
    });
  }

  /**
   * One entered line. An unfinished command waits for more (`more`); a finished one runs, its
   * output streamed to `onOutput` as it is written, and the whole result returned.
   */
  async submit(line: string, controls: RunControls = {}): Promise<LineOutcome> {
    if (this.#discarding) {
      if (this.#closesHeredoc(line)) this.cancelInput();
      return this.#discarding ? { kind: "more" } : { kind: "empty" };
    }
    if (this.#pending.length === 0) this.#recorded = this.#history.add(line);
    else this.#history.reset();
    this.#pending.push(line);
    this.#pendingLength += line.length + 1;
    if (this.#pendingLength > MAX_COMMAND_LENGTH) return this.#overflow(controls);
    if (this.#heredoc && !this.#closesHeredoc(line)) return { kind: "more" };
    const script = this.#pending.join("\n");
    const more = this.#session.shell.needsMoreInput(script);
    if (more) {
      this.#heredoc = more.heredoc;
      return { kind: "more" };
    }
    const lines = this.#pending;
    const recorded = this.#recorded;
    this.cancelInput();
    // A command entered over several lines is one history entry, as bash's cmdhist keeps it.
    if (lines.length > 1 && recorded) this.#history.replaceLast(historyEntry(lines));
    return this.run(script, controls);
  }

  /** End of input (Ctrl+D, or the end of a piped session): an unfinished command runs as it is, and fails as bash says. */
  async finish(controls: RunControls = {}): Promise<LineOutcome> {
    if (this.#pending.length === 0 || this.#discarding) {
      this.cancelInput();
      return { kind: "empty" };
    }
    const script = this.#pending.join("\n");
    this.cancelInput();
    return this.run(script, controls);
  }

  /** Run a whole command (a suggested command, a finished multi-line paste). */
  async run(script: string, controls: RunControls = {}): Promise<LineOutcome> {
    if (!script.trim()) return { kind: "empty" };
    const builtin = builtinOf(script);
    if (builtin === "clear") return { kind: "clear" };
    if (builtin === "help" || builtin === "history") {
      const stdout = builtin === "help" ? HELP_TEXT : formatHistory(this.#history.entries);
      controls.onOutput?.({ stream: "stdout", text: stdout });
      return { kind: "ran", script, result: { stdout, stderr: "", exitCode: 0 } };
    }
    const exit = /^\s*exit(?:\s+(\d+))?\s*$/.exec(script);
    if (exit && this.#options.exitLeaves) return { kind: "exit", code: Number(exit[1] ?? 0) & 255 };
    let result: CommandResult;
    try {
      result = await this.#session.shell.exec(script, { signal: controls.signal, onOutput: controls.onOutput });
    } catch (err) {
      // The engine is a model and may have gaps: say so plainly and give the prompt back.
      const stderr = `secrets-lab: the simulated shell could not run this command: ${describe(err)}\n(Reset starts a fresh host if things look odd.)\n`;
      controls.onOutput?.({ stream: "stderr", text: stderr });
      result = { stdout: "", stderr, exitCode: 1 };
    }
    return { kind: "ran", script, result };
  }

  #closesHeredoc(line: string): boolean {
    const doc = this.#heredoc;
    return doc !== undefined && (doc.strip ? line.replace(/^\t+/, "") : line) === doc.delimiter;
  }

  #overflow(controls: RunControls): LineOutcome {
    const inHeredoc = this.#heredoc !== undefined;
    const heredoc = this.#heredoc;
    this.cancelInput();
    controls.onOutput?.({
      stream: "stderr",
      text: `bash: command too long: over ${MAX_COMMAND_LENGTH / (1024 * 1024)} MiB (the simulated terminal reads at most that much as one command)${inHeredoc ? `; the rest of the here-document up to \`${heredoc!.delimiter}' is dropped` : ""}\n`,
    });
    if (inHeredoc) {
      this.#heredoc = heredoc;
      this.#discarding = true;
      return { kind: "more" };
    }
    return { kind: "empty" };
  }
}

/**
 * A multi-line command as one history line, joined as bash's cmdhist joins it: `; ` between
 * commands, a space after words that continue (`do`, `then`, `|`, `&&`). A heredoc's body cannot
 * be joined, so its command is kept by its first line.
 */
export function historyEntry(lines: readonly string[]): string {
  if (/<<-?\s*['"]?[A-Za-z_]/.test(lines[0] ?? "")) return lines[0]!;
  let out = "";
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!out) out = line;
    // A line break inside quotes is part of the text: bash keeps it.
    else if (insideQuotes(out)) out = `${out}\n${raw}`;
    else if (out.endsWith("\\")) out = `${out.slice(0, -1).trimEnd()} ${line}`;
    else if (/(^|\s)(do|then|else|elif|in|\{|\()$|(\||&&|\|\||;|&|\(|\{)$/.test(out)) out = `${out} ${line}`;
    else out = `${out}; ${line}`;
  }
  return out;
}

/** Whether text ends inside a '...' or "..." (a rough count, enough to keep a quoted newline). */
function insideQuotes(text: string): boolean {
  let quote: string | undefined;
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"') k++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "\\") k++;
  }
  return quote !== undefined;
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

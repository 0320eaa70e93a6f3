/**
 * What a shell command sees and returns. Commands are `{ name, execute(args, ctx) }` objects in a
 * registry; failure is an ordinary result with a non-zero exit code, never a thrown error.
 */
import type { Credentials } from "../fs/access-fs.ts";
import type { FileSystem } from "../fs/file-system.ts";

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Whose wording a command uses: "gnu" on the learner's host (bash + coreutils), "busybox" inside
 * the Alpine/BusyBox based images of the catalogue (`sh: foo: not found`).
 */
export type ShellFlavor = "gnu" | "busybox";

/** The running shell, for builtins that change it (cd, export) and for `sh -c`. */
export interface ShellControl {
  readonly vars: ReadonlyMap<string, string>;
  setVar(name: string, value: string, exported?: boolean): void;
  exportVar(name: string): void;
  unsetVar(name: string): void;
  setCwd(path: string): void;
  /** Run a script in a child shell that shares fs and commands; `env` replaces the child's vars. */
  runScript(source: string, options?: { stdin?: string; env?: ReadonlyMap<string, string> }): Promise<CommandResult>;
}

export interface CommandContext {
  readonly fs: FileSystem;
  readonly cwd: string;
  /** The command's environment: exported variables plus `VAR=x cmd` prefixes. */
  readonly env: ReadonlyMap<string, string>;
  readonly stdin: string;
  readonly flavor: ShellFlavor;
  readonly shell: ShellControl;
  /** The process's uid and groups; absent means root. */
  readonly user?: Credentials;
  /** Aborted by Ctrl+C: a long-running command (`tail -f`, `sleep`) stops when it fires. */
  readonly signal?: AbortSignal;
  /** Write output now rather than in the result (a command that runs until interrupted). */
  write?(stream: "stdout" | "stderr", text: string): void;
  /** Wait on the shell's clock (a ManualClock advances; the wall clock waits); rejects on Ctrl+C. */
  sleep?(ms: number): Promise<void>;
  /** Most output one command may produce (what `yes` and /dev/urandom stop at). */
  readonly outputLimit?: number;
  /** The shell's clock, for `date`. */
  now?(): Date;
  /** The simulated network (`curl`): a fetch-shaped handler that knows only the simulated hosts. */
  readonly network?: NetworkHandler;
}

/** A fetch-shaped server for the simulated hosts; rejects for a host that does not exist. */
export type NetworkHandler = (request: Request) => Promise<Response>;

export interface ShellCommand {
  readonly name: string;
  execute(args: string[], ctx: CommandContext): Promise<CommandResult> | CommandResult;
}

export type CommandRegistry = ReadonlyMap<string, ShellCommand>;

export function createRegistry(commands: readonly ShellCommand[]): Map<string, ShellCommand> {
  return new Map(commands.map((c) => [c.name, c]));
}

export const ok = (stdout = ""): CommandResult => ({ stdout, stderr: "", exitCode: 0 });
export const fail = (stderr: string, exitCode = 1, stdout = ""): CommandResult => ({
  stdout,
  stderr: stderr.endsWith("\n") || stderr === "" ? stderr : `${stderr}\n`,
  exitCode,
});

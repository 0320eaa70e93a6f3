/**
 * The learner's terminal session: a bash-like shell on the simulated host, with `docker` and the
 * POSIX tools. `exec(line)` runs one line (or a script with heredocs) and returns what a terminal
 * would show, split into stdout and stderr; `onOutput` hears both streams in the order written.
 *
 * Other CLIs plug in with `registerCommand` (or `commands` at creation): a name and a handler
 * from `{ argv, env, stdin, fs, cwd }` to `{ stdout, stderr, exitCode }`, the shape the docker
 * command has. `aws`, `kubectl`, `vault`, `sops`, `git` are registered this way, not hand-wired.
 */
import { DEFAULT_HOME, DEFAULT_PROJECT_DIR, type DockerEngine } from "./engine/docker-engine.ts";
import { ManualClock } from "./engine/clock.ts";
import { createDockerCommand } from "./cli/docker-command.ts";
import { ShellInterpreter, type RunOptions } from "./shell/interpreter.ts";
import { hostCommands } from "./shell/registries.ts";
import { inputContinuation, type InputContinuation } from "./shell/parser.ts";
import { createRegistry, type CommandResult, type NetworkHandler, type ShellCommand } from "./shell/types.ts";
import type { FileSystem } from "./fs/file-system.ts";

/** What a plugged-in CLI's handler receives: its arguments (argv[0] is its name) and its process view. */
export interface CliInvocation {
  argv: readonly string[];
  env: ReadonlyMap<string, string>;
  stdin: string;
  fs: FileSystem;
  cwd: string;
  /** Aborted by Ctrl+C. */
  signal?: AbortSignal;
}

/** A CLI for the terminal: `kubectl`, `aws`, `vault`... One handler per top-level command name. */
export interface CliCommand {
  name: string;
  run(invocation: CliInvocation): Promise<CommandResult> | CommandResult;
}

export interface DockerShellOptions {
  /** Starting directory (default /home/learner/app). */
  cwd?: string;
  /** Extra exported variables, e.g. `{ NPM_TOKEN: "npm_FAKE..." }`. */
  env?: Record<string, string>;
  /** CLIs to plug in besides docker (providers contribute theirs). */
  commands?: readonly CliCommand[];
  /** The simulated network `curl` reaches (the page's or a test's); without one every host fails to resolve. */
  network?: NetworkHandler;
}

export interface DockerExecOptions {
  signal?: AbortSignal;
  onOutput?: RunOptions["onOutput"];
}

export type { InputContinuation };

export interface DockerShell {
  exec(line: string, options?: DockerExecOptions): Promise<CommandResult>;
  /**
   * Whether `source` is unfinished, so an interactive terminal asks for another line (`> `): an
   * open quote, `if` without `fi`, a trailing `|` or `\`, a heredoc still waiting for its word.
   */
  needsMoreInput(source: string): InputContinuation;
  /** End the background jobs (`cmd &`) still running: the terminal was reset or left. */
  stopJobs(): void;
  /** Add a CLI to this shell (replaces one of the same name). */
  registerCommand(command: CliCommand): void;
  /** Every command name the shell runs (for completion). */
  readonly commandNames: readonly string[];
  readonly cwd: string;
  /** Exported variables: what `docker run -e NAME` and `--secret id=NAME` read. */
  readonly env: ReadonlyMap<string, string>;
}

/** Adapt a CLI handler to the shell's command registry. */
export function cliToShellCommand(cli: CliCommand): ShellCommand {
  return {
    name: cli.name,
    execute: (args, ctx) => cli.run({ argv: [cli.name, ...args], env: ctx.env, stdin: ctx.stdin, fs: ctx.fs, cwd: ctx.cwd, signal: ctx.signal }),
  };
}

export function createDockerShell(engine: DockerEngine, options: DockerShellOptions = {}): DockerShell {
  const registry = createRegistry([...hostCommands(), createDockerCommand(engine), ...(options.commands ?? []).map(cliToShellCommand)]);
  const clock = engine.clock;
  const shell = new ShellInterpreter({
    fs: engine.host,
    commands: registry,
    flavor: "gnu",
    cwd: options.cwd ?? DEFAULT_PROJECT_DIR,
    env: { HOME: DEFAULT_HOME, USER: "learner", PATH: "/usr/local/bin:/usr/bin:/bin", ...options.env },
    now: () => clock.now(),
    network: options.network,
    interactive: true,
    // A pinned clock (tests, transcripts) just moves on; the wall clock really waits.
    sleep:
      clock instanceof ManualClock
        ? async (ms) => {
            clock.advance(ms);
          }
        : undefined,
  });
  return {
    exec: (line, execOptions = {}) => shell.run(line, { signal: execOptions.signal, onOutput: execOptions.onOutput }),
    stopJobs: () => shell.stopJobs(),
    needsMoreInput: (source) => inputContinuation(source, { maxHeredocLength: shell.limits.maxHeredocLength }),
    registerCommand(command) {
      registry.set(command.name, cliToShellCommand(command));
    },
    get commandNames() {
      return [...registry.keys(), ...shell.functionNames].sort();
    },
    get cwd() {
      return shell.cwd;
    },
    get env() {
      return shell.environment;
    },
  };
}

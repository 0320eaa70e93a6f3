/**
 * The learner's terminal session: a bash-like shell on the simulated host, with `docker` and a
 * few POSIX tools. `exec(line)` runs one line (or a script with heredocs) and returns what a
 * terminal would show, split into stdout and stderr.
 */
import { DEFAULT_HOME, DEFAULT_PROJECT_DIR, type DockerEngine } from "./engine/docker-engine.ts";
import { createDockerCommand } from "./cli/docker-command.ts";
import { ShellInterpreter } from "./shell/interpreter.ts";
import { hostCommands } from "./shell/registries.ts";
import { createRegistry, type CommandResult } from "./shell/types.ts";

export interface DockerShellOptions {
  /** Starting directory (default /home/learner/app). */
  cwd?: string;
  /** Extra exported variables, e.g. `{ NPM_TOKEN: "npm_FAKE..." }`. */
  env?: Record<string, string>;
}

export interface DockerShell {
  exec(line: string): Promise<CommandResult>;
  readonly cwd: string;
  /** Exported variables: what `docker run -e NAME` and `--secret id=NAME` read. */
  readonly env: ReadonlyMap<string, string>;
}

export function createDockerShell(engine: DockerEngine, options: DockerShellOptions = {}): DockerShell {
  const registry = createRegistry([...hostCommands(), createDockerCommand(engine)]);
  const shell = new ShellInterpreter({
    fs: engine.host,
    commands: registry,
    flavor: "gnu",
    cwd: options.cwd ?? DEFAULT_PROJECT_DIR,
    env: { HOME: DEFAULT_HOME, USER: "learner", PATH: "/usr/local/bin:/usr/bin:/bin", ...options.env },
  });
  return {
    exec: (line) => shell.run(line),
    get cwd() {
      return shell.cwd;
    },
    get env() {
      return shell.environment;
    },
  };
}

/**
 * A simulated Docker host started from a scenario: files written, swarm initialised,
 * setup commands run, and the CLIs providers add registered beside docker. Plain TypeScript with no DOM, so vitest starts every scenario
 * in Node exactly as the island does in the page.
 */
import { DockerEngine, createDockerShell, type AppRunner, type Clock, type CommandResult, type DockerShell } from "../docker-sim/index.ts";
import type { CliCommand } from "../docker-sim/docker-shell.ts";
import type { TerminalScenario } from "../schemas/terminal-scenario.ts";

export interface TerminalSession {
  readonly engine: DockerEngine;
  readonly shell: DockerShell;
}

/** A setup command that did not exit 0: the scenario is broken, not the learner. */
export class ScenarioSetupError extends Error {
  override name = "ScenarioSetupError";
  constructor(
    readonly command: string,
    readonly result: CommandResult,
  ) {
    super(`setup command failed (exit ${result.exitCode}): ${command}\n${result.stdout}${result.stderr}`.trimEnd());
  }
}

/** Relative host paths in a scenario are relative to its cwd, as they would be in the shell. */
function hostPath(cwd: string, path: string): string {
  return path.startsWith("/") ? path : `${cwd.replace(/\/$/, "")}/${path.replace(/^\.\//, "")}`;
}

export interface TerminalSessionOptions {
  clock?: Clock;
  /** Runs `node app.js` container processes (the page's or Node's TypeScript runtime); none: they just keep running. */
  appRunner?: AppRunner;
  /** More CLIs for the shell besides docker (`aws`, `kubectl`, `vault`...): each provider brings its own. */
  commands?: readonly CliCommand[];
  /** The simulated network `curl` reaches: the page's (the payments API, vaults) or a test's. */
  network?: (request: Request) => Promise<Response>;
}

export async function startTerminalSession(scenario: TerminalScenario, options: TerminalSessionOptions = {}): Promise<TerminalSession> {
  const engine = new DockerEngine({ clock: options.clock, appRunner: options.appRunner });
  engine.host.mkdir(scenario.cwd, { parents: true });
  for (const [path, text] of Object.entries(scenario.files)) engine.host.writeFile(hostPath(scenario.cwd, path), text, { parents: true });
  const shell = createDockerShell(engine, { cwd: scenario.cwd, env: scenario.env, commands: options.commands, network: options.network });
  const setup = scenario.swarm ? ["docker swarm init", ...scenario.setup] : scenario.setup;
  for (const command of setup) {
    const result = await shell.exec(command);
    if (result.exitCode !== 0) throw new ScenarioSetupError(command, result);
  }
  return { engine, shell };
}

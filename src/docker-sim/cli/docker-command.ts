/**
 * The `docker` command: routes `docker <command> [<subcommand>] args` to the subcommands, with
 * the management-command aliases (`docker container ls`, `docker image inspect`...), help text
 * and Docker's "unknown command" wording.
 */
import type { CommandResult, ShellCommand } from "../shell/types.ts";
import type { DockerEngine } from "../engine/docker-engine.ts";
import { helpText, result, runSubcommand, type DockerSubcommand } from "./command.ts";
import { execCommand, logsCommand, psCommand, rmCommand, runCommand, startCommand, stopCommand } from "./commands/container-commands.ts";
import { buildCommand, historyCommand, imageInspectCommand, imagesCommand, pullCommand, rmiCommand, tagCommand } from "./commands/image-commands.ts";
import { inspectCommand } from "./commands/inspect-command.ts";
import {
  secretCreateCommand,
  secretInspectCommand,
  secretLsCommand,
  secretRmCommand,
  serviceCreateCommand,
  serviceInspectCommand,
  serviceLogsCommand,
  serviceLsCommand,
  servicePsCommand,
  serviceRmCommand,
  serviceUpdateCommand,
  swarmInitCommand,
  swarmLeaveCommand,
} from "./commands/swarm-commands.ts";
import { runCompose } from "./commands/compose-commands.ts";

export interface CommandGroup {
  name: string;
  short: string;
  subcommands: Record<string, DockerSubcommand>;
}

const TOP_LEVEL: Record<string, DockerSubcommand> = {
  run: runCommand,
  exec: execCommand,
  ps: psCommand,
  build: buildCommand,
  images: imagesCommand,
  pull: pullCommand,
  inspect: inspectCommand,
  history: historyCommand,
  logs: logsCommand,
  rm: rmCommand,
  rmi: rmiCommand,
  start: startCommand,
  stop: stopCommand,
  tag: tagCommand,
};

export const GROUPS: Record<string, CommandGroup> = {
  container: {
    name: "container",
    short: "Manage containers",
    subcommands: { run: runCommand, exec: execCommand, ls: psCommand, list: psCommand, ps: psCommand, inspect: inspectCommand, logs: logsCommand, rm: rmCommand, remove: rmCommand, start: startCommand, stop: stopCommand },
  },
  image: {
    name: "image",
    short: "Manage images",
    subcommands: { build: buildCommand, ls: imagesCommand, list: imagesCommand, history: historyCommand, inspect: imageInspectCommand, pull: pullCommand, rm: rmiCommand, remove: rmiCommand, tag: tagCommand },
  },
  swarm: { name: "swarm", short: "Manage Swarm", subcommands: { init: swarmInitCommand, leave: swarmLeaveCommand } },
  secret: {
    name: "secret",
    short: "Manage Swarm secrets",
    subcommands: { create: secretCreateCommand, ls: secretLsCommand, list: secretLsCommand, inspect: secretInspectCommand, rm: secretRmCommand, remove: secretRmCommand },
  },
  service: {
    name: "service",
    short: "Manage Swarm services",
    subcommands: {
      create: serviceCreateCommand,
      update: serviceUpdateCommand,
      ls: serviceLsCommand,
      list: serviceLsCommand,
      ps: servicePsCommand,
      inspect: serviceInspectCommand,
      logs: serviceLogsCommand,
      rm: serviceRmCommand,
      remove: serviceRmCommand,
    },
  },
};

const MAIN_HELP = `
Usage:  docker [OPTIONS] COMMAND

A self-sufficient runtime for containers (simulated in your browser for Secrets Lab)

Common Commands:
  run         Create and run a new container from an image
  exec        Execute a command in a running container
  ps          List containers
  build       Build an image from a Dockerfile
  pull        Download an image from a registry
  images      List images
  version     Show the Docker version information

Management Commands:
  compose*    Docker Compose
  container   Manage containers
  image       Manage images

Swarm Commands:
  secret      Manage Swarm secrets
  service     Manage Swarm services
  swarm       Manage Swarm

Commands:
  history     Show the history of an image
  inspect     Return low-level information on Docker objects
  logs        Fetch the logs of a container
  rm          Remove one or more containers
  rmi         Remove one or more images
  start       Start one or more stopped containers
  stop        Stop one or more running containers
  tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE

Run 'docker COMMAND --help' for more information on a command.
`;

function groupHelp(g: CommandGroup): string {
  const seen = new Set<DockerSubcommand>();
  const rows: string[] = [];
  for (const [name, cmd] of Object.entries(g.subcommands)) {
    if (seen.has(cmd)) continue;
    seen.add(cmd);
    rows.push(`  ${name.padEnd(11)} ${cmd.short}`);
  }
  return `\nUsage:  docker ${g.name} COMMAND\n\n${g.short}\n\nCommands:\n${rows.join("\n")}\n\nRun 'docker ${g.name} COMMAND --help' for more information on a command.\n`;
}

const unknown = (words: string): CommandResult => result("", `docker: unknown command: docker ${words}\n\nRun 'docker --help' for more information\n`, 1);

/** The `docker` shell command, bound to an engine. */
export function createDockerCommand(engine: DockerEngine): ShellCommand {
  return {
    name: "docker",
    async execute(args, ctx) {
      const cli = { engine, fs: ctx.fs, cwd: ctx.cwd, env: ctx.env, stdin: ctx.stdin };
      const [first, ...rest] = args;
      if (first === undefined || first === "--help" || first === "-h" || first === "help") return result(MAIN_HELP);
      if (first === "--version" || first === "-v") return result("Docker version 28.0.1, build 068a01e (simulated)\n");
      if (first === "version") {
        return result(
          "Client:\n Version:           28.0.1\n API version:       1.48\n Go version:        go1.23.6\n OS/Arch:           linux/amd64\n Context:           default\n\nServer: Secrets Lab simulated engine\n Engine:\n  Version:          28.0.1\n  API version:      1.48 (minimum version 1.24)\n",
        );
      }
      if (first.startsWith("-")) return result("", `unknown flag: ${first}\n\nUsage:  docker [OPTIONS] COMMAND\n\nRun 'docker --help' for more information\n`, 125);
      if (first === "compose") return runCompose(rest, cli);
      const top = TOP_LEVEL[first];
      if (top) return runSubcommand(top, rest, cli);
      const group = GROUPS[first];
      if (!group) return unknown(first);
      const [sub, ...subArgs] = rest;
      if (sub === undefined || sub === "--help" || sub === "-h") return result(groupHelp(group));
      const cmd = group.subcommands[sub];
      if (!cmd) return unknown(`${first} ${sub}`);
      return runSubcommand(cmd, subArgs, cli);
    },
  };
}

export { helpText };

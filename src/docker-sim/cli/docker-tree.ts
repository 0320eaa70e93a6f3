/**
 * The docker CLI's command tree: every route, every alias and every help listing comes from here
 * (src/lib/cli/command-tree.ts reads it). A command object standing at several places is one
 * command with several names: `docker ps` is `docker container ls`, `docker build` is
 * `docker buildx build`. Declaration order is the order of each command's "Aliases:" line.
 */
import type { TreeNode } from "../../lib/cli/command-tree.ts";
import { result, type DockerSubcommand } from "./command.ts";
import { execCommand, logsCommand, psCommand, rmCommand, runCommand, startCommand, stopCommand } from "./commands/container-commands.ts";
import { buildCommand, historyCommand, imageInspectCommand, imagesCommand, pullCommand, rmiCommand, tagCommand } from "./commands/image-commands.ts";
import { inspectCommand } from "./commands/inspect-command.ts";
import { commitCommand } from "./commands/commit-command.ts";
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
  swarmJoinTokenCommand,
  swarmLeaveCommand,
  nodeLsCommand,
  serviceRollbackCommand,
  serviceScaleCommand,
} from "./commands/swarm-commands.ts";
import { stackDeployCommand, stackLsCommand, stackPsCommand, stackRmCommand, stackServicesCommand } from "./commands/stack-commands.ts";
import { volumeCreateCommand, volumeInspectCommand, volumeLsCommand, volumeRmCommand } from "./commands/volume-commands.ts";
import { configCreateCommand, configInspectCommand, configLsCommand, configRmCommand } from "./commands/config-commands.ts";
import { composeTree } from "./commands/compose-commands.ts";
import { networkCreateCommand, networkInspectCommand, networkLsCommand, networkRmCommand } from "./commands/network-commands.ts";

export type DockerNode = TreeNode<DockerSubcommand>;

const versionCommand: DockerSubcommand = {
  path: "docker version",
  usage: "docker version [OPTIONS]",
  short: "Show the Docker version information",
  args: { max: 0 },
  flags: [],
  run: () =>
    result(
      "Client:\n Version:           28.0.1\n API version:       1.48\n Go version:        go1.23.6\n OS/Arch:           linux/amd64\n Context:           default\n\nServer: Secrets Lab simulated engine\n Engine:\n  Version:          28.0.1\n  API version:      1.48 (minimum version 1.24)\n",
    ),
};

const leaf = (name: string, command: DockerSubcommand, more: Partial<DockerNode> = {}): DockerNode => ({ name, short: command.short, command, ...more });
const common = (order: number): Partial<DockerNode> => ({ category: "Common Commands", order });
const MANAGEMENT = "Management Commands";
const SWARM = "Swarm Commands";

export const dockerTree: DockerNode = {
  name: "docker",
  short: "A self-sufficient runtime for containers (simulated in your browser for Secrets Lab)",
  children: [
    leaf("build", buildCommand, common(4)),
    { name: "builder", short: "Manage builds", category: MANAGEMENT, children: [leaf("build", buildCommand)] },
    {
      name: "container",
      short: "Manage containers",
      category: MANAGEMENT,
      children: [
        leaf("commit", commitCommand),
        leaf("exec", execCommand),
        leaf("inspect", inspectCommand, { short: "Display detailed information on one or more containers" }),
        leaf("logs", logsCommand),
        leaf("ls", psCommand, { aliases: ["list", "ps"] }),
        leaf("rm", rmCommand, { aliases: ["remove"] }),
        leaf("run", runCommand),
        leaf("start", startCommand),
        leaf("stop", stopCommand),
      ],
    },
    {
      name: "image",
      short: "Manage images",
      category: MANAGEMENT,
      children: [
        leaf("build", buildCommand),
        leaf("history", historyCommand),
        leaf("inspect", imageInspectCommand),
        leaf("ls", imagesCommand, { aliases: ["list"] }),
        leaf("pull", pullCommand),
        leaf("rm", rmiCommand, { aliases: ["remove"] }),
        leaf("tag", tagCommand),
      ],
    },
    {
      name: "network",
      short: "Manage networks",
      category: MANAGEMENT,
      children: [
        leaf("create", networkCreateCommand),
        leaf("inspect", networkInspectCommand),
        leaf("ls", networkLsCommand, { aliases: ["list"] }),
        leaf("rm", networkRmCommand, { aliases: ["remove"] }),
      ],
    },
    {
      name: "volume",
      short: "Manage volumes",
      category: MANAGEMENT,
      children: [
        leaf("create", volumeCreateCommand),
        leaf("inspect", volumeInspectCommand),
        leaf("ls", volumeLsCommand, { aliases: ["list"] }),
        leaf("rm", volumeRmCommand, { aliases: ["remove"] }),
      ],
    },
    // buildx's own help names the other places, not `docker buildx build` itself.
    { name: "buildx", short: "Docker Buildx", category: MANAGEMENT, plugin: true, children: [leaf("build", buildCommand, { aliases: ["b"], listed: false })] },
    composeTree,
    {
      name: "stack",
      short: "Manage Swarm stacks",
      category: SWARM,
      children: [
        leaf("deploy", stackDeployCommand, { aliases: ["up"] }),
        leaf("ls", stackLsCommand, { aliases: ["list"] }),
        leaf("ps", stackPsCommand),
        leaf("rm", stackRmCommand, { aliases: ["remove", "down"] }),
        leaf("services", stackServicesCommand),
      ],
    },
    { name: "swarm", short: "Manage Swarm", category: SWARM, children: [leaf("init", swarmInitCommand), leaf("join-token", swarmJoinTokenCommand), leaf("leave", swarmLeaveCommand)] },
    { name: "node", short: "Manage Swarm nodes", category: SWARM, children: [leaf("ls", nodeLsCommand, { aliases: ["list"] })] },
    {
      name: "config",
      short: "Manage Swarm configs",
      category: SWARM,
      children: [leaf("create", configCreateCommand), leaf("inspect", configInspectCommand), leaf("ls", configLsCommand, { aliases: ["list"] }), leaf("rm", configRmCommand, { aliases: ["remove"] })],
    },
    {
      name: "secret",
      short: "Manage Swarm secrets",
      category: SWARM,
      children: [leaf("create", secretCreateCommand), leaf("inspect", secretInspectCommand), leaf("ls", secretLsCommand, { aliases: ["list"] }), leaf("rm", secretRmCommand, { aliases: ["remove"] })],
    },
    {
      name: "service",
      short: "Manage Swarm services",
      category: SWARM,
      children: [
        leaf("create", serviceCreateCommand),
        leaf("inspect", serviceInspectCommand),
        leaf("logs", serviceLogsCommand),
        leaf("ls", serviceLsCommand, { aliases: ["list"] }),
        leaf("ps", servicePsCommand),
        leaf("rm", serviceRmCommand, { aliases: ["remove"] }),
        leaf("rollback", serviceRollbackCommand),
        leaf("scale", serviceScaleCommand),
        leaf("update", serviceUpdateCommand),
      ],
    },
    leaf("run", runCommand, common(1)),
    leaf("exec", execCommand, common(2)),
    leaf("ps", psCommand, common(3)),
    leaf("pull", pullCommand, common(5)),
    leaf("images", imagesCommand, common(6)),
    leaf("version", versionCommand, common(7)),
    leaf("commit", commitCommand),
    leaf("history", historyCommand),
    leaf("inspect", inspectCommand),
    leaf("logs", logsCommand),
    leaf("rm", rmCommand),
    leaf("rmi", rmiCommand),
    leaf("start", startCommand),
    leaf("stop", stopCommand),
    leaf("tag", tagCommand),
  ],
};

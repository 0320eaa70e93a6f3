/**
 * The `docker` command: the words are routed down the command tree (docker-tree.ts), which also
 * gives every `--help` and "Aliases:" line; errors keep Docker's wording ("unknown command",
 * pflag's "unknown flag").
 */
import type { CommandResult, ShellCommand } from "../shell/types.ts";
import type { DockerEngine } from "../engine/docker-engine.ts";
import { aliasPaths, route } from "../../lib/cli/command-tree.ts";
import { groupHelp, helpText, result, runSubcommand } from "./command.ts";
import { runCompose } from "./commands/compose-commands.ts";
import { dockerTree } from "./docker-tree.ts";

const GLOBAL_OPTIONS = `
Global Options:
  -h, --help       Print usage
  -v, --version    Print version information and quit
`;

const unknown = (words: string): CommandResult => result("", `docker: unknown command: docker ${words}\n\nRun 'docker --help' for more information\n`, 1);

/** The `docker` shell command, bound to an engine. */
type DockerResult = CommandResult & { stderrFirst?: boolean };

type ShellContext = Parameters<ShellCommand["execute"]>[1];

export function createDockerCommand(engine: DockerEngine): ShellCommand {
  const command = {
    name: "docker",
    async execute(args: string[], ctx: ShellContext): Promise<CommandResult> {
      const r = await command.run(args, ctx);
      // Output the daemon sent before the command's own (pull progress before `docker run`'s output).
      if (r.stderrFirst && ctx.write) {
        ctx.write("stderr", r.stderr);
        ctx.write("stdout", r.stdout);
        return { stdout: "", stderr: "", exitCode: r.exitCode };
      }
      return r;
    },
    async run(args: readonly string[], ctx: ShellContext): Promise<DockerResult> {
      const cli = { engine, fs: ctx.fs, cwd: ctx.cwd, env: ctx.env, stdin: ctx.stdin };
      const [first, ...rest] = args;
      if (first === undefined || first === "--help" || first === "-h" || first === "help") return result(groupHelp(dockerTree, []).replace(/\nRun 'docker COMMAND/, `${GLOBAL_OPTIONS}\nRun 'docker COMMAND`));
      if (first === "--version" || first === "-v") return result("Docker version 28.0.1, build 068a01e (simulated)\n");
      if (first.startsWith("-")) return result("", `unknown flag: ${first}\n\nUsage:  docker [OPTIONS] COMMAND\n\nRun 'docker --help' for more information\n`, 125);
      if (first === "compose") return runCompose(rest, cli);
      const { node, path, rest: tail } = route(dockerTree, args);
      if (path.length === 0) return unknown(first);
      if (node.command) return runSubcommand(node.command, tail, cli, aliasPaths(dockerTree, node.command));
      const [sub] = tail;
      if (sub === undefined || sub === "--help" || sub === "-h") return result(groupHelp(node, path));
      if (sub.startsWith("-")) return result("", `unknown flag: ${sub}\nSee 'docker ${path.join(" ")} --help'.\n`, 125);
      return unknown(`${path.join(" ")} ${sub}`);
    },
  };
  return command;
}

export { helpText };

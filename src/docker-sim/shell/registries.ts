/** The command sets of the two kinds of shell: the learner's host and a container (or build step). */
import { fail, type ShellCommand } from "./types.ts";
import type { FileSystem } from "../fs/file-system.ts";
import { catCommand, cpCommand, lsCommand, mkdirCommand, rmCommand, statCommand, touchCommand } from "./commands/file-commands.ts";
import { base64Command, echoCommand, grepCommand, headCommand, printfCommand, tailCommand, trCommand, wcCommand } from "./commands/text-commands.ts";
import {
  cdCommand,
  envCommand,
  exportCommand,
  falseCommand,
  hostnameCommand,
  idCommand,
  printenvCommand,
  pwdCommand,
  shCommand,
  trueCommand,
  unsetCommand,
  whoamiCommand,
} from "./commands/env-commands.ts";
import { chmodCommand, chownCommand } from "./commands/permission-commands.ts";
import {
  awkCommand, basenameCommand, cutCommand, dateCommand, dfCommand, dirnameCommand, lnCommand, opensslCommand, sedCommand, seqCommand,
  sleepCommand, sortCommand, teeCommand, uniqCommand, xargsCommand, yesCommand,
} from "./commands/filter-commands.ts";
import { jqCommand } from "./commands/jq.ts";
import { curlCommand } from "./commands/curl.ts";
import { createNpmCommand, nodeCommand, type NpmInstallRecord } from "./commands/npm.ts";

const coreCommands: readonly ShellCommand[] = [
  catCommand, lsCommand, mkdirCommand, rmCommand, cpCommand, touchCommand, statCommand, chmodCommand, chownCommand,
  echoCommand, printfCommand, grepCommand, headCommand, tailCommand, trCommand, wcCommand, base64Command,
  envCommand, printenvCommand, exportCommand, unsetCommand, cdCommand, pwdCommand,
  trueCommand, falseCommand, sleepCommand, shCommand, idCommand, whoamiCommand, hostnameCommand,
  sortCommand, uniqCommand, cutCommand, teeCommand, xargsCommand, basenameCommand, dirnameCommand, seqCommand, yesCommand,
  dateCommand, sedCommand, awkCommand, lnCommand, dfCommand,
];

/** Where an image keeps bash, if it ships one (Debian and Ubuntu based images do; Alpine and BusyBox do not). */
const BASH_PATHS = ["/bin/bash", "/usr/bin/bash"];

/** Whether a container's file system has bash (what `docker exec c bash` needs before it starts anything). */
export function hasBash(fs: FileSystem): boolean {
  return BASH_PATHS.some((p) => fs.stat(p)?.kind === "file");
}

/**
 * `bash` inside a container runs only where the image has it: on Alpine, `sh -c bash` says
 * `sh: bash: not found` (exit 127), as BusyBox's ash does.
 */
export const containerBashCommand: ShellCommand = {
  name: "bash",
  execute(args, ctx) {
    if (!hasBash(ctx.fs)) return fail(`${ctx.flavor === "gnu" ? "bash" : "sh"}: bash: not found`, 127);
    return shCommand.execute(args, ctx);
  },
};

/** Inside an image: BusyBox tools, plus node/npm (node images; harmless elsewhere), and bash where the image has it. */
export function containerCommands(onNpmInstall?: (record: NpmInstallRecord) => void): ShellCommand[] {
  return [...coreCommands, containerBashCommand, createNpmCommand(onNpmInstall), nodeCommand];
}

/** On the learner's host; the `docker` command is added by the CLI. */
export function hostCommands(): ShellCommand[] {
  return [...coreCommands, { ...shCommand, name: "bash" }, opensslCommand, jqCommand, curlCommand];
}

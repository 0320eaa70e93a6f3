/** The command sets of the two kinds of shell: the learner's host and a container (or build step). */
import type { ShellCommand } from "./types.ts";
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
import { createNpmCommand, nodeCommand, type NpmInstallRecord } from "./commands/npm.ts";

const coreCommands: readonly ShellCommand[] = [
  catCommand, lsCommand, mkdirCommand, rmCommand, cpCommand, touchCommand, statCommand, chmodCommand, chownCommand,
  echoCommand, printfCommand, grepCommand, headCommand, tailCommand, trCommand, wcCommand, base64Command,
  envCommand, printenvCommand, exportCommand, unsetCommand, cdCommand, pwdCommand,
  trueCommand, falseCommand, sleepCommand, shCommand, idCommand, whoamiCommand, hostnameCommand,
  sortCommand, uniqCommand, cutCommand, teeCommand, xargsCommand, basenameCommand, dirnameCommand, seqCommand, yesCommand,
  dateCommand, sedCommand, awkCommand, lnCommand, dfCommand,
];

/** Inside an image: BusyBox tools, plus node/npm (node images; harmless elsewhere). */
export function containerCommands(onNpmInstall?: (record: NpmInstallRecord) => void): ShellCommand[] {
  return [...coreCommands, createNpmCommand(onNpmInstall), nodeCommand];
}

/** On the learner's host; the `docker` command is added by the CLI. */
export function hostCommands(): ShellCommand[] {
  return [...coreCommands, { ...shCommand, name: "bash" }, opensslCommand, jqCommand];
}

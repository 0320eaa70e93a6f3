/**
 * How a docker subcommand is declared and run: cobra-like metadata (path, usage, short help,
 * flags, argument counts) plus a `run` function. Argument and flag errors are printed with the
 * docker CLI's wording and exit codes (125 for flag errors, 1 for argument counts and daemon errors).
 */
import type { FileSystem } from "../fs/file-system.ts";
import type { DockerEngine } from "../engine/docker-engine.ts";
import { DaemonError, daemonErrorLine } from "../engine/errors.ts";
import type { CommandResult } from "../shell/types.ts";
import { commandRows, type TreeNode } from "../../lib/cli/command-tree.ts";
import { optionsHelp, parseFlags, type FlagSpec, type ParsedFlags } from "./flags.ts";

export interface DockerCliContext {
  engine: DockerEngine;
  /** The learner's host file system and working directory. */
  fs: FileSystem;
  cwd: string;
  /** The client's environment (exported shell variables): `-e NAME`, `--secret id=NAME`. */
  env: ReadonlyMap<string, string>;
  stdin: string;
}

export interface DockerSubcommand {
  /** Full command path, e.g. "docker secret create". */
  path: string;
  usage: string;
  short: string;
  flags: FlagSpec[];
  /** False for commands whose trailing words belong to a container command (run, exec). */
  interspersed?: boolean;
  args?: { min?: number; max?: number };
  run(parsed: ParsedFlags, ctx: DockerCliContext): Promise<CommandResult> | CommandResult;
}

export const result = (stdout: string, stderr = "", exitCode = 0): CommandResult => ({ stdout, stderr, exitCode });

/** A command's `--help`; `aliases` are every path the command tree routes to it. */
export function helpText(cmd: DockerSubcommand, aliasPaths: readonly string[] = []): string {
  const aliases = aliasPaths.length > 1 || (aliasPaths.length === 1 && aliasPaths[0] !== cmd.path) ? `\nAliases:\n  ${aliasPaths.join(", ")}\n` : "";
  const options = cmd.flags.some((f) => !f.hidden) ? `\nOptions:\n${optionsHelp(cmd.flags)}\n` : "";
  return `\nUsage:  ${cmd.usage}\n\n${cmd.short}\n${aliases}${options}`;
}

function plural(n: number): string {
  return `${n} argument${n === 1 ? "" : "s"}`;
}

function argCountError(cmd: DockerSubcommand, n: number): string | undefined {
  const min = cmd.args?.min ?? 0;
  const max = cmd.args?.max ?? Infinity;
  let what: string | undefined;
  if (min === max && n !== min) what = min === 0 ? "accepts no arguments" : `requires exactly ${plural(min)}`;
  else if (n < min && max === Infinity) what = `requires at least ${plural(min)}`;
  else if ((n < min || n > max) && max !== Infinity) what = max === 0 ? "accepts no arguments" : `requires at least ${min} and at most ${plural(max)}`;
  if (!what) return undefined;
  return `docker: '${cmd.path}' ${what}\n\nUsage:  ${cmd.usage}\n\nSee '${cmd.path} --help' for more information\n`;
}

/** Run a subcommand: flags, argument counts, then the command, with daemon errors framed. */
export async function runSubcommand(cmd: DockerSubcommand, args: readonly string[], ctx: DockerCliContext, aliasPaths: readonly string[] = []): Promise<CommandResult> {
  const parsed = parseFlags(args, cmd.flags, cmd.interspersed ?? true);
  if (!parsed.ok) {
    return result("", `${parsed.error}\n\nUsage:  ${cmd.usage}\n\nRun '${cmd.path} --help' for more information\n`, 125);
  }
  if (parsed.value.help) return result(helpText(cmd, aliasPaths));
  const countError = argCountError(cmd, parsed.value.positionals.length);
  if (countError) return result("", countError, 1);
  try {
    return await cmd.run(parsed.value, ctx);
  } catch (e) {
    if (e instanceof DaemonError) return result("", daemonErrorLine(e), 1);
    throw e;
  }
}

/**
 * Each ref in turn, as docker/cli's multi-object commands do (rm, inspect, secret rm...): a ref
 * the daemon refuses prints its own error line and the others still run.
 */
export async function forEachRef<T>(refs: readonly string[], action: (ref: string) => T | Promise<T>): Promise<{ values: T[]; stderr: string }> {
  const values: T[] = [];
  let stderr = "";
  for (const ref of refs) {
    try {
      values.push(await action(ref));
    } catch (e) {
      if (!(e instanceof DaemonError)) throw e;
      stderr += daemonErrorLine(e);
    }
  }
  return { values, stderr };
}

/** forEachRef for commands that echo each ref they handled (or what `action` returns); exit 1 if any failed. */
export async function eachRefResult(refs: readonly string[], action: (ref: string) => string | void | Promise<string | void>, failureSuffix = ""): Promise<CommandResult> {
  const { values, stderr } = await forEachRef(refs, async (ref) => (await action(ref)) ?? `${ref}\n`);
  return result(values.join(""), stderr ? `${stderr}${failureSuffix}` : "", stderr ? 1 : 0);
}

/** `docker run`'s framing of a daemon error: "docker: Error response from daemon: ..." and the hint. */
export function runDaemonError(path: string, e: DaemonError | string, exitCode = 125, before = ""): CommandResult {
  return result("", `${before}docker: ${daemonErrorLine(e)}\nRun '${path} --help' for more information\n`, exitCode);
}

/** A rendered `--format` listing, or its template error (docker/cli exits 1 for list commands). */
export function rowsResult(r: { ok: true; value: string } | { ok: false; error: string }): CommandResult {
  return r.ok ? result(r.value) : result("", `${r.error}\n`, 1);
}

/** `docker run`-style framing of a daemon error: "docker: Error response from daemon: ..." + hint. */
export function runStyleError(path: string, message: string, exitCode = 125): CommandResult {
  return result("", `docker: ${message}\n\nRun '${path} --help' for more information\n`, exitCode);
}

/** A group's `--help` in cobra's layout, its command list read from the tree. */
export function groupHelp(node: TreeNode<DockerSubcommand>, path: readonly string[], description = node.short): string {
  const full = ["docker", ...path].join(" ");
  const options = node.flags?.length ? `\nOptions:\n${optionsHelp(node.flags)}\n` : "";
  const sections = commandRows(node).map((s) => `\n${s.category}:\n${s.rows.join("\n")}\n`).join("");
  return `\nUsage:  ${full} ${path.length ? "" : "[OPTIONS] "}COMMAND\n\n${description}\n${options}${sections}\nRun '${full} COMMAND --help' for more information on a command.\n`;
}

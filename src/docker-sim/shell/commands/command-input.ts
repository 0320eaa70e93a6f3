/**
 * What text commands share: reading their file arguments (or stdin, or `-`) with each tool's own
 * "tool: file: No such file or directory" line, and splitting text into lines as coreutils does.
 */
import { FsError } from "../../fs/file-system.ts";
import { resolvePath } from "../../fs/path.ts";
import type { CommandContext, CommandResult } from "../types.ts";

export interface NamedInput {
  /** The file as named, or "(standard input)" (grep prints it with several inputs). */
  name: string;
  text: string;
}

/** Each named file (or stdin when there are none), with a message for every one that cannot be read. */
export function readInputs(tool: string, files: string[], ctx: CommandContext): { texts: NamedInput[]; stderr: string } {
  if (files.length === 0) return { texts: [{ name: "(standard input)", text: ctx.stdin }], stderr: "" };
  const texts: NamedInput[] = [];
  let stderr = "";
  for (const f of files) {
    try {
      texts.push({ name: f, text: f === "-" ? ctx.stdin : ctx.fs.readFile(resolvePath(ctx.cwd, f)) });
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      stderr += `${tool}: ${f}: ${e.text}\n`;
    }
  }
  return { texts, stderr };
}

/** Each named file (or stdin) in order, an unreadable one with its message in its place: tools report as they go. */
export function readEach(tool: string, files: string[], ctx: CommandContext): ({ name: string; text: string } | { name: string; error: string })[] {
  if (files.length === 0) return [{ name: "(standard input)", text: ctx.stdin }];
  return files.map((f) => {
    try {
      return { name: f, text: f === "-" ? ctx.stdin : ctx.fs.readFile(resolvePath(ctx.cwd, f)) };
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      return { name: f, error: `${tool}: ${f}: ${e.text}\n` };
    }
  });
}

/** The inputs as one text, as `sort a b` or `sed ... a b` read them. */
export function readJoinedInput(tool: string, files: string[], ctx: CommandContext): { text: string; stderr: string } {
  const { texts, stderr } = readInputs(tool, files, ctx);
  return { text: texts.map((t) => t.text).join(""), stderr };
}

/** Lines without their newlines; a final newline does not make an empty last line. */
export function lines(text: string): string[] {
  if (text === "") return [];
  const ls = text.split("\n");
  if (ls[ls.length - 1] === "") ls.pop();
  return ls;
}

/**
 * The first `n` lines, each with its newline, as `head -n` prints them (a last line without one stays
 * without), reading only as far as it needs: `yes | head` hands it a megabyte, of which it keeps 10 lines.
 */
export function firstLines(text: string, n: number): string {
  let end = 0;
  for (let k = 0; k < n && end < text.length; k++) {
    const newline = text.indexOf("\n", end);
    end = newline === -1 ? text.length : newline + 1;
  }
  const shown = text.slice(0, end);
  return shown === "" || shown.endsWith("\n") ? shown : `${shown}\n`;
}

/**
 * A command's two streams in the order it writes them: `cat a nope b` shows a's text, the error,
 * then b's, as the real tool does. Written through the shell as they happen when it listens
 * (`ctx.write`); otherwise (a container's main process) collected into the result.
 */
export class CommandOutput {
  #stdout = "";
  #stderr = "";
  constructor(private readonly ctx: Pick<CommandContext, "write">) {}
  out(text: string): void {
    if (!text) return;
    if (this.ctx.write) this.ctx.write("stdout", text);
    else this.#stdout += text;
  }
  err(text: string): void {
    if (!text) return;
    if (this.ctx.write) this.ctx.write("stderr", text);
    else this.#stderr += text;
  }
  /** Whether anything went to stderr (most tools then exit non-zero). */
  failed = false;
  error(text: string): void {
    this.failed = true;
    this.err(text);
  }
  result(exitCode: number): CommandResult {
    return { stdout: this.#stdout, stderr: this.#stderr, exitCode };
  }
}

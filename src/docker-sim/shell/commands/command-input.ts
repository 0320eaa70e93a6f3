/**
 * What text commands share: reading their file arguments (or stdin, or `-`) with each tool's own
 * "tool: file: No such file or directory" line, and splitting text into lines as coreutils does.
 */
import { FsError } from "../../fs/file-system.ts";
import { resolvePath } from "../../fs/path.ts";
import type { CommandContext } from "../types.ts";

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

/**
 * `jq [-r] [-j] [-e] [-c] [-n] FILTER [FILE...]` on @jq-tools/jq, a pure-JS jq interpreter (no
 * WASM, no DOM: it runs in Node, the page and a Worker alike). Output formatting and exit codes
 * follow jq 1.7: two-space indented JSON, `-e` exits 1 when the last output is false or null.
 */
import { evaluate, parse } from "@jq-tools/jq";
import { FsError } from "../../fs/file-system.ts";
import { resolvePath } from "../../fs/path.ts";
import { fail, type ShellCommand } from "../types.ts";

/** Parse a stream of JSON texts (jq reads `{"a":1} {"a":2}` as two inputs). */
function parseJsonStream(text: string): unknown[] {
  const values: unknown[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    let end = i;
    let depth = 0;
    let inString = false;
    for (; end < text.length; end++) {
      const c = text[end]!;
      if (inString) {
        if (c === "\\") end++;
        else if (c === '"') inString = false;
        if (!inString && depth === 0) {
          end++;
          break;
        }
        continue;
      }
      if (c === '"') inString = true;
      else if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") {
        depth--;
        if (depth === 0) {
          end++;
          break;
        }
      } else if (depth === 0 && /\s/.test(c)) break;
    }
    values.push(JSON.parse(text.slice(i, end)));
    i = end;
  }
  return values;
}

export const jqCommand: ShellCommand = {
  name: "jq",
  execute(args, ctx) {
    const flags = new Set<string>();
    const rest: string[] = [];
    for (const a of args) {
      if (a === "--raw-output") flags.add("r");
      else if (a === "--join-output") flags.add("j");
      else if (a === "--exit-status") flags.add("e");
      else if (a === "--compact-output") flags.add("c");
      else if (a === "--null-input") flags.add("n");
      else if (/^-[rjecnsM]+$/.test(a)) for (const f of a.slice(1)) flags.add(f);
      else rest.push(a);
    }
    const [filter = ".", ...files] = rest;
    let program;
    try {
      program = parse(filter);
    } catch (e) {
      const msg = e instanceof Error ? e.message.split("\n")[0] : String(e);
      return fail(`jq: error: ${msg}:\n${filter}\njq: 1 compile error`, 3);
    }
    let text = ctx.stdin;
    if (files.length) {
      text = "";
      for (const f of files) {
        try {
          text += ctx.fs.readFile(resolvePath(ctx.cwd, f));
        } catch (e) {
          if (!(e instanceof FsError)) throw e;
          return fail(`jq: error: Could not open ${f}: ${e.text}`, 2);
        }
      }
    }
    let inputs: unknown[];
    try {
      inputs = flags.has("n") ? [null] : parseJsonStream(text);
    } catch (e) {
      return fail(`jq: error (at <stdin>:${text.split("\n").length}): Cannot parse input: ${e instanceof Error ? e.message : String(e)}`, 2);
    }
    const raw = flags.has("r") || flags.has("j");
    const sep = flags.has("j") ? "" : "\n";
    let stdout = "";
    let last: unknown = undefined;
    let any = false;
    try {
      for (const value of evaluate(program, inputs)) {
        any = true;
        last = value;
        stdout += (raw && typeof value === "string" ? value : JSON.stringify(value, null, flags.has("c") ? undefined : 2) ?? "null") + sep;
      }
    } catch (e) {
      return { stdout, stderr: `jq: error (at <stdin>:0): ${e instanceof Error ? e.message : String(e)}\n`, exitCode: 5 };
    }
    const exitCode = flags.has("e") ? (!any ? 4 : last === false || last === null ? 1 : 0) : 0;
    return { stdout, stderr: "", exitCode };
  },
};

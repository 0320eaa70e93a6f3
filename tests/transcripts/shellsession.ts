/**
 * Reads the ```shellsession blocks of a lesson: where each one is, what starting point its
 * `{/* transcript: ... *\/}` comment declares, and the commands and expected output in it.
 *
 *   $ docker secret rm db_password          <- a command ("$ " prompt)
 *   Error response from daemon: ...         <- its expected output
 *   $ docker service update \               <- continued on the next lines, as bash reads it
 *       --secret-rm db_password payments
 *   ...                                     <- any number of lines (output the lesson elides)
 */
export interface SessionStep {
  /** The command as the shell gets it (continuation lines and heredoc bodies included). */
  command: string;
  /** Expected output lines; a line that is exactly `...` stands for any lines. */
  expected: string[];
}

export interface ShellSessionBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The comment's text after `transcript:`, or undefined when the block has none. */
  directive: string | undefined;
  steps: SessionStep[];
}

const FENCE_OPEN = /^```shellsession\s*$/;
const DIRECTIVE = /^\{\/\*\s*transcript:\s*(.*?)\s*\*\/\}\s*$/;
const HEREDOC = /(?<!<)<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/g;

export function shellSessionBlocks(file: string, mdx: string): ShellSessionBlock[] {
  const lines = mdx.split("\n");
  const blocks: ShellSessionBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE_OPEN.test(lines[i]!)) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== "```"; i++) body.push(lines[i]!);
    let prev = start - 1;
    while (prev >= 0 && lines[prev]!.trim() === "") prev--;
    const directive = prev >= 0 ? DIRECTIVE.exec(lines[prev]!)?.[1] : undefined;
    blocks.push({ file, line: start + 1, directive, steps: parseSteps(body) });
  }
  return blocks;
}

function parseSteps(body: string[]): SessionStep[] {
  const steps: SessionStep[] = [];
  for (let i = 0; i < body.length; i++) {
    const line = body[i]!;
    if (!line.startsWith("$ ")) {
      // Output before the first prompt would have no command to come from.
      if (!steps.length) throw new Error(`output before the first "$ " prompt: ${line}`);
      steps.at(-1)!.expected.push(line);
      continue;
    }
    const commandLines = [line.slice(2)];
    while (commandLines.at(-1)!.endsWith("\\") && i + 1 < body.length) commandLines.push(body[++i]!);
    // A heredoc's body is typed at `> ` prompts, so it belongs to the command, not the output.
    for (const m of commandLines.join("\n").matchAll(HEREDOC)) {
      while (i + 1 < body.length && body[++i] !== m[2]) commandLines.push(body[i]!);
      commandLines.push(m[2]!);
    }
    steps.push({ command: commandLines.join("\n"), expected: [] });
  }
  return steps;
}

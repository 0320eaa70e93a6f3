/**
 * Commands the terminal answers itself because they are about the terminal, not the
 * simulated host: `clear`, `history`, `help`. Everything else goes to the Docker shell.
 */
export type Builtin = "clear" | "history" | "help";

const BUILTINS: readonly Builtin[] = ["clear", "history", "help"];

/** The builtin a whole line asks for, if it is just one of those words. */
export function builtinOf(line: string): Builtin | undefined {
  const word = line.trim();
  return BUILTINS.find((b) => b === word);
}

/**
 * The host shell's commands, for Tab completion. The engine keeps its registry private;
 * tests/terminals checks that each of these really runs, so the list cannot rot silently.
 */
export const HOST_COMMANDS: readonly string[] = [
  "base64", "bash", "cat", "cd", "cp", "docker", "echo", "env", "export", "false", "grep", "head", "hostname",
  "id", "ls", "mkdir", "printenv", "printf", "pwd", "rm", "sh", "sleep", "stat", "tail", "touch", "tr", "true",
  "unset", "wc", "whoami",
];

export const PROMPT_COMMANDS: readonly string[] = [...new Set([...HOST_COMMANDS, ...BUILTINS])].sort();

/** `history`, numbered as bash prints it. */
export function formatHistory(entries: readonly string[]): string {
  return entries.map((line, i) => `${String(i + 1).padStart(5)}  ${line}\n`).join("");
}

export const HELP_TEXT = `This is a simulated shell on a simulated Docker host, running in your browser.

  docker ...        the Docker CLI: run, ps, inspect, exec, logs, build, history,
                    images, swarm, secret, service, compose (docker --help lists all)
  ls cat echo env   a few POSIX tools; cat > FILE <<EOF writes a file
  clear, history    clear the screen; list the commands you ran

Keys: Tab completes, Up/Down recall commands, Ctrl+C cancels the line, Ctrl+L clears,
Ctrl+A/E jump to the start/end, Ctrl+U/K delete before/after the cursor.
To leave the terminal with the keyboard, press Esc, then Tab.
`;

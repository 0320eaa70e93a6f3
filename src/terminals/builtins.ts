/**
 * Commands the terminal answers itself because they are about the terminal, not the
 * simulated host: `clear`, `history`, `help`. Everything else goes to the shell.
 */
export type Builtin = "clear" | "history" | "help";

export const TERMINAL_BUILTINS: readonly Builtin[] = ["clear", "history", "help"];

/** The builtin a whole line asks for, if it is just one of those words. */
export function builtinOf(line: string): Builtin | undefined {
  const word = line.trim();
  return TERMINAL_BUILTINS.find((b) => b === word);
}

/** `history`, numbered as bash prints it. */
export function formatHistory(entries: readonly string[]): string {
  return entries.map((line, i) => `${String(i + 1).padStart(5)}  ${line}\n`).join("");
}

export const HELP_TEXT = `This is a simulated shell on a simulated Docker host, running in your browser.

  docker ...        the Docker CLI: run, ps, inspect, exec, logs, build, history,
                    images, swarm, secret, service, compose (docker --help lists all)
  ls cat grep jq    POSIX tools, sed, awk, curl to the simulated hosts, jq; bash's
                    if/for/while/case, functions, $(...) and cat > FILE <<EOF
  clear, history    clear the screen; list the commands you ran

Keys: Tab completes, Up/Down recall commands, Ctrl+C cancels the line, Ctrl+L clears,
Ctrl+A/E jump to the start/end, Ctrl+U/K delete before/after the cursor.
To leave the terminal with the keyboard, press Esc, then Tab.
`;

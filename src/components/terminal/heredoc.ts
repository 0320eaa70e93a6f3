/**
 * Whether a script typed or pasted so far still waits for a heredoc's closing word,
 * so the terminal asks for more lines (`> `) before running it:
 *
 *   cat > Dockerfile <<EOF        <- opens "EOF"
 *   FROM node:22-alpine
 *   EOF                           <- closes it; the whole script runs as one
 *
 * It reads markers the simple way (`<<WORD`, `<<-WORD`, `<<'WORD'`), ignoring quoting
 * context; the shell itself does the real parsing once the script is complete.
 */
const MARKER = /(?<!<)<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/g;

export function awaitsHeredoc(script: string): boolean {
  const pending: { word: string; stripTabs: boolean }[] = [];
  for (const line of script.split("\n")) {
    const open = pending[0];
    if (open) {
      if ((open.stripTabs ? line.replace(/^\t+/, "") : line) === open.word) pending.shift();
      continue;
    }
    for (const m of line.matchAll(MARKER)) pending.push({ word: m[3]!, stripTabs: m[1] === "-" });
  }
  return pending.length > 0;
}

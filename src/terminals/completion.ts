/**
 * Tab completion "where simple": the word before the cursor is split on spaces (no
 * quoting rules) and completed as
 *   - a command name at the start of a command (after nothing, `|`, `;`, `&&`, `||`),
 *   - a docker subcommand or flag after `docker [group]`,
 *   - otherwise a path on the simulated host.
 * One match completes (with a space, or nothing after a directory's `/`); several
 * extend to their common prefix, or are listed when that adds nothing, as bash does.
 */
import type { DockerWords } from "./docker-help.ts";

export interface CompletionSource {
  /** Command names the prompt accepts. */
  commands: readonly string[];
  docker(path: readonly string[]): Promise<DockerWords>;
  /** Entries of a host directory, or undefined if it does not exist. */
  listDir(path: string): { name: string; dir: boolean }[] | undefined;
  cwd: string;
  home: string;
}

export interface Completion {
  text: string;
  cursor: number;
  /** Shown below the prompt when Tab cannot choose. */
  candidates: string[];
}

const SEPARATORS = new Set(["|", "||", "&&", ";"]);

export async function complete(line: string, cursor: number, source: CompletionSource): Promise<Completion> {
  const before = line.slice(0, cursor);
  const wordStart = before.lastIndexOf(" ") + 1;
  const word = before.slice(wordStart);
  // Only the current command's words matter: `cat a | docker ins` completes docker.
  const all = before.slice(0, wordStart).split(" ").filter(Boolean);
  const lastSeparator = all.findLastIndex((w) => SEPARATORS.has(w));
  const words = all.slice(lastSeparator + 1);

  let candidates: string[];
  if (words.length === 0) candidates = source.commands.filter((c) => c.startsWith(word));
  else if (words[0] === "docker") candidates = await dockerCandidates(words.slice(1), word, source);
  else candidates = pathCandidates(word, source);

  const unchanged = { text: line, cursor, candidates: [] };
  if (candidates.length === 0) return unchanged;
  const replace = (replacement: string): Completion => ({
    text: line.slice(0, wordStart) + replacement + line.slice(cursor),
    cursor: wordStart + replacement.length,
    candidates: [],
  });
  if (candidates.length === 1) {
    const only = candidates[0]!;
    const next = line[cursor];
    // A trailing space lets the learner type the next word at once (unless one is already there).
    return replace(only.endsWith("/") || next === " " ? only : `${only} `);
  }
  const prefix = commonPrefix(candidates);
  if (prefix.length > word.length) return replace(prefix);
  return { ...unchanged, candidates: [...candidates].sort() };
}

async function dockerCandidates(args: readonly string[], word: string, source: CompletionSource): Promise<string[]> {
  // Walk the words typed so far down the command tree: `docker secret create` -> ["secret", "create"].
  const path: string[] = [];
  let level = await source.docker(path);
  let positional = false;
  for (const arg of args) {
    if (arg.startsWith("-")) continue;
    if (!positional && level.subcommands.includes(arg)) {
      path.push(arg);
      level = await source.docker(path);
    } else {
      positional = true;
    }
  }
  if (word.startsWith("-")) return level.flags.filter((f) => f.startsWith(word));
  if (!positional && level.subcommands.length > 0) return level.subcommands.filter((s) => s.startsWith(word));
  return pathCandidates(word, source);
}

function pathCandidates(word: string, source: CompletionSource): string[] {
  const slash = word.lastIndexOf("/");
  const dirPart = word.slice(0, slash + 1);
  const base = word.slice(slash + 1);
  let dir: string;
  if (dirPart.startsWith("/")) dir = dirPart;
  else if (dirPart.startsWith("~/")) dir = source.home + dirPart.slice(1);
  else dir = `${source.cwd.replace(/\/$/, "")}/${dirPart}`;
  const entries = source.listDir(dir.length > 1 ? dir.replace(/\/$/, "") : dir) ?? [];
  return entries
    .filter((e) => e.name.startsWith(base) && (base.startsWith(".") || !e.name.startsWith(".")))
    .map((e) => `${dirPart}${e.name}${e.dir ? "/" : ""}`);
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? "";
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

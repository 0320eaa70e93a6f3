/** Tab completion's words for `docker <path...>`, from the same tree that routes and prints help. */
import { completionWords } from "../../lib/cli/command-tree.ts";
import { dockerTree } from "./docker-tree.ts";

export function dockerCompletionWords(path: readonly string[]): { subcommands: string[]; flags: string[]; valueFlags: string[] } {
  const words = completionWords(dockerTree, path);
  // `docker --version` works at the top level, where no command declares it.
  if (path.length === 0) words.flags.push("--version");
  return words;
}

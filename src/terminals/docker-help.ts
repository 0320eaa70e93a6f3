/**
 * What `docker` accepts at each level, for Tab completion: read from the simulated CLI's command
 * tree (the one that routes and prints `--help`), so completion offers exactly what runs.
 */
import { dockerCompletionWords } from "../docker-sim/index.ts";

export interface DockerWords {
  subcommands: string[];
  flags: string[];
}

/** Looks up the words for `docker <path...>`. */
export class DockerHelpIndex {
  words(path: readonly string[]): Promise<DockerWords> {
    const { subcommands, flags } = dockerCompletionWords(path);
    return Promise.resolve({ subcommands, flags });
  }
}

/**
 * What `docker` accepts at each level, read from the simulated CLI's own `--help`
 * (run on a scratch engine, never the learner's), so Tab completion offers exactly the
 * commands and flags the engine implements and cannot drift from it.
 *
 *   Commands:                              Options:
 *     create      Create a secret ...        -e, --env list     Set environment variables
 */
import { DockerEngine, createDockerShell, type DockerShell } from "../../docker-sim/index";

export interface DockerWords {
  subcommands: string[];
  flags: string[];
}

const COMMAND_LINE = /^ {2}([a-z][a-z0-9-]*)\*?\s{2,}\S/;
const OPTION_LINE = /^\s+(?:-([A-Za-z]), )?--([a-z0-9-]+)/;

/** Parses one `--help` text into the words it lists. */
export function parseDockerHelp(help: string): DockerWords {
  const subcommands: string[] = [];
  const flags: string[] = [];
  let section = "";
  for (const line of help.split("\n")) {
    if (/^\S.*:$/.test(line)) {
      section = line;
      continue;
    }
    if (/Commands:$/.test(section)) {
      const m = COMMAND_LINE.exec(line);
      if (m) subcommands.push(m[1]!);
    } else if (section === "Options:") {
      const m = OPTION_LINE.exec(line);
      if (m) flags.push(`--${m[2]}`, ...(m[1] ? [`-${m[1]}`] : []));
    }
  }
  flags.push("--help");
  return { subcommands: [...new Set(subcommands)], flags: [...new Set(flags)] };
}

/** Looks up (and caches) the words for `docker <path...>`; one scratch engine per page. */
export class DockerHelpIndex {
  #shell: DockerShell | undefined;
  readonly #cache = new Map<string, Promise<DockerWords>>();

  words(path: readonly string[]): Promise<DockerWords> {
    const key = path.join(" ");
    let words = this.#cache.get(key);
    if (!words) {
      this.#shell ??= createDockerShell(new DockerEngine({ pulledImages: [] }));
      words = this.#shell.exec(`docker ${key} --help`.replace(/\s+/g, " ")).then((r) => {
        const parsed = parseDockerHelp(r.exitCode === 0 ? r.stdout : "");
        // Top-level `docker --help` lists no Options section, but these two work.
        if (path.length === 0) parsed.flags.push("--version");
        return parsed;
      });
      this.#cache.set(key, words);
    }
    return words;
  }
}

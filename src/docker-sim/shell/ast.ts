/**
 * The shell's syntax tree. Grammar (a small POSIX subset, enough for lessons and RUN lines):
 *
 *   script    := and_or ((';' | '&' | NEWLINE) and_or)*
 *   and_or    := pipeline (('&&' | '||') pipeline)*
 *   pipeline  := ['!'] command ('|' command)*
 *   command   := (ASSIGNMENT | WORD | redirect)+
 *   redirect  := [fd] ('>' | '>>' | '<') WORD | [fd] '>&' fd | '<<' DELIM (heredoc)
 */

/** A piece of a word; `quoted` parts are neither field-split nor globbed. */
export type WordPart =
  | { kind: "text"; value: string; quoted: boolean }
  | { kind: "var"; name: string; quoted: boolean }
  | { kind: "subst"; source: string; quoted: boolean };

export interface Word {
  parts: WordPart[];
}

export interface Redirect {
  fd: number;
  op: ">" | ">>" | "<" | ">&" | "<<";
  target?: Word;
  /** For `>&`: the descriptor written to (2>&1 -> 1). */
  dupTo?: number;
  heredoc?: { body: string; expand: boolean };
}

export interface SimpleCommand {
  assignments: { name: string; value: Word }[];
  words: Word[];
  redirects: Redirect[];
}

export interface Pipeline {
  negate: boolean;
  commands: SimpleCommand[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: "&&" | "||"; pipeline: Pipeline }[];
}

export interface Script {
  items: AndOr[];
}

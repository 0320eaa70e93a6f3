/**
 * The shell's syntax tree. Grammar (the POSIX shell plus the bash pieces lessons and vendor docs use):
 *
 *   list       := and_or ((';' | '&' | NEWLINE) and_or)*
 *   and_or     := pipeline (('&&' | '||') NEWLINE* pipeline)*
 *   pipeline   := ['!'] command ('|' NEWLINE* command)*
 *   command    := simple | compound redirect* | function_def
 *   simple     := (ASSIGNMENT | WORD | redirect)+
 *   compound   := '{' list '}' | '(' list ')' | if | for | while | until | case | '((' arith '))' | '[[' test ']]'
 *   if         := 'if' list 'then' list ('elif' list 'then' list)* ['else' list] 'fi'
 *   for        := 'for' NAME ['in' WORD*] (';' | NEWLINE) 'do' list 'done'
 *   case       := 'case' WORD 'in' (['('] pattern ('|' pattern)* ')' list (';;' | ';&' | ';;&'))* 'esac'
 *   function_def := NAME '(' ')' compound | 'function' NAME ['(' ')'] compound
 *   redirect   := [fd] ('>' | '>>' | '<' | '&>' | '&>>') WORD | [fd] ('>&' | '<&') fd | '<<' DELIM | '<<<' WORD
 */

/** `${name<op>arg}`: the operators of parameter expansion. */
export type ParamOp = ":-" | "-" | ":=" | "=" | ":?" | "?" | ":+" | "+" | "#" | "##" | "%" | "%%" | "/" | "//" | "length" | "substring";

/** A piece of a word; `quoted` parts are neither field-split nor globbed. */
export type WordPart =
  | { kind: "text"; value: string; quoted: boolean }
  | { kind: "var"; name: string; quoted: boolean; op?: ParamOp; arg?: Word; arg2?: Word }
  | { kind: "subst"; source: string; quoted: boolean }
  | { kind: "arith"; source: string; quoted: boolean }
  /** `~` or `~user` at the start of a word (or after `=`/`:` in an assignment). */
  | { kind: "tilde"; user: string };

export interface Word {
  parts: WordPart[];
}

export interface Redirect {
  fd: number;
  /** `&>` and `&>>` set `both`: stdout and stderr go to the target. */
  op: ">" | ">>" | "<" | ">&" | "<&" | "<<" | "<<<";
  both?: boolean;
  target?: Word;
  /** For `>&`: the descriptor written to (2>&1 -> 1). */
  dupTo?: number;
  heredoc?: { body: string; expand: boolean };
}

export interface SimpleCommand {
  type: "simple";
  assignments: { name: string; value: Word }[];
  words: Word[];
  redirects: Redirect[];
}

export interface IfClause {
  type: "if";
  branches: { condition: List; body: List }[];
  otherwise?: List;
  redirects: Redirect[];
}

export interface ForClause {
  type: "for";
  name: string;
  /** Absent: `for x; do` iterates over "$@". */
  items?: Word[];
  body: List;
  redirects: Redirect[];
}

export interface LoopClause {
  type: "while" | "until";
  condition: List;
  body: List;
  redirects: Redirect[];
}

export interface CaseClause {
  type: "case";
  subject: Word;
  arms: { patterns: Word[]; body: List; fallthrough: ";;" | ";&" | ";;&" }[];
  redirects: Redirect[];
}

export interface GroupCommand {
  type: "group" | "subshell";
  body: List;
  redirects: Redirect[];
}

export interface ArithCommand {
  type: "arith";
  source: string;
  redirects: Redirect[];
}

/** `[[ ... ]]`: the words between the brackets, expanded without splitting or globbing. */
export type TestExpr =
  | { kind: "and" | "or"; left: TestExpr; right: TestExpr }
  | { kind: "not"; expr: TestExpr }
  | { kind: "unary"; op: string; operand: Word }
  | { kind: "binary"; op: string; left: Word; right: Word }
  | { kind: "word"; word: Word };

export interface CondCommand {
  type: "cond";
  expr: TestExpr;
  redirects: Redirect[];
}

export interface FunctionDef {
  type: "function";
  name: string;
  body: Command;
}

export type Command = SimpleCommand | IfClause | ForClause | LoopClause | CaseClause | GroupCommand | ArithCommand | CondCommand | FunctionDef;

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: "&&" | "||"; pipeline: Pipeline }[];
  /** Ended with `&`: a background job (run to completion here, as a model). */
  background?: boolean;
}

export interface List {
  items: AndOr[];
}

/** A whole script is a list. */
export type Script = List;

/**
 * One command tree per CLI: routing, `--help`, the "Aliases:" a command lists and tab completion
 * are all read from it, so none of them can name a command that does not route.
 *
 *   const tree: TreeNode<MyCommand> = { name: "docker", short: "...", children: [
 *     { name: "container", short: "Manage containers", category: "Management Commands", children: [
 *       { name: "ls", aliases: ["list", "ps"], short: "List containers", command: psCommand } ] },
 *     { name: "ps", short: "List containers", category: "Common Commands", command: psCommand },
 *   ] };
 *   route(tree, ["container", "list", "-a"])   // { node: <ls>, path: ["container", "ls"], rest: ["-a"] }
 *   aliasPaths(tree, psCommand)               // ["docker container ls", "docker container list", "docker container ps", "docker ps"]
 *   groupHelp(tree, route(tree, ["container"]).node!, ["container"])   // cobra's layout
 *   completionWords(tree, ["container"])       // { subcommands: ["ls", "list", "ps"], flags: [...] }
 *
 * The same command object may stand at several places (a shortcut such as `docker ps`); every place
 * is one of its aliases, in the tree's declaration order, except places marked `listed: false`.
 * The CLI keeps its own framing of errors (each tool words them differently); this module only
 * says what the words mean.
 */
import type { FlagSpec } from "./flags.ts";

export interface CommandLike {
  flags: readonly FlagSpec[];
}

export interface TreeNode<C extends CommandLike> {
  name: string;
  /** Other names at the same level (`ls` -> `list`, `ps`). */
  aliases?: readonly string[];
  short: string;
  /** The help section this entry is listed under in its parent ("Management Commands"). */
  category?: string;
  /** Listed with a `*` in its parent's help, as docker marks CLI plugins. */
  plugin?: boolean;
  /** Position within its category in the parent's help; categories without it sort by name. */
  order?: number;
  /** Routes, but is not listed in the parent's help. */
  hidden?: boolean;
  /** False: this place routes but is not named in the command's "Aliases:" line. */
  listed?: boolean;
  /** A leaf runs a command; a group has children. */
  command?: C;
  children?: readonly TreeNode<C>[];
  /** Flags a group itself accepts before its subcommand (`docker compose -f x.yaml up`). */
  flags?: readonly FlagSpec[];
}

export interface Route<C extends CommandLike> {
  /** The deepest node the words reached. */
  node: TreeNode<C>;
  /** Canonical names from the root to `node` (aliases resolved). */
  path: string[];
  /** The words after `node`'s name. */
  rest: string[];
}

export function findChild<C extends CommandLike>(node: TreeNode<C>, word: string): TreeNode<C> | undefined {
  return node.children?.find((c) => c.name === word || c.aliases?.includes(word));
}

/** Walk the words down the tree until a leaf, a flag or a word that names no child. */
export function route<C extends CommandLike>(root: TreeNode<C>, words: readonly string[]): Route<C> {
  let node = root;
  const path: string[] = [];
  let i = 0;
  while (node.children && i < words.length) {
    const next = findChild(node, words[i]!);
    if (!next) break;
    node = next;
    path.push(next.name);
    i++;
  }
  return { node, path, rest: words.slice(i) };
}

/** Every full path that routes to `command`, in declaration order (the "Aliases:" line). */
export function aliasPaths<C extends CommandLike>(root: TreeNode<C>, command: C): string[] {
  const out: string[] = [];
  const walk = (node: TreeNode<C>, prefix: string): void => {
    for (const child of node.children ?? []) {
      if (child.command === command && child.listed !== false) for (const n of [child.name, ...(child.aliases ?? [])]) out.push(`${prefix} ${n}`);
      else if (child.command === command) for (const n of child.aliases ?? []) out.push(`${prefix} ${n}`);
      if (child.children) walk(child, `${prefix} ${child.name}`);
    }
  };
  walk(root, root.name);
  return out;
}

/** The rows of a group's help: per category, by `order`, else by name as cobra sorts. */
export function commandRows<C extends CommandLike>(node: TreeNode<C>): { category: string; rows: string[] }[] {
  const sections = new Map<string, TreeNode<C>[]>();
  for (const c of node.children ?? []) {
    if (c.hidden) continue;
    const cat = c.category ?? "Commands";
    sections.set(cat, [...(sections.get(cat) ?? []), c]);
  }
  const width = Math.max(11, ...[...sections.values()].flat().map((c) => c.name.length + (c.plugin ? 1 : 0) + 1));
  return [...sections].map(([category, list]) => ({
    category,
    rows: [...list].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.name.localeCompare(b.name)).map((c) => `  ${`${c.name}${c.plugin ? "*" : ""}`.padEnd(width)} ${c.short}`),
  }));
}

/** What Tab may offer after the words of `path`: subcommand names (aliases too) and flags. */
export function completionWords<C extends CommandLike>(root: TreeNode<C>, path: readonly string[]): { subcommands: string[]; flags: string[]; valueFlags: string[] } {
  const { node, rest } = route(root, path);
  if (rest.length) return { subcommands: [], flags: [], valueFlags: [] };
  const subcommands = (node.children ?? []).filter((c) => !c.hidden).flatMap((c) => [c.name, ...(c.aliases ?? [])]);
  const specs = [...(node.flags ?? []), ...(node.command?.flags ?? [])].filter((f) => !f.hidden);
  const flags = [...new Set([...specs.flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]), "--help"])];
  const valueFlags = specs.filter((f) => f.kind !== "bool").flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]);
  return { subcommands: [...new Set(subcommands)], flags, valueFlags };
}

/**
 * Dockerfile parser. Reads parser directives (`# syntax=`, `# escape=`, `# check=`), drops comments,
 * joins line continuations, and splits each instruction into flags (`--mount=...`) and arguments.
 * Errors name the line the way BuildKit does: "dockerfile parse error on line 3: ...".
 */

export const KNOWN_INSTRUCTIONS = ["ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"] as const;
export type InstructionKeyword = (typeof KNOWN_INSTRUCTIONS)[number];

export interface DockerfileInstruction {
  keyword: InstructionKeyword;
  /** 1-based line where the instruction starts and ends (continuations included). */
  line: number;
  endLine: number;
  /** `--name=value` flags before the arguments, in order. */
  flags: { name: string; value: string }[];
  /** The arguments after the flags, continuations joined. */
  args: string;
  /** Exec form (`["node", "app.js"]`) when the arguments are a JSON string array. */
  json: string[] | undefined;
  /** Instruction as written, continuations joined: what build progress shows. */
  original: string;
}

export interface ParsedDockerfile {
  directives: Record<string, string>;
  instructions: DockerfileInstruction[];
  /** Source lines, for BuildKit's error excerpt. */
  lines: string[];
}

export class DockerfileParseError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.name = "DockerfileParseError";
    this.line = line;
  }
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      dp[i]![j] = Math.min(dp[i - 1]![j]! + 1, dp[i]![j - 1]! + 1, dp[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return dp[a.length]![b.length]!;
}

function suggestion(word: string): string {
  const upper = word.toUpperCase();
  let best: string | undefined;
  let bestDist = 3;
  for (const k of KNOWN_INSTRUCTIONS) {
    const d = editDistance(upper, k);
    if (d < bestDist) {
      best = k;
      bestDist = d;
    }
  }
  return best ? ` (did you mean ${best.toLowerCase() === word ? best.toLowerCase() : best}?)` : "";
}

function parseJsonArray(text: string): string[] | undefined {
  const t = text.trim();
  if (!t.startsWith("[")) return undefined;
  try {
    const v: unknown = JSON.parse(t);
    if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v as string[];
  } catch {
    // Not JSON: BuildKit falls back to shell form.
  }
  return undefined;
}

export function parseDockerfile(source: string): ParsedDockerfile {
  const lines = source.replace(/\r\n/g, "\n").split("\n");
  const directives: Record<string, string> = {};
  let i = 0;
  // Directives only count at the very top, before any blank line, comment or instruction.
  for (; i < lines.length; i++) {
    const m = /^\s*#\s*([a-zA-Z][a-zA-Z0-9_-]*)\s*=\s*(.*?)\s*$/.exec(lines[i]!);
    if (!m || m[1]!.toLowerCase() in directives) break;
    directives[m[1]!.toLowerCase()] = m[2]!;
  }
  const escape = directives.escape === "`" ? "`" : "\\";
  const instructions: DockerfileInstruction[] = [];

  for (; i < lines.length; i++) {
    const raw = lines[i]!;
    if (/^\s*$/.test(raw) || /^\s*#/.test(raw)) continue;
    const start = i;
    let text = raw.trim();
    while (text.endsWith(escape) && i + 1 < lines.length) {
      text = text.slice(0, -1);
      i++;
      // Comment lines and empty lines inside a continuation are skipped.
      while (i < lines.length && (/^\s*#/.test(lines[i]!) || /^\s*$/.test(lines[i]!)) && i + 1 < lines.length) i++;
      // Leading blanks of the continued line are kept: history shows "node     && adduser".
      text += lines[i]!.trimEnd();
    }
    if (text.endsWith(escape)) text = text.slice(0, -1).trimEnd();
    const m = /^(\S+)\s*([\s\S]*)$/.exec(text);
    if (!m) continue;
    const word = m[1]!;
    const keyword = word.toUpperCase() as InstructionKeyword;
    if (!(KNOWN_INSTRUCTIONS as readonly string[]).includes(keyword)) {
      throw new DockerfileParseError(start + 1, `unknown instruction: ${word}${suggestion(word)}`);
    }
    let rest = m[2]!;
    const flags: { name: string; value: string }[] = [];
    for (;;) {
      const f = /^--([a-zA-Z-]+)(?:=(\S*))?\s*/.exec(rest);
      if (!f) break;
      flags.push({ name: f[1]!, value: f[2] ?? "" });
      rest = rest.slice(f[0].length);
    }
    instructions.push({ keyword, line: start + 1, endLine: i + 1, flags, args: rest.trim(), json: parseJsonArray(rest), original: `${keyword} ${m[2]!.trim()}`.trim() });
  }
  if (instructions.length === 0) throw new DockerfileParseError(0, "the Dockerfile cannot be empty");
  return { directives, instructions, lines };
}

/** Split `KEY=value KEY2="a b"` pairs (ENV, LABEL, ARG), honouring quotes and backslashes. */
export function splitKeyValues(text: string): { key: string; value: string | undefined }[] {
  const out: { key: string; value: string | undefined }[] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === " " || text[i] === "\t") i++;
    if (i >= text.length) break;
    let token = "";
    let hasEq = false;
    while (i < text.length && text[i] !== " " && text[i] !== "\t") {
      const c = text[i]!;
      if (c === "=" && !hasEq) {
        hasEq = true;
        token += "\u0000";
        i++;
        continue;
      }
      if (c === '"' || c === "'") {
        const end = text.indexOf(c, i + 1);
        const stop = end === -1 ? text.length : end;
        token += c === '"' ? text.slice(i + 1, stop).replace(/\\(["\\$])/g, "$1") : text.slice(i + 1, stop);
        i = stop + 1;
        continue;
      }
      if (c === "\\" && i + 1 < text.length) {
        token += text[i + 1];
        i += 2;
        continue;
      }
      token += c;
      i++;
    }
    const [key, value] = token.split("\u0000");
    out.push({ key: key!, value: hasEq ? (value ?? "") : undefined });
  }
  return out;
}

/** BuildKit's word expansion for ENV/ARG/WORKDIR/COPY/FROM: `$X`, `${X}`, `${X:-default}`, `${X:+alt}`. */
export function expandBuildWord(text: string, lookup: (name: string) => string | undefined): string {
  return text.replace(/\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    if (m === "\\$") return "$";
    const name = braced ?? bare!;
    const v = lookup(name);
    if (op === "-") return v ? v : (word ?? "");
    if (op === "+") return v ? (word ?? "") : "";
    return v ?? "";
  });
}

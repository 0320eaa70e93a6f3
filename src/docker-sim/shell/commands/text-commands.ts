/** Output and filter commands: echo, printf, grep, head, tail, tr, wc, base64. */
import { fail, ok, type ShellCommand } from "../types.ts";
import { CommandOutput, firstLines, lines, readEach, readInputs } from "./command-input.ts";
import { resolvePath } from "../../fs/path.ts";

function unescape(s: string): string {
  return s.replace(/\\(0[0-7]{0,3}|[nt\\ar]|x[0-9a-fA-F]{1,2})/g, (_, e: string) => {
    if (e === "n") return "\n";
    if (e === "t") return "\t";
    if (e === "r") return "\r";
    if (e === "a") return "\u0007";
    if (e === "\\") return "\\";
    if (e.startsWith("x")) return String.fromCharCode(parseInt(e.slice(1), 16));
    return String.fromCharCode(parseInt(e.slice(1) || "0", 8));
  });
}

export const echoCommand: ShellCommand = {
  name: "echo",
  execute(args) {
    let newline = true;
    let escapes = false;
    let i = 0;
    while (i < args.length && /^-[neE]+$/.test(args[i]!)) {
      if (args[i]!.includes("n")) newline = false;
      if (args[i]!.includes("e")) escapes = true;
      i++;
    }
    const text = args.slice(i).join(" ");
    return ok(`${escapes ? unescape(text) : text}${newline ? "\n" : ""}`);
  },
};

export const printfCommand: ShellCommand = {
  name: "printf",
  execute(args) {
    if (args.length === 0) return fail("printf: usage: printf [-v var] format [arguments]", 2);
    const format = args[0]!;
    const rest = args.slice(1);
    let out = "";
    let idx = 0;
    // The format is reused until the arguments run out, as printf(1) does.
    do {
      out += format.replace(/%([-+ 0#]*)([0-9]*)(?:\.([0-9]*))?([sdibqxXoc%])|\\(0[0-7]{0,3}|[nt\\ar]|x[0-9a-fA-F]{1,2})/g, (m, flags: string, width: string, precision: string | undefined, conv: string | undefined) => {
        if (!conv) return unescape(m);
        if (conv === "%") return "%";
        const arg = rest[idx++] ?? "";
        let text: string;
        if (conv === "d" || conv === "i" || conv === "x" || conv === "X" || conv === "o") {
          const n = /^[-+]?0x/i.test(arg) ? parseInt(arg, 16) : parseInt(arg, 10) || 0;
          text = conv === "x" ? n.toString(16) : conv === "X" ? n.toString(16).toUpperCase() : conv === "o" ? n.toString(8) : String(n);
          if (precision !== undefined) text = text.padStart(Number(precision), "0");
          if (flags.includes("+") && n >= 0) text = `+${text}`;
        } else {
          text = conv === "b" ? unescape(arg) : conv === "q" ? (arg === "" ? "''" : arg.replace(/[^A-Za-z0-9_./=:,+@%-]/g, "\\$&")) : conv === "c" ? arg.slice(0, 1) : arg;
          if (precision !== undefined) text = text.slice(0, Number(precision));
        }
        // Width pads on the left (right with -), with zeros for numbers under the 0 flag.
        const w = Number(width || 0);
        if (text.length < w) text = flags.includes("-") ? text.padEnd(w) : flags.includes("0") && /[dixXo]/.test(conv) ? text.replace(/^([+-]?)/, (sign) => sign + "0".repeat(w - text.length)) : text.padStart(w);
        return text;
      });
    } while (idx > 0 && idx < rest.length);
    return ok(out);
  },
};

/** grep's options: short flags (grouped, as in `-in`), `-e PATTERN`, and context lengths. */
function grepOptions(args: string[]): { flags: Set<string>; pattern: string | undefined; files: string[]; after: number; before: number; badContext?: string } {
  const flags = new Set<string>();
  let pattern: string | undefined;
  const files: string[] = [];
  let after = 0;
  let before = 0;
  let badContext: string | undefined;
  const context = (which: string, value: string | undefined): void => {
    if (value === undefined || !/^[0-9]+$/.test(value)) {
      badContext ??= value ?? "";
      return;
    }
    const n = Number(value);
    if (which !== "B") after = n;
    if (which !== "A") before = n;
  };
  const long: Record<string, string> = { "after-context": "A", "before-context": "B", context: "C" };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const longMatch = /^--(after-context|before-context|context)(?:=(.*))?$/.exec(a);
    if (longMatch) {
      context(long[longMatch[1]!]!, longMatch[2] ?? args[++i]);
      continue;
    }
    if (a === "-e") {
      pattern = args[++i];
      continue;
    }
    if (/^-[0-9]+$/.test(a)) {
      // `-2` is `-C 2`.
      context("C", a.slice(1));
      continue;
    }
    if (/^-[a-zA-Z][a-zA-Z0-9]*$/.test(a)) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c === "A" || c === "B" || c === "C") {
          // The number is the rest of the word, or the next word: -A2, -A 2, -nA2.
          const rest = a.slice(j + 1);
          context(c, rest || args[++i]);
          break;
        }
        flags.add(c);
      }
      continue;
    }
    if (pattern === undefined) pattern = a;
    else files.push(a);
  }
  return { flags, pattern, files, after, before, badContext };
}

export const grepCommand: ShellCommand = {
  name: "grep",
  execute(args, ctx) {
    const { flags, pattern, files, after, before, badContext } = grepOptions(args);
    if (badContext !== undefined) return fail(`grep: ${badContext}: invalid context length argument`, 2);
    if (pattern === undefined) return fail("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.", 2);
    const source = flags.has("F") ? pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : pattern.replace(/\\\|/g, "|");
    let re: RegExp;
    try {
      re = new RegExp(source, flags.has("i") ? "i" : "");
    } catch {
      return fail("grep: Unmatched ( or \\(", 2);
    }
    const inputs = readEach("grep", files, ctx);
    const out = new CommandOutput(ctx);
    // File names prefix the lines when several files are named, readable or not, as GNU grep does.
    const several = files.length > 1;
    const listing = flags.has("c") || flags.has("q") || flags.has("l");
    let stdout = "";
    let matched = 0;
    // Context groups are separated by `--`, also across files; the first group has none before it.
    let lastPrinted: { file: string; line: number } | undefined;
    for (const input of inputs) {
      if ("error" in input) {
        // Reported in its place among the matches (what came before is written first).
        if (!flags.has("q")) out.out(stdout);
        stdout = "";
        out.error(input.error);
        continue;
      }
      const { name, text } = input;
      let count = 0;
      const all = lines(text);
      // Matching lines use `:` after the file name and line number, context lines `-`, as GNU grep.
      const print = (n: number, sep: ":" | "-", body: string): void => {
        if (lastPrinted && (after || before) && (lastPrinted.file !== name || n > lastPrinted.line + 1)) stdout += "--\n";
        stdout += `${several ? `${name}${sep}` : ""}${flags.has("n") ? `${n + 1}${sep}` : ""}${body}\n`;
        lastPrinted = { file: name, line: n };
      };
      let afterLeft = 0;
      all.forEach((line, n) => {
        const hit = re.test(line) !== flags.has("v");
        if (!hit) {
          if (!listing && afterLeft > 0) {
            print(n, "-", line);
            afterLeft--;
          }
          return;
        }
        count++;
        if (listing) return;
        const from = Math.max(0, n - before, lastPrinted?.file === name ? lastPrinted.line + 1 : 0);
        for (let k = from; k < n; k++) print(k, "-", all[k]!);
        if (flags.has("o")) {
          for (const m of line.matchAll(new RegExp(re.source, `g${re.flags}`))) print(n, ":", m[0]);
        } else print(n, ":", line);
        afterLeft = after;
      });
      matched += count;
      if (flags.has("c")) stdout += `${several ? `${name}:` : ""}${count}\n`;
      if (flags.has("l") && count) stdout += `${name}\n`;
    }
    if (!flags.has("q")) out.out(stdout);
    // -q: a match is success even when another file could not be read.
    return out.result(flags.has("q") && matched ? 0 : out.failed ? 2 : matched ? 0 : 1);
  },
};

/** head/tail's count: `-n N`, `-nN`, `-N`, `-c N` (bytes), `+N` for tail's "from line N"; `-f` follows. */
function countOption(args: string[]): { n: number; bytes: boolean; fromStart: boolean; follow: boolean; files: string[]; bad?: string } {
  let n = 10;
  let bytes = false;
  let fromStart = false;
  let follow = false;
  let bad: string | undefined;
  const files: string[] = [];
  const count = (v: string | undefined): void => {
    const m = /^([+-]?)([0-9]+)$/.exec(v ?? "");
    if (!m) {
      bad ??= v ?? "";
      return;
    }
    fromStart = m[1] === "+";
    n = Number(m[2]);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-n" || a === "--lines") count(args[++i]);
    else if (a === "-c" || a === "--bytes") {
      bytes = true;
      count(args[++i]);
    } else if (/^-n[+-]?[0-9]+$/.test(a)) count(a.slice(2));
    else if (/^-c[+-]?[0-9]+$/.test(a)) {
      bytes = true;
      count(a.slice(2));
    } else if (/^-[0-9]+$/.test(a)) count(a.slice(1));
    else if (a === "-f" || a === "-F" || a === "--follow") follow = true;
    else if (a === "-q" || a === "-s") i += a === "-s" ? 1 : 0;
    else files.push(a);
  }
  return { n, bytes, fromStart, follow, files, bad };
}

export const headCommand: ShellCommand = {
  name: "head",
  execute(args, ctx) {
    const { n, bytes, files, bad } = countOption(args);
    if (bad !== undefined) return fail(`head: invalid number of ${bytes ? "bytes" : "lines"}: '${bad}'`);
    const out = new CommandOutput(ctx);
    const inputs = readEach("head", files, ctx);
    inputs.forEach((input, k) => {
      if ("error" in input) return out.error(input.error.replace(/^head: ([^:]+): /, "head: cannot open '$1' for reading: "));
      // Several files: each under a ==> name <== header, as head prints them.
      if (files.length > 1) out.out(`${k > 0 ? "\n" : ""}==> ${input.name} <==\n`);
      out.out(bytes ? input.text.slice(0, n) : n >= 0 ? firstLines(input.text, n) : lines(input.text).slice(0, n).map((l) => `${l}\n`).join(""));
    });
    return out.result(out.failed ? 1 : 0);
  },
};

/** The end of a text as tail shows it: the last N lines (or bytes), or from line N with `+N`. */
function tailOf(text: string, n: number, bytes: boolean, fromStart: boolean): string {
  if (bytes) return fromStart ? text.slice(Math.max(0, n - 1)) : n === 0 ? "" : text.slice(-n);
  const ls = lines(text);
  const kept = fromStart ? ls.slice(Math.max(0, n - 1)) : n === 0 ? [] : ls.slice(-n);
  const shown = kept.map((l) => `${l}\n`).join("");
  // A last line without its newline is shown without one, as tail copies bytes.
  return text.endsWith("\n") || !shown ? shown : shown.slice(0, -1);
}

/** How often `tail -f` looks at its files again, on the shell's clock (GNU tail's default: 1 s). */
const FOLLOW_INTERVAL_MS = 1000;

export const tailCommand: ShellCommand = {
  name: "tail",
  async execute(args, ctx) {
    const { n, bytes, fromStart, follow, files, bad } = countOption(args);
    if (bad !== undefined) return fail(`tail: invalid number of ${bytes ? "bytes" : "lines"}: '${bad}'`);
    const out = new CommandOutput(ctx);
    const { texts, stderr } = readInputs("tail", files, ctx);
    out.error(stderr);
    const several = texts.length > 1;
    texts.forEach((t, k) => out.out(`${several ? `${k > 0 ? "\n" : ""}==> ${t.name} <==\n` : ""}${tailOf(t.text, n, bytes, fromStart)}`));
    // -f: keep watching until Ctrl+C, printing what is appended (a job writing the log, a container's
    // bind-mounted file). Without a terminal to interrupt it (a container's process) it cannot follow.
    if (!follow || files.length === 0 || !ctx.sleep || !ctx.signal || !ctx.write) return out.result(stderr ? 1 : 0);
    const sizes = new Map(texts.map((t) => [t.name, t.text.length]));
    let lastShown = texts[texts.length - 1]?.name;
    for (;;) {
      await ctx.sleep(FOLLOW_INTERVAL_MS);
      // A turn for the page and the jobs even when the clock is pinned (tests) and sleep returns at once.
      await new Promise((resolve) => setTimeout(resolve, 0));
      for (const name of sizes.keys()) {
        let text: string;
        try {
          text = ctx.fs.readFile(resolvePath(ctx.cwd, name));
        } catch {
          continue;
        }
        const before = sizes.get(name)!;
        if (text.length < before) out.err(`tail: ${name}: file truncated\n`);
        const added = text.length < before ? text : text.slice(before);
        sizes.set(name, text.length);
        if (!added) continue;
        if (several && lastShown !== name) out.out(`\n==> ${name} <==\n`);
        lastShown = name;
        out.out(added);
      }
    }
  },
};

/** `tr` sets: escapes (\0, \n) and ranges (a-z). */
function trSet(spec: string): string[] {
  const chars = [...unescape(spec)];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i + 1] === "-" && chars[i + 2] !== undefined) {
      for (let c = chars[i]!.charCodeAt(0); c <= chars[i + 2]!.charCodeAt(0); c++) out.push(String.fromCharCode(c));
      i += 2;
    } else out.push(chars[i]!);
  }
  return out;
}

export const trCommand: ShellCommand = {
  name: "tr",
  execute(args, ctx) {
    const del = args[0] === "-d";
    const sets = del ? args.slice(1) : args;
    if (sets.length < (del ? 1 : 2)) return fail(`tr: missing operand\nTry 'tr --help' for more information.`);
    const from = trSet(sets[0]!);
    if (del) return ok([...ctx.stdin].filter((c) => !from.includes(c)).join(""));
    const to = trSet(sets[1]!);
    return ok(
      [...ctx.stdin]
        .map((c) => {
          const k = from.indexOf(c);
          return k === -1 ? c : (to[Math.min(k, to.length - 1)] ?? c);
        })
        .join(""),
    );
  },
};

export const wcCommand: ShellCommand = {
  name: "wc",
  execute(args, ctx) {
    const flags = args.filter((a) => a.startsWith("-")).join("");
    const { texts, stderr } = readInputs("wc", args.filter((a) => !a.startsWith("-")), ctx);
    let stdout = "";
    for (const { text } of texts) {
      const counts = { l: (text.match(/\n/g) ?? []).length, w: text.split(/\s+/).filter(Boolean).length, c: new TextEncoder().encode(text).length };
      const chosen = (["l", "w", "c"] as const).filter((k) => flags.includes(k));
      stdout += `${(chosen.length ? chosen : (["l", "w", "c"] as const)).map((k) => counts[k]).join(" ")}\n`;
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};

export const base64Command: ShellCommand = {
  name: "base64",
  execute(args, ctx) {
    const decode = args.includes("-d") || args.includes("--decode");
    if (decode) {
      try {
        const bin = atob(ctx.stdin.replace(/\s+/g, ""));
        return ok(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
      } catch {
        return fail("base64: invalid input");
      }
    }
    const bytes = new TextEncoder().encode(ctx.stdin);
    const encoded = btoa(String.fromCharCode(...bytes));
    return ok(`${encoded.replace(/(.{76})/g, "$1\n")}\n`);
  },
};

/**
 * Filters and small utilities lessons and vendor docs pipe through: sort, uniq, cut, tee, xargs,
 * basename, dirname, seq, yes, date, sleep, openssl rand, sed (s///, -n, p, d), awk (fields, -F),
 * ln, df. GNU coreutils wording; each is a model of the options the docs use, not the whole tool.
 */
import { FsError } from "../../fs/file-system.ts";
import { basename as pathBasename, dirname as pathDirname, resolvePath } from "../../fs/path.ts";
import { fail, ok, type CommandResult, type ShellCommand } from "../types.ts";
import { lines, readJoinedInput } from "./command-input.ts";

const joinLines = (ls: readonly string[]): string => (ls.length ? `${ls.join("\n")}\n` : "");

export const sortCommand: ShellCommand = {
  name: "sort",
  execute(args, ctx) {
    const flags = new Set<string>();
    const files: string[] = [];
    let key: number | undefined;
    let sep: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === "-k") key = parseInt(args[++i] ?? "", 10);
      else if (a.startsWith("-k")) key = parseInt(a.slice(2), 10);
      else if (a === "-t") sep = args[++i];
      else if (/^-[a-zA-Z]+$/.test(a)) for (const f of a.slice(1)) flags.add(f);
      else files.push(a);
    }
    const { text, stderr } = readJoinedInput("sort", files, ctx);
    const keyOf = (l: string): string => (key === undefined ? l : ((sep === undefined ? l.trim().split(/\s+/) : l.split(sep))[key - 1] ?? ""));
    let out = lines(text).sort((a, b) => {
      const x = keyOf(a);
      const y = keyOf(b);
      if (flags.has("n")) return (parseFloat(x) || 0) - (parseFloat(y) || 0) || (a < b ? -1 : a > b ? 1 : 0);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    if (flags.has("r")) out.reverse();
    if (flags.has("u")) out = out.filter((l, i) => i === 0 || l !== out[i - 1]);
    return { stdout: joinLines(out), stderr, exitCode: stderr ? 2 : 0 };
  },
};

export const uniqCommand: ShellCommand = {
  name: "uniq",
  execute(args, ctx) {
    const flags = new Set(args.filter((a) => a.startsWith("-")).join("").replace(/-/g, ""));
    const { text, stderr } = readJoinedInput("uniq", args.filter((a) => !a.startsWith("-")), ctx);
    const groups: { line: string; count: number }[] = [];
    for (const l of lines(text)) {
      const last = groups[groups.length - 1];
      if (last && last.line === l) last.count++;
      else groups.push({ line: l, count: 1 });
    }
    const kept = groups.filter((g) => (flags.has("d") ? g.count > 1 : flags.has("u") ? g.count === 1 : true));
    return { stdout: joinLines(kept.map((g) => (flags.has("c") ? `${String(g.count).padStart(7)} ${g.line}` : g.line))), stderr, exitCode: stderr ? 1 : 0 };
  },
};

/** cut -d X -f LIST | -c LIST. */
export const cutCommand: ShellCommand = {
  name: "cut",
  execute(args, ctx) {
    let delim = "\t";
    let fields: string | undefined;
    let chars: string | undefined;
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === "-d") delim = args[++i] ?? "";
      else if (a.startsWith("-d")) delim = a.slice(2);
      else if (a === "-f") fields = args[++i];
      else if (a.startsWith("-f")) fields = a.slice(2);
      else if (a === "-c") chars = args[++i];
      else if (a.startsWith("-c")) chars = a.slice(2);
      else files.push(a);
    }
    if (delim.length !== 1) return fail("cut: the delimiter must be a single character\nTry 'cut --help' for more information.");
    const list = fields ?? chars;
    if (list === undefined) return fail("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.");
    const ranges = list.split(",").map((r) => {
      const m = /^(\d*)(-?)(\d*)$/.exec(r);
      if (!m) return undefined;
      const from = m[1] ? Number(m[1]) : 1;
      const to = m[2] ? (m[3] ? Number(m[3]) : Infinity) : from;
      return { from, to };
    });
    if (ranges.some((r) => !r || r.from < 1)) return fail(`cut: invalid field value '${list}'\nTry 'cut --help' for more information.`);
    const pick = (n: number): boolean => ranges.some((r) => r && n >= r.from && n <= r.to);
    const { text, stderr } = readJoinedInput("cut", files, ctx);
    const out = lines(text).map((l) => {
      if (chars !== undefined) return [...l].filter((_, k) => pick(k + 1)).join("");
      if (!l.includes(delim)) return l;
      return l.split(delim).filter((_, k) => pick(k + 1)).join(delim);
    });
    return { stdout: joinLines(out), stderr, exitCode: stderr ? 1 : 0 };
  },
};

export const teeCommand: ShellCommand = {
  name: "tee",
  execute(args, ctx) {
    const append = args.includes("-a") || args.includes("--append");
    let stderr = "";
    for (const f of args.filter((a) => !a.startsWith("-"))) {
      try {
        ctx.fs.writeFile(resolvePath(ctx.cwd, f), ctx.stdin, { append });
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        stderr += `tee: ${f}: ${e.text}\n`;
      }
    }
    return { stdout: ctx.stdin, stderr, exitCode: stderr ? 1 : 0 };
  },
};

/** xargs [-n N] [-I {}] cmd args...: the arguments come from stdin's words (or lines with -I). */
export const xargsCommand: ShellCommand = {
  name: "xargs",
  async execute(args, ctx) {
    let per: number | undefined;
    let replace: string | undefined;
    let nul = false;
    let noRunIfEmpty = false;
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      // Options come glued or apart, as GNU xargs takes them: -n1, -n 1, -I{}, -I {}.
      const glued = /^-([nIL])(.+)$/.exec(a);
      const [flag, value] = glued ? [`-${glued[1]}`, glued[2]] : [a, undefined];
      if (flag === "-n" || flag === "-L" || flag === "--max-args") {
        const v = value ?? args[++i] ?? "";
        per = Number(v);
        if (!/^[0-9]+$/.test(v) || per < 1) return fail(`xargs: invalid number "${v}" for -${flag === "-L" ? "L" : "n"} option\nTry 'xargs --help' for more information.`);
      } else if (flag === "-I" || flag === "-i") replace = value ?? (flag === "-i" ? "{}" : args[++i]);
      else if (a === "-r" || a === "--no-run-if-empty") noRunIfEmpty = true;
      else if (a === "-0" || a === "--null") nul = true;
      else if (a === "-t" || a === "-x") continue;
      else if (a.startsWith("-") && a !== "-") return fail(`xargs: invalid option -- '${a.replace(/^-+/, "")[0]}'\nUsage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\nTry 'xargs --help' for more information.`);
      else break;
    }
    const command = args.slice(i).length ? args.slice(i) : ["echo"];
    const items = nul ? ctx.stdin.split("\0").filter(Boolean) : replace !== undefined ? lines(ctx.stdin) : xargsWords(ctx.stdin);
    const quote = (w: string): string => `'${w.replace(/'/g, "'\\''")}'`;
    const batches: string[][] = [];
    if (replace !== undefined) for (const item of items) batches.push(command.map((w) => w.split(replace).join(item)));
    else if (per) for (let k = 0; k < items.length; k += per) batches.push([...command, ...items.slice(k, k + per)]);
    else if (items.length || !noRunIfEmpty) batches.push([...command, ...items]);
    let stdout = "";
    let stderr = "";
    let exitCode = 0;
    for (const argv of batches) {
      const r = await ctx.shell.runScript(argv.map(quote).join(" "), { env: ctx.env });
      stdout += r.stdout;
      stderr += r.stderr;
      if (r.exitCode === 127) return { stdout, stderr: stderr.replace(/^(bash|sh): ([^:]+): (command )?not found\n$/m, `xargs: $2: No such file or directory\n`), exitCode: 127 };
      if (r.exitCode !== 0) exitCode = 123;
    }
    return { stdout, stderr, exitCode };
  },
};

/** The words xargs reads: blanks separate them; quotes and backslashes group, as GNU xargs reads its input. */
function xargsWords(text: string): string[] {
  const words: string[] = [];
  let cur: string | undefined;
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (c === " " || c === "\t" || c === "\n") {
      if (cur !== undefined) words.push(cur);
      cur = undefined;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, k + 1);
      cur = (cur ?? "") + text.slice(k + 1, end === -1 ? text.length : end);
      k = end === -1 ? text.length : end;
    } else if (c === "\\" && k + 1 < text.length) cur = (cur ?? "") + text[++k];
    else cur = (cur ?? "") + c;
  }
  if (cur !== undefined) words.push(cur);
  return words;
}

export const basenameCommand: ShellCommand = {
  name: "basename",
  execute(args) {
    if (args.length === 0) return fail("basename: missing operand\nTry 'basename --help' for more information.");
    const [path, suffix] = args;
    let base = path === "/" ? "/" : pathBasename(path!.replace(/\/+$/, "") || "/");
    if (suffix && base.endsWith(suffix) && base !== suffix) base = base.slice(0, -suffix.length);
    return ok(`${base}\n`);
  },
};

export const dirnameCommand: ShellCommand = {
  name: "dirname",
  execute(args) {
    if (args.length === 0) return fail("dirname: missing operand\nTry 'dirname --help' for more information.");
    return ok(args.map((p) => `${p.includes("/") ? pathDirname(p.replace(/\/+$/, "") || "/") : "."}\n`).join(""));
  },
};

export const seqCommand: ShellCommand = {
  name: "seq",
  execute(args) {
    const n = args.map(Number);
    if (n.length === 0 || n.some(Number.isNaN)) return fail(n.length === 0 ? "seq: missing operand\nTry 'seq --help' for more information." : `seq: invalid floating point argument: '${args[n.findIndex(Number.isNaN)]}'\nTry 'seq --help' for more information.`);
    const [first, step, last] = n.length === 1 ? [1, 1, n[0]!] : n.length === 2 ? [n[0]!, 1, n[1]!] : [n[0]!, n[1]!, n[2]!];
    const out: string[] = [];
    for (let v = first; step > 0 ? v <= last : v >= last; v += step) {
      out.push(String(v));
      if (out.length > 1_000_000) break;
    }
    return ok(joinLines(out));
  },
};

/**
 * `yes`: endless in a real shell, so here it writes until the line's output limit is full (a pipe
 * to `head` takes what it needs) and the shell says where it stopped.
 */
export const yesCommand: ShellCommand = {
  name: "yes",
  execute(args, ctx) {
    const line = `${args.length ? args.join(" ") : "y"}\n`;
    const limit = (ctx.outputLimit ?? 1024 * 1024) + 1;
    return ok(line.repeat(Math.ceil(limit / line.length)));
  },
};

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `date`, `date -u`, `date +FORMAT`, `date -I`/`--iso-8601[=seconds]`, `date +%s`; always UTC on the simulated host. */
export const dateCommand: ShellCommand = {
  name: "date",
  execute(args, ctx) {
    const d = ctx.now?.() ?? new Date();
    const p2 = (n: number): string => String(n).padStart(2, "0");
    const fields: Record<string, string> = {
      Y: String(d.getUTCFullYear()), m: p2(d.getUTCMonth() + 1), d: p2(d.getUTCDate()), e: String(d.getUTCDate()).padStart(2, " "),
      H: p2(d.getUTCHours()), M: p2(d.getUTCMinutes()), S: p2(d.getUTCSeconds()), s: String(Math.floor(d.getTime() / 1000)),
      a: DAYS[d.getUTCDay()]!, b: MONTHS[d.getUTCMonth()]!, Z: "UTC", z: "+0000", N: String(d.getUTCMilliseconds() * 1_000_000).padStart(9, "0"), "%": "%",
    };
    fields.F = `${fields.Y}-${fields.m}-${fields.d}`;
    fields.T = `${fields.H}:${fields.M}:${fields.S}`;
    const format = (f: string): string => f.replace(/%([a-zA-Z%])/g, (m, c: string) => fields[c] ?? m);
    const plus = args.find((a) => a.startsWith("+"));
    if (plus) return ok(`${format(plus.slice(1))}\n`);
    const iso = args.find((a) => a === "-I" || a.startsWith("--iso-8601") || a.startsWith("-I"));
    if (iso) return ok(iso.includes("seconds") || iso === "-Iseconds" ? `${format("%FT%T")}+00:00\n` : `${fields.F}\n`);
    const bad = args.find((a) => a !== "-u" && a !== "--utc");
    if (bad) return fail(`date: invalid date '${bad}'`);
    return ok(`${format("%a %b %e %T %Z %Y")}\n`);
  },
};

/** `sleep N[smhd]`: waits on the shell's clock (a pinned clock just moves on). */
export const sleepCommand: ShellCommand = {
  name: "sleep",
  async execute(args, ctx) {
    if (args.length === 0) return fail("sleep: missing operand\nTry 'sleep --help' for more information.");
    let ms = 0;
    for (const a of args) {
      if (a === "infinity") ms = 2 ** 31 - 1;
      const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(a === "infinity" ? "0" : a);
      if (!m) return fail(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.`);
      ms += Number(m[1]) * { "": 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as "" | "s" | "m" | "h" | "d"];
    }
    await ctx.sleep?.(ms);
    return ok();
  },
};

function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  const c = globalThis.crypto;
  if (c?.getRandomValues) for (let k = 0; k < n; k += 65536) c.getRandomValues(out.subarray(k, Math.min(n, k + 65536)));
  else for (let k = 0; k < n; k++) out[k] = Math.floor(Math.random() * 256);
  return out;
}

/** `openssl rand -base64 N` / `-hex N`: N random bytes, encoded; base64 wraps at 64 columns as openssl does. */
export const opensslCommand: ShellCommand = {
  name: "openssl",
  execute(args) {
    if (args[0] !== "rand") {
      return fail(args[0] === undefined ? "openssl: the simulated host's openssl knows only: rand" : `Invalid command '${args[0]}'; type "help" for a list.`);
    }
    const rest = args.slice(1);
    const n = Number(rest.find((a) => /^\d+$/.test(a)));
    if (!Number.isInteger(n) || n < 0) return fail("rand: Use -help for summary.");
    if (n > 1024 * 1024) return fail(`rand: ${n} bytes is more than the simulated host hands out at once (1 MiB)`);
    const bytes = randomBytes(n);
    if (rest.includes("-hex")) return ok(`${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}\n`);
    let bin = "";
    for (const b of bytes) bin += String.fromCharCode(b);
    if (rest.includes("-base64")) {
      const b64 = btoa(bin);
      return ok(b64 ? `${b64.match(/.{1,64}/g)!.join("\n")}\n` : "");
    }
    return ok(bin);
  },
};

/** `ln [-s] [-f] TARGET LINK`: the model has no symlinks, so the link is a copy of the target's content. */
export const lnCommand: ShellCommand = {
  name: "ln",
  execute(args, ctx) {
    const force = args.some((a) => /^-[a-z]*f/.test(a));
    const [target, link] = args.filter((a) => !a.startsWith("-"));
    if (target === undefined) return fail("ln: missing file operand\nTry 'ln --help' for more information.");
    const linkPath = resolvePath(ctx.cwd, link ?? pathBasename(target));
    const where = ctx.fs.stat(linkPath)?.kind === "dir" ? resolvePath(linkPath, pathBasename(target)) : linkPath;
    if (ctx.fs.stat(where) && !force) return fail(`ln: failed to create ${args.some((a) => /^-[a-z]*s/.test(a)) ? "symbolic" : "hard"} link '${link ?? pathBasename(target)}': File exists`);
    try {
      ctx.fs.writeFile(where, ctx.fs.readFile(resolvePath(ctx.cwd, target)));
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      return fail(`ln: failed to access '${target}': ${e.text}`);
    }
    return ok();
  },
};

/** `df [-h]`: one overlay root, as a container shows it. */
export const dfCommand: ShellCommand = {
  name: "df",
  execute(args) {
    const human = args.some((a) => /^-[a-zA-Z]*h/.test(a));
    return ok(
      human
        ? "Filesystem      Size  Used Avail Use% Mounted on\noverlay          59G   12G   45G  21% /\ntmpfs            64M     0   64M   0% /dev\nshm              64M     0   64M   0% /dev/shm\n"
        : "Filesystem     1K-blocks     Used Available Use% Mounted on\noverlay         61255492 12413212  45700956  22% /\ntmpfs              65536        0     65536   0% /dev\nshm                65536        0     65536   0% /dev/shm\n",
    );
  },
};

/** sed [-n] [-i] [-e] SCRIPT [FILE...]: commands `s/re/rep/[gp]`, `p`, `d`, `q`, with an optional line or /re/ address. */
export const sedCommand: ShellCommand = {
  name: "sed",
  execute(args, ctx) {
    let quiet = false;
    let inPlace = false;
    const scripts: string[] = [];
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === "-n" || a === "--quiet") quiet = true;
      else if (a === "-i" || a.startsWith("-i")) inPlace = true;
      else if (a === "-e") scripts.push(args[++i] ?? "");
      else if (a === "-E" || a === "-r") continue;
      else if (scripts.length === 0 && !args.includes("-e")) scripts.push(a);
      else files.push(a);
    }
    if (scripts.length === 0) return fail("Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...", 1);
    const program = parseSed(scripts.join("\n"));
    if (typeof program === "string") return fail(`sed: -e expression #1, char ${scripts[0]!.length}: ${program}`);
    const run = (text: string): string => {
      let out = "";
      const ls = lines(text);
      for (let n = 0; n < ls.length; n++) {
        let line = ls[n]!;
        let deleted = false;
        let quit = false;
        for (const c of program) {
          if (c.address !== undefined && !(typeof c.address === "number" ? c.address === n + 1 : c.address === "$" ? n === ls.length - 1 : c.address.test(line))) continue;
          if (c.cmd === "d") {
            deleted = true;
            break;
          }
          if (c.cmd === "p") out += `${line}\n`;
          if (c.cmd === "q") quit = true;
          if (c.cmd === "s") {
            const before = line;
            line = line.replace(c.re!, c.replacement!);
            if (c.print && line !== before) out += `${line}\n`;
          }
        }
        if (!deleted && !quiet) out += `${line}\n`;
        if (quit) break;
      }
      return out;
    };
    if (inPlace) {
      for (const f of files) {
        const path = resolvePath(ctx.cwd, f);
        try {
          ctx.fs.writeFile(path, run(ctx.fs.readFile(path)));
        } catch (e) {
          if (!(e instanceof FsError)) throw e;
          return fail(`sed: can't read ${f}: ${e.text}`, 2);
        }
      }
      return ok();
    }
    const { text, stderr } = readJoinedInput("sed", files, ctx);
    return { stdout: run(text), stderr: stderr.replace(/^sed: ([^:]+): /gm, "sed: can't read $1: "), exitCode: stderr ? 2 : 0 };
  },
};

interface SedCommand {
  address?: number | "$" | RegExp;
  cmd: "s" | "p" | "d" | "q";
  re?: RegExp;
  replacement?: string;
  print?: boolean;
}

/** Basic regular expressions as sed reads them: `\(`, `\)`, `\{`, `\}`, `\+`, `\?`, `\|` are the operators. */
function bre(src: string): string {
  return src.replace(/\\([(){}+?|])|([(){}+?|])/g, (_, escaped: string | undefined, plain: string | undefined) => (escaped ? escaped : `\\${plain}`));
}

function parseSed(script: string): SedCommand[] | string {
  const out: SedCommand[] = [];
  for (const part of script.split(/[\n;]/).map((s) => s.trim()).filter(Boolean)) {
    let rest = part;
    let address: SedCommand["address"];
    const num = /^(\d+|\$)/.exec(rest);
    if (num) {
      address = num[1] === "$" ? "$" : Number(num[1]);
      rest = rest.slice(num[0].length);
    } else if (rest.startsWith("/")) {
      const end = rest.indexOf("/", 1);
      if (end === -1) return "unterminated address regex";
      address = new RegExp(bre(rest.slice(1, end)));
      rest = rest.slice(end + 1);
    }
    rest = rest.trim();
    const c = rest[0];
    if (c === "p" || c === "d" || c === "q") {
      out.push({ address, cmd: c });
      continue;
    }
    if (c !== "s") return c === undefined ? "missing command" : `unknown command: \`${c}'`;
    const delim = rest[1];
    if (!delim) return "unterminated `s' command";
    const pieces: string[] = [];
    let cur = "";
    for (let k = 2; k < rest.length; k++) {
      if (rest[k] === "\\" && rest[k + 1] === delim) {
        cur += delim;
        k++;
      } else if (rest[k] === delim) {
        pieces.push(cur);
        cur = "";
      } else cur += rest[k];
    }
    if (pieces.length < 2) return "unterminated `s' command";
    const flags = cur;
    const replacement = pieces[1]!.replace(/\$/g, "$$$$").replace(/\\([1-9])/g, "$$$1").replace(/(^|[^\\])&/g, "$1$$&").replace(/\\&/g, "&").replace(/\\n/g, "\n");
    out.push({ address, cmd: "s", re: new RegExp(bre(pieces[0]!), `${flags.includes("g") ? "g" : ""}${flags.includes("I") || flags.includes("i") ? "i" : ""}`), replacement, print: flags.includes("p") });
  }
  return out;
}

/**
 * awk [-F SEP] 'PROGRAM' [FILE...]: the one-liners docs use: `{print $1}`, `{print $NF, $2}`,
 * `/re/ {print}`, `NR==2`, `$3 > 5 {print $1}`, `-v name=value`, BEGIN/END blocks with print.
 */
export const awkCommand: ShellCommand = {
  name: "awk",
  execute(args, ctx) {
    let fs: string | undefined;
    const vars = new Map<string, string>();
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a === "-F") fs = args[++i];
      else if (a.startsWith("-F")) fs = a.slice(2);
      else if (a === "-v") {
        const [k, ...v] = (args[++i] ?? "").split("=");
        vars.set(k!, v.join("="));
      } else break;
    }
    const source = args[i];
    if (source === undefined) return fail("usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]", 2);
    const rules = parseAwk(source);
    if (typeof rules === "string") return fail(`awk: cmd. line:1: ${source}\nawk: cmd. line:1: ${rules}`, 1);
    const { text, stderr } = readJoinedInput("awk", args.slice(i + 1), ctx);
    let out = "";
    const split = (l: string): string[] => (fs === undefined || fs === " " ? l.trim().split(/\s+/).filter(Boolean) : l.split(fs.length === 1 ? fs : new RegExp(fs)));
    let nr = 0;
    const runRule = (r: AwkRule, line: string, f: string[]): void => {
      const env: AwkEnv = { fields: f, line, nr, vars };
      if (r.cond && !r.cond(env)) return;
      out += r.action ? r.action(env) : `${line}\n`;
    };
    for (const r of rules.filter((r) => r.begin)) runRule(r, "", []);
    for (const line of lines(text)) {
      nr++;
      const f = split(line);
      for (const r of rules.filter((r) => !r.begin && !r.end)) runRule(r, line, f);
    }
    for (const r of rules.filter((r) => r.end)) runRule(r, "", []);
    return { stdout: out, stderr, exitCode: stderr ? 2 : 0 };
  },
};

interface AwkEnv {
  fields: string[];
  line: string;
  nr: number;
  vars: Map<string, string>;
}
interface AwkRule {
  begin?: boolean;
  end?: boolean;
  cond?: (e: AwkEnv) => boolean;
  action?: (e: AwkEnv) => string;
}

function awkValue(expr: string, e: AwkEnv): string {
  const t = expr.trim();
  if (t === "$0") return e.line;
  if (t === "NF") return String(e.fields.length);
  if (t === "NR") return String(e.nr);
  if (t === "$NF") return e.fields[e.fields.length - 1] ?? "";
  const field = /^\$(\d+)$/.exec(t);
  if (field) return Number(field[1]) === 0 ? e.line : (e.fields[Number(field[1]) - 1] ?? "");
  const str = /^"((?:[^"\\]|\\.)*)"$/.exec(t);
  if (str) return str[1]!.replace(/\\n/g, "\n").replace(/\\t/g, "\t").replace(/\\(.)/g, "$1");
  if (/^-?\d+(\.\d+)?$/.test(t)) return t;
  return e.vars.get(t) ?? "";
}

/** Split on a separator outside quotes. */
function splitOutside(s: string, sep: RegExp): string[] {
  const out: string[] = [];
  let cur = "";
  let q = false;
  for (let k = 0; k < s.length; k++) {
    const c = s[k]!;
    if (c === '"' && s[k - 1] !== "\\") q = !q;
    if (!q && sep.test(c)) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function parseAwk(src: string): AwkRule[] | string {
  const rules: AwkRule[] = [];
  const re = /\s*(BEGIN|END|\/(?:[^/\\]|\\.)*\/|[^{]+)?\s*(?:\{([^}]*)\})?/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < src.length && (m = re.exec(src)) && m[0].length) {
    const [, pattern, action] = m;
    if (pattern === undefined && action === undefined) break;
    const rule: AwkRule = {};
    const p = pattern?.trim();
    if (p === "BEGIN") rule.begin = true;
    else if (p === "END") rule.end = true;
    else if (p?.startsWith("/")) {
      const rx = new RegExp(p.slice(1, -1));
      rule.cond = (e) => rx.test(e.line);
    } else if (p) {
      const cmp = /^(.+?)\s*(==|!=|>=|<=|>|<|~)\s*(.+)$/.exec(p);
      if (!cmp) return `syntax error at source line 1 near "${p}"`;
      const [, l, op, r] = cmp;
      rule.cond = (e) => {
        const a = awkValue(l!, e);
        if (op === "~") return new RegExp(r!.trim().replace(/^\/|\/$/g, "")).test(a);
        const b = awkValue(r!, e);
        const numeric = a !== "" && b !== "" && !Number.isNaN(Number(a)) && !Number.isNaN(Number(b));
        const x: string | number = numeric ? Number(a) : a;
        const y: string | number = numeric ? Number(b) : b;
        return op === "==" ? x === y : op === "!=" ? x !== y : op === ">" ? x > y : op === "<" ? x < y : op === ">=" ? x >= y : x <= y;
      };
    }
    if (action !== undefined) {
      const stmts = splitOutside(action, /[;\n]/).map((s) => s.trim()).filter(Boolean);
      for (const s of stmts) if (!/^(print|printf)\b/.test(s)) return `syntax error: the simulated awk runs print and printf only (got "${s}")`;
      rule.action = (e) =>
        stmts
          .map((s) => {
            const printf = s.startsWith("printf");
            const body = s.replace(/^printf?\s*\(?|\)?$/g, "").replace(/^print\s*/, "").trim();
            if (!body) return printf ? "" : `${e.line}\n`;
            const items = splitOutside(body, /,/).map((x) => x.trim());
            if (printf) {
              const [fmt, ...rest] = items.map((x) => awkValue(x, e));
              let k = 0;
              return (fmt ?? "").replace(/%[-0-9.]*[sdf%]/g, (spec) => (spec === "%%" ? "%" : (rest[k++] ?? "")));
            }
            // Adjacent items concatenate; commas join with a space (OFS).
            return `${items.map((item) => splitOutside(item, /\s/).filter(Boolean).map((x) => awkValue(x, e)).join("")).join(" ")}\n`;
          })
          .join("");
    }
    rules.push(rule);
  }
  return rules;
}

export type { CommandResult };

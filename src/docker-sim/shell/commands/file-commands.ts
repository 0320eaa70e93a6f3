/** File commands: cat, ls, mkdir, rm, cp, touch, stat. Wording follows the shell's flavor. */
import { FsError } from "../../fs/file-system.ts";
import { basename, resolvePath } from "../../fs/path.ts";
import { fail, ok, type CommandContext, type CommandResult, type ShellCommand } from "../types.ts";
import { CommandOutput } from "./command-input.ts";
import { groupName, longListing, modeString, octalMode, userName } from "./file-listing.ts";

/** Split `-la` style short options from operands (stops at `--`). */
function shortOptions(args: string[]): { flags: Set<string>; operands: string[]; values: Map<string, string> } {
  const flags = new Set<string>();
  const operands: string[] = [];
  const values = new Map<string, string>();
  let done = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (done || !a.startsWith("-") || a === "-") {
      operands.push(a);
      continue;
    }
    if (a === "--") {
      done = true;
      continue;
    }
    if (a === "-c" || a === "-n") {
      values.set(a.slice(1), args[++i] ?? "");
      continue;
    }
    for (const ch of a.slice(1)) flags.add(ch);
  }
  return { flags, operands, values };
}

const p = (ctx: CommandContext, path: string): string => resolvePath(ctx.cwd, path);

/** Bytes from an endless device, as text of char codes 0-255, up to `n` (what the shell's output limit lets through). */
function deviceBytes(device: string, n: number): string {
  if (device === "/dev/zero") return "\0".repeat(n);
  const bytes = new Uint8Array(n);
  const c = globalThis.crypto;
  for (let k = 0; k < n; k += 65536) {
    const part = bytes.subarray(k, Math.min(n, k + 65536));
    if (c?.getRandomValues) c.getRandomValues(part);
    else for (let j = 0; j < part.length; j++) part[j] = (Math.random() * 256) | 0;
  }
  let text = "";
  for (let k = 0; k < n; k += 8192) text += String.fromCharCode(...bytes.subarray(k, Math.min(n, k + 8192)));
  return text;
}

export const catCommand: ShellCommand = {
  name: "cat",
  execute(args, ctx) {
    const files = args.filter((a) => a !== "--");
    if (files.length === 0) return ok(ctx.stdin);
    const out = new CommandOutput(ctx);
    for (const f of files) {
      if (f === "-") {
        out.out(ctx.stdin);
        continue;
      }
      if (f === "/dev/urandom" || f === "/dev/random" || f === "/dev/zero") {
        // Endless devices: read until the line's output limit is full; the shell says it stopped there.
        out.out(deviceBytes(f, (ctx.outputLimit ?? 1024 * 1024) + 1));
        continue;
      }
      try {
        out.out(ctx.fs.readFile(p(ctx, f)));
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        if (ctx.flavor === "busybox") out.error(e.code === "EISDIR" ? "cat: read error: Is a directory\n" : `cat: can't open '${f}': ${e.text}\n`);
        else out.error(`cat: ${f}: ${e.text}\n`);
      }
    }
    return out.result(out.failed ? 1 : 0);
  },
};

export const lsCommand: ShellCommand = {
  name: "ls",
  execute(args, ctx) {
    const { flags, operands } = shortOptions(args);
    const long = flags.has("l");
    const all = flags.has("a");
    const targets = operands.length ? operands : ["."];
    let stdout = "";
    let stderr = "";
    let missing = "";
    const fileRows: { name: string; path: string }[] = [];
    const dirs: string[] = [];
    for (const t of targets) {
      const st = ctx.fs.stat(p(ctx, t));
      if (!st) {
        missing += ctx.flavor === "busybox" ? `ls: ${t}: No such file or directory\n` : `ls: cannot access '${t}': No such file or directory\n`;
      } else if (st.kind === "dir" && !flags.has("d")) dirs.push(t);
      else fileRows.push({ name: t, path: p(ctx, t) });
    }
    const render = (rows: { name: string; path: string }[], withTotal: boolean): string => {
      if (rows.length === 0) return withTotal && long ? "total 0\n" : "";
      if (!long) {
        // The terminal is not a tty for piped output; one name per line reads well everywhere.
        return rows.map((r) => `${r.name}\n`).join("");
      }
      // A directory readable but not searchable lists names whose details cannot be read; skip those.
      const entries = rows.flatMap((r) => {
        const st = ctx.fs.stat(r.path);
        return st ? [{ name: r.name, st }] : [];
      });
      const lines = longListing(ctx.fs, entries, ctx.flavor);
      const blocks = entries.reduce((n, e) => n + (e.st.kind === "file" ? Math.ceil(e.st.size / 4096) * 4 : 4), 0);
      return `${withTotal ? `total ${blocks}\n` : ""}${lines.join("\n")}\n`;
    };
    stdout += render(fileRows, false);
    dirs.forEach((d, idx) => {
      const abs = p(ctx, d);
      let names: string[];
      try {
        names = ctx.fs.readdir(abs);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        stderr += ctx.flavor === "busybox" ? `ls: can't open '${d}': ${e.text}\n` : `ls: cannot open directory '${d}': ${e.text}\n`;
        return;
      }
      if (!all) names = names.filter((n) => !n.startsWith("."));
      const rows = names.map((n) => ({ name: n, path: abs === "/" ? `/${n}` : `${abs}/${n}` }));
      if (all) rows.unshift({ name: ".", path: abs }, { name: "..", path: resolvePath(abs, "..") });
      const header = targets.length > 1 ? `${idx > 0 || fileRows.length ? "\n" : ""}${d}:\n` : "";
      stdout += header + render(rows, true);
    });
    const failCode = ctx.flavor === "busybox" ? 1 : 2;
    // ls reports the operands it cannot find before it lists anything, as GNU and BusyBox ls do.
    const out = new CommandOutput(ctx);
    out.err(missing);
    out.out(stdout);
    out.err(stderr);
    return out.result(stderr || missing ? failCode : 0);
  },
};

export const mkdirCommand: ShellCommand = {
  name: "mkdir",
  execute(args, ctx) {
    const { flags, operands } = shortOptions(args);
    let stderr = "";
    for (const d of operands) {
      try {
        ctx.fs.mkdir(p(ctx, d), { parents: flags.has("p") });
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        stderr += `mkdir: ${ctx.flavor === "busybox" ? "can't" : "cannot"} create directory '${d}': ${e.text}\n`;
      }
    }
    return { stdout: "", stderr, exitCode: stderr ? 1 : 0 };
  },
};

export const rmCommand: ShellCommand = {
  name: "rm",
  execute(args, ctx) {
    const { flags, operands } = shortOptions(args);
    const recursive = flags.has("r") || flags.has("R");
    const force = flags.has("f");
    let stderr = "";
    for (const f of operands) {
      const abs = p(ctx, f);
      const st = ctx.fs.stat(abs);
      if (!st) {
        if (!force) stderr += ctx.flavor === "busybox" ? `rm: can't remove '${f}': No such file or directory\n` : `rm: cannot remove '${f}': No such file or directory\n`;
        continue;
      }
      if (st.kind === "dir" && !recursive) {
        stderr += ctx.flavor === "busybox" ? `rm: '${f}' is a directory\n` : `rm: cannot remove '${f}': Is a directory\n`;
        continue;
      }
      try {
        ctx.fs.rm(abs, { recursive });
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        stderr += `rm: ${ctx.flavor === "busybox" ? "can't" : "cannot"} remove '${f}': ${e.text}\n`;
      }
    }
    return { stdout: "", stderr, exitCode: stderr ? 1 : 0 };
  },
};

export const cpCommand: ShellCommand = {
  name: "cp",
  execute(args, ctx) {
    const { operands } = shortOptions(args);
    if (operands.length < 2) return fail(ctx.flavor === "busybox" ? "cp: need at least two arguments" : `cp: missing destination file operand after '${operands[0] ?? ""}'`);
    const dest = operands[operands.length - 1]!;
    const destAbs = p(ctx, dest);
    const destIsDir = ctx.fs.stat(destAbs)?.kind === "dir";
    let stderr = "";
    for (const src of operands.slice(0, -1)) {
      try {
        const content = ctx.fs.readFile(p(ctx, src));
        const mode = ctx.fs.stat(p(ctx, src))?.mode;
        ctx.fs.writeFile(destIsDir ? `${destAbs === "/" ? "" : destAbs}/${basename(src)}` : destAbs, content, { mode });
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        stderr += ctx.flavor === "busybox" ? `cp: can't stat '${src}': ${e.text}\n` : `cp: cannot stat '${src}': ${e.text}\n`;
      }
    }
    return { stdout: "", stderr, exitCode: stderr ? 1 : 0 };
  },
};

export const touchCommand: ShellCommand = {
  name: "touch",
  execute(args, ctx) {
    let stderr = "";
    for (const f of args.filter((a) => !a.startsWith("-"))) {
      const abs = p(ctx, f);
      try {
        if (!ctx.fs.stat(abs)) ctx.fs.writeFile(abs, "");
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        stderr += `touch: ${f}: ${e.text}\n`;
      }
    }
    return { stdout: "", stderr, exitCode: stderr ? 1 : 0 };
  },
};

export const statCommand: ShellCommand = {
  name: "stat",
  execute(args, ctx): CommandResult {
    const { operands, values } = shortOptions(args);
    const format = values.get("c");
    let stdout = "";
    let stderr = "";
    for (const f of operands) {
      const st = ctx.fs.stat(p(ctx, f));
      if (!st) {
        stderr += ctx.flavor === "busybox" ? `stat: can't stat '${f}': No such file or directory\n` : `stat: cannot statx '${f}': No such file or directory\n`;
        continue;
      }
      const fields: Record<string, string> = {
        a: octalMode(st.mode),
        A: modeString(st),
        U: userName(ctx.fs, st.uid),
        G: groupName(ctx.fs, st.gid),
        u: String(st.uid),
        g: String(st.gid),
        s: String(st.size),
        n: f,
        F: st.kind === "dir" ? "directory" : "regular file",
      };
      if (format !== undefined) {
        stdout += `${format.replace(/%([aAUGugsnF%])/g, (_, k: string) => (k === "%" ? "%" : (fields[k] ?? "")))}\n`;
      } else {
        stdout +=
          `  File: ${f}\n  Size: ${st.size}\t\tBlocks: ${Math.ceil(st.size / 512)}\tIO Block: 4096\t${fields.F}\n` +
          `Access: (0${fields.a}/${fields.A})  Uid: (${String(st.uid).padStart(5)}/${fields.U!.padStart(8)})   Gid: (${String(st.gid).padStart(5)}/${fields.G!.padStart(8)})\n`;
      }
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};

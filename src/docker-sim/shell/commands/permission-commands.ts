/**
 * chmod and chown. Wording follows the shell's flavor: GNU coreutils on the host
 * (`chmod: cannot access 'x': No such file or directory`), BusyBox in containers
 * (`chmod: x: No such file or directory`).
 */
import { findGroup, findUser } from "../../fs/accounts.ts";
import { FsError, type FileSystem } from "../../fs/file-system.ts";
import { resolvePath } from "../../fs/path.ts";
import { fail, type CommandContext, type CommandResult, type ShellCommand } from "../types.ts";
import { applyMode } from "./file-mode.ts";

interface Parsed {
  recursive: boolean;
  operands: string[];
}

/**
 * Options are -R/-v/-c/-f (the last three accepted and, as a model, silent). For chmod a word
 * like `-w` is a mode, not an option, as GNU chmod reads it.
 */
function parseArgs(args: string[], modeLike: (a: string) => boolean): Parsed {
  let recursive = false;
  const operands: string[] = [];
  let done = false;
  for (const a of args) {
    if (done || !a.startsWith("-") || a === "-" || (operands.length === 0 && modeLike(a))) operands.push(a);
    else if (a === "--") done = true;
    else if (a === "--recursive") recursive = true;
    else if (/^-[Rvcfh]+$/.test(a)) recursive ||= a.includes("R");
    else operands.push(a);
  }
  return { recursive, operands };
}

function usageError(tool: string, message: string, ctx: CommandContext): CommandResult {
  return fail(ctx.flavor === "gnu" ? `${tool}: ${message}\nTry '${tool} --help' for more information.` : `${tool}: ${message}`);
}

/** Every path below (and including) `path`, parents first, as -R visits them. */
function walk(fs: FileSystem, path: string, recursive: boolean): string[] {
  const out = [path];
  if (!recursive || fs.stat(path)?.kind !== "dir") return out;
  let names: string[] = [];
  try {
    names = fs.readdir(path);
  } catch {
    return out;
  }
  for (const n of names) out.push(...walk(fs, path === "/" ? `/${n}` : `${path}/${n}`, true));
  return out;
}

/** Apply `change` to each operand (and, with -R, everything below it), collecting the errors. */
function eachFile(tool: string, verb: string, files: string[], recursive: boolean, ctx: CommandContext, change: (abs: string) => void): CommandResult {
  let stderr = "";
  for (const f of files) {
    const abs = resolvePath(ctx.cwd, f);
    if (!ctx.fs.stat(abs)) {
      stderr += ctx.flavor === "gnu" ? `${tool}: cannot access '${f}': No such file or directory\n` : `${tool}: ${f}: No such file or directory\n`;
      continue;
    }
    for (const path of walk(ctx.fs, abs, recursive)) {
      const shown = path === abs ? f : `${f.replace(/\/$/, "")}/${path.slice(abs.length + 1)}`;
      try {
        change(path);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        stderr += ctx.flavor === "gnu" ? `${tool}: ${verb} '${shown}': ${e.text}\n` : `${tool}: ${shown}: ${e.text}\n`;
      }
    }
  }
  return { stdout: "", stderr, exitCode: stderr ? 1 : 0 };
}

export const chmodCommand: ShellCommand = {
  name: "chmod",
  execute(args, ctx) {
    const { recursive, operands } = parseArgs(args, (a) => applyMode(a, 0, false) !== undefined);
    const [mode, ...files] = operands;
    if (mode === undefined) return usageError("chmod", "missing operand", ctx);
    if (files.length === 0) return usageError("chmod", `missing operand after '${mode}'`, ctx);
    if (applyMode(mode, 0, false) === undefined) return usageError("chmod", ctx.flavor === "gnu" ? `invalid mode: '${mode}'` : `invalid mode '${mode}'`, ctx);
    return eachFile("chmod", "changing permissions of", files, recursive, ctx, (path) => {
      const st = ctx.fs.stat(path)!;
      ctx.fs.chmod(path, applyMode(mode, st.mode, st.kind === "dir")!);
    });
  },
};

/** `OWNER`, `OWNER:GROUP`, `OWNER:` (the owner's login group), `:GROUP`; names or numbers. */
function parseOwner(spec: string, fs: FileSystem): { uid: number | undefined; gid: number | undefined } | { error: "user" | "group"; name: string } {
  const sep = spec.search(/[:.]/);
  const userPart = sep === -1 ? spec : spec.slice(0, sep);
  const groupPart = sep === -1 ? undefined : spec.slice(sep + 1);
  let uid: number | undefined;
  let gid: number | undefined;
  if (userPart) {
    const u = findUser(fs, userPart);
    if (!u && !/^[0-9]+$/.test(userPart)) return { error: "user", name: userPart };
    uid = u ? u.uid : Number(userPart);
    if (groupPart === "" && u) gid = u.gid;
  }
  if (groupPart) {
    const g = findGroup(fs, groupPart);
    if (!g && !/^[0-9]+$/.test(groupPart)) return { error: "group", name: groupPart };
    gid = g ? g.gid : Number(groupPart);
  }
  return { uid, gid };
}

export const chownCommand: ShellCommand = {
  name: "chown",
  execute(args, ctx) {
    const { recursive, operands } = parseArgs(args, () => false);
    const [spec, ...files] = operands;
    if (spec === undefined) return usageError("chown", "missing operand", ctx);
    if (files.length === 0) return usageError("chown", `missing operand after '${spec}'`, ctx);
    const owner = parseOwner(spec, ctx.fs);
    if ("error" in owner) {
      return fail(ctx.flavor === "gnu" ? `chown: invalid ${owner.error}: '${spec}'` : `chown: unknown ${owner.error} ${owner.name}`);
    }
    return eachFile("chown", "changing ownership of", files, recursive, ctx, (path) => {
      const st = ctx.fs.stat(path)!;
      ctx.fs.chown(path, owner.uid ?? st.uid, owner.gid ?? st.gid);
    });
  },
};

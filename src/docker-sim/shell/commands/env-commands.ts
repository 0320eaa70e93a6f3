/** Environment and process builtins: env, printenv, export, unset, cd, pwd, sh, id, true... */
import { ROOT } from "../../fs/access-fs.ts";
import { groupNameOf, userNameOf } from "../../fs/accounts.ts";
import { resolvePath } from "../../fs/path.ts";
import { fail, ok, type ShellCommand } from "../types.ts";

export const envCommand: ShellCommand = {
  name: "env",
  execute(_args, ctx) {
    return ok([...ctx.env].map(([k, v]) => `${k}=${v}\n`).join(""));
  },
};

export const printenvCommand: ShellCommand = {
  name: "printenv",
  execute(args, ctx) {
    if (args.length === 0) return ok([...ctx.env].map(([k, v]) => `${k}=${v}\n`).join(""));
    const found = args.filter((a) => ctx.env.has(a));
    return { stdout: found.map((a) => `${ctx.env.get(a)}\n`).join(""), stderr: "", exitCode: found.length === args.length ? 0 : 1 };
  },
};

export const exportCommand: ShellCommand = {
  name: "export",
  execute(args, ctx) {
    if (args.length === 0 || args[0] === "-p") {
      return ok([...ctx.env].map(([k, v]) => `declare -x ${k}="${v}"\n`).join(""));
    }
    for (const a of args) {
      const eq = a.indexOf("=");
      const name = eq === -1 ? a : a.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return fail(`bash: export: \`${a}': not a valid identifier`);
      if (eq === -1) ctx.shell.exportVar(name);
      else ctx.shell.setVar(name, a.slice(eq + 1), true);
    }
    return ok();
  },
};

export const unsetCommand: ShellCommand = {
  name: "unset",
  execute(args, ctx) {
    for (const a of args) ctx.shell.unsetVar(a);
    return ok();
  },
};

export const cdCommand: ShellCommand = {
  name: "cd",
  execute(args, ctx) {
    const target = args[0] ?? ctx.shell.vars.get("HOME") ?? "/";
    const abs = resolvePath(ctx.cwd, target);
    const st = ctx.fs.stat(abs);
    const prefix = ctx.flavor === "gnu" ? "bash: cd" : "sh: cd";
    if (!st) return fail(`${prefix}: ${target}: No such file or directory`);
    if (st.kind !== "dir") return fail(`${prefix}: ${target}: Not a directory`);
    ctx.shell.setCwd(abs);
    return ok();
  },
};

export const pwdCommand: ShellCommand = { name: "pwd", execute: (_a, ctx) => ok(`${ctx.cwd}\n`) };
export const trueCommand: ShellCommand = { name: "true", execute: () => ok() };
export const falseCommand: ShellCommand = { name: "false", execute: () => ({ stdout: "", stderr: "", exitCode: 1 }) };

/** `sh -c 'script'`, `sh FILE`, or a script on stdin; a bare `sh` without a terminal exits at once. */
export const shCommand: ShellCommand = {
  name: "sh",
  async execute(args, ctx) {
    const c = args.indexOf("-c");
    if (c !== -1) {
      const script = args[c + 1];
      if (script === undefined) return fail("sh: -c requires an argument", 2);
      return ctx.shell.runScript(script, { env: ctx.env });
    }
    // `sh rotate.sh`: run the file (options such as -e/-x are accepted and, as a model, ignored).
    const file = args.find((a) => !a.startsWith("-"));
    if (file !== undefined) {
      let script: string;
      try {
        script = ctx.fs.readFile(resolvePath(ctx.cwd, file));
      } catch {
        return fail(`sh: can't open '${file}': No such file or directory`, 2);
      }
      return ctx.shell.runScript(script, { env: ctx.env });
    }
    if (ctx.stdin) return ctx.shell.runScript(ctx.stdin, { env: ctx.env });
    return ok();
  },
};

/** `id`: uid, primary group and groups, with names from the file system's /etc/passwd and /etc/group. */
export const idCommand: ShellCommand = {
  name: "id",
  execute(_args, ctx) {
    const who = ctx.user ?? ROOT;
    const named = (n: number, name: string | undefined): string => (name === undefined ? String(n) : `${n}(${name})`);
    const groups = who.groups.map((g) => named(g, groupNameOf(ctx.fs, g))).join(",");
    return ok(`uid=${named(who.uid, userNameOf(ctx.fs, who.uid))} gid=${named(who.gid, groupNameOf(ctx.fs, who.gid))}${groups ? ` groups=${groups}` : ""}\n`);
  },
};

export const whoamiCommand: ShellCommand = {
  name: "whoami",
  execute(_args, ctx) {
    const uid = (ctx.user ?? ROOT).uid;
    const name = userNameOf(ctx.fs, uid) ?? (uid === 0 ? "root" : undefined);
    if (name !== undefined) return ok(`${name}\n`);
    return fail(ctx.flavor === "gnu" ? `whoami: cannot find name for user ID ${uid}` : `whoami: unknown uid ${uid}`);
  },
};
export const hostnameCommand: ShellCommand = { name: "hostname", execute: (_a, ctx) => ok(`${ctx.env.get("HOSTNAME") ?? "localhost"}\n`) };

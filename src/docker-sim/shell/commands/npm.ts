/**
 * A simulated `npm ci` / `npm install`. It needs a registry token only when package.json has a
 * private scoped dependency, and looks for one where npm does: `_authToken=` in the project's or
 * the user's .npmrc, either literal or `${NPM_TOKEN}`, which npm fills from its environment.
 * It reports which source it used so a lesson can check that the token came from a secret mount.
 *
 * npm never opens /run/secrets/npm_token by itself: a secret mounted as a file reaches it only
 * through the environment, with `env=NPM_TOKEN` on the mount or `NPM_TOKEN=$(cat ...) npm ci`.
 * (A bare NPM_TOKEN / NODE_AUTH_TOKEN with no .npmrc is still accepted, a simplification that
 * lessons typing a Dockerfile without an .npmrc rely on.)
 */
import { FsError } from "../../fs/file-system.ts";
import { resolvePath } from "../../fs/path.ts";
import { fail, ok, type CommandContext, type ShellCommand } from "../types.ts";

export type NpmTokenSource = "env" | "npmrc" | null;

export interface NpmInstallRecord {
  command: string;
  cwd: string;
  tokenSource: NpmTokenSource;
  /** The token value found (so graders can check where it went); null when none was needed/found. */
  token: string | null;
  ok: boolean;
}

function readOptional(ctx: CommandContext, path: string): string | undefined {
  try {
    return ctx.fs.readFile(path);
  } catch {
    return undefined;
  }
}

function findToken(ctx: CommandContext): { source: NpmTokenSource; token: string | null } {
  for (const rc of [resolvePath(ctx.cwd, ".npmrc"), `${ctx.env.get("HOME") ?? "/root"}/.npmrc`]) {
    const text = readOptional(ctx, rc);
    const m = text ? /_authToken=(\S+)/.exec(text) : null;
    if (!m) continue;
    const ref = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(m[1]!);
    if (!ref) return { source: "npmrc", token: m[1]! };
    const v = ctx.env.get(ref[1]!);
    if (v) return { source: "env", token: v };
  }
  for (const name of ["NPM_TOKEN", "NODE_AUTH_TOKEN"]) {
    const v = ctx.env.get(name);
    if (v) return { source: "env", token: v };
  }
  return { source: null, token: null };
}

/** npm 10's report when the OS refuses it a directory (exit code 243). */
function npmAccessError(path: string): string {
  return [
    "npm error code EACCES",
    "npm error syscall mkdir",
    `npm error path ${path}`,
    "npm error errno -13",
    `npm error Error: EACCES: permission denied, mkdir '${path}'`,
    `npm error  [Error: EACCES: permission denied, mkdir '${path}'] {`,
    "npm error   errno: -13,",
    "npm error   code: 'EACCES',",
    "npm error   syscall: 'mkdir',",
    `npm error   path: '${path}'`,
    "npm error }",
    "npm error",
    "npm error The operation was rejected by your operating system.",
    "npm error It is likely you do not have the permissions to access this file as the current user",
    "npm error",
    "npm error If you believe this might be a permissions issue, please double-check the",
    "npm error permissions of the file and its containing directories, or try running",
    "npm error the command again as root/Administrator.",
  ].join("\n");
}

export function createNpmCommand(onInstall: (record: NpmInstallRecord) => void = () => {}): ShellCommand {
  return {
    name: "npm",
    execute(args, ctx) {
      const sub = args[0];
      if (sub === "--version" || sub === "-v") return ok("10.9.0\n");
      if (sub !== "ci" && sub !== "install" && sub !== "i") {
        if (sub === "start" || sub === "run") return ok("");
        return fail(`Unknown command: "${sub ?? ""}"\n\nTo see a list of supported npm commands, run:\n  npm help`, 1);
      }
      const pkgPath = resolvePath(ctx.cwd, "package.json");
      const pkgText = readOptional(ctx, pkgPath);
      if (pkgText === undefined) {
        onInstall({ command: `npm ${sub}`, cwd: ctx.cwd, tokenSource: null, token: null, ok: false });
        return fail(
          [
            "npm error code ENOENT",
            "npm error syscall open",
            `npm error path ${pkgPath}`,
            "npm error errno -2",
            `npm error enoent Could not read package.json: Error: ENOENT: no such file or directory, open '${pkgPath}'`,
            "npm error enoent This is related to npm not being able to find a file.",
            "npm error enoent",
          ].join("\n"),
          254,
        );
      }
      let deps: string[] = [];
      try {
        const pkg = JSON.parse(pkgText) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
        deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
      } catch {
        return fail(`npm error code EJSONPARSE\nnpm error JSON.parse Invalid package.json: ${pkgPath}`, 1);
      }
      const { source, token } = findToken(ctx);
      const privateDep = deps.find((d) => d.startsWith("@") && !d.startsWith("@types/"));
      if (privateDep && !token) {
        onInstall({ command: `npm ${sub}`, cwd: ctx.cwd, tokenSource: null, token: null, ok: false });
        return fail(
          `npm error code E401\nnpm error 401 Unauthorized - GET https://registry.npmjs.org/${privateDep.replace("/", "%2f")} - authentication token not provided`,
          1,
        );
      }
      try {
        for (const d of deps) {
          ctx.fs.writeFile(resolvePath(ctx.cwd, `node_modules/${d}/package.json`), `{"name":"${d}","version":"1.0.0"}\n`, { parents: true });
        }
        ctx.fs.writeFile(resolvePath(ctx.cwd, "node_modules/.package-lock.json"), `{"name":"app","lockfileVersion":3,"packages":{}}\n`, { parents: true });
      } catch (e) {
        // `USER node` before `npm ci` in a directory root owns: the classic EACCES.
        if (!(e instanceof FsError) || e.code !== "EACCES") throw e;
        onInstall({ command: `npm ${sub}`, cwd: ctx.cwd, tokenSource: null, token: null, ok: false });
        return fail(npmAccessError(e.path), 243);
      }
      onInstall({ command: `npm ${sub}`, cwd: ctx.cwd, tokenSource: privateDep ? source : null, token: privateDep ? token : null, ok: true });
      const n = deps.length * 7 + 1;
      return ok(`\nadded ${n} packages, and audited ${n + 1} packages in 2s\n\nfound 0 vulnerabilities\n`);
    },
  };
}

/** `node`: version, `-e` printing env values (the classic leak demo); scripts run in the Runtime. */
export const nodeCommand: ShellCommand = {
  name: "node",
  execute(args, ctx) {
    if (args[0] === "--version" || args[0] === "-v") return ok("v22.12.0\n");
    if (args[0] === "-e" || args[0] === "-p") {
      const code = args[1] ?? "";
      const m = /^(?:console\.log\()?process\.env\.([A-Za-z_][A-Za-z0-9_]*)\)?;?$/.exec(code.trim());
      if (m) return ok(`${ctx.env.get(m[1]!) ?? "undefined"}\n`);
      return ok("");
    }
    return ok("");
  },
};

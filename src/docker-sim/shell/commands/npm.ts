/**
 * A simulated `npm ci` / `npm install` (npm 10). Like npm, it takes registry credentials only
 * from its config: the project's .npmrc (in the current directory) and the user's ~/.npmrc,
 * the project file winning. A token is `//<registry host>/<path>/:_authToken=...`, for the
 * registry a package comes from (`@scope:registry=...`, else `registry=...`, else
 * https://registry.npmjs.org/). Values may say `${VAR}`, which npm fills from its environment
 * when it loads the file. An environment variable on its own (NPM_TOKEN, NODE_AUTH_TOKEN) is
 * never read: it reaches npm only through such a line. (npm also reads `npm_config_*`
 * environment variables; this simulation does not.)
 *
 * npm 7 and later leave an undefined `${VAR}` as it is (`${VAR?}` becomes empty), so the
 * registry receives the literal text `${NPM_TOKEN}` as the token and answers 401. npm 6 and
 * older stopped instead with "Failed to replace env in config: ${NPM_TOKEN}"; the image's npm
 * is 10, so that message never appears here.
 *
 * It needs a token only for a private scoped dependency, or when one is configured but
 * invalid. It reports which source it used so a lesson can check that the token came from a
 * secret mount: "env" when the .npmrc line named a variable, "npmrc" when the token is
 * written in the file itself.
 *
 * npm never opens /run/secrets/npm_token by itself: a secret mounted as a file reaches it only
 * through the environment, with `env=NPM_TOKEN` on the mount or `NPM_TOKEN=$(cat ...) npm ci`,
 * and an .npmrc line naming that variable.
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

const DEFAULT_REGISTRY = "https://registry.npmjs.org/";

/** @npmcli/config's env-replace: `${VAR}` from the environment, left as is when undefined; `${VAR?}` empty. */
function envReplace(text: string, env: CommandContext["env"]): string {
  return text.replace(/(?<!\\)(\\*)\$\{([^${}?]+)(\?)?\}/g, (orig, esc: string, name: string, modifier?: string) => {
    if (esc.length % 2) return orig.slice((esc.length + 1) / 2);
    const value = env.get(name);
    return esc.slice(esc.length / 2) + (value !== undefined ? value : modifier === "?" ? "" : `\${${name}}`);
  });
}

interface NpmrcEntry {
  value: string;
  /** The value named an environment variable, as written in the file. */
  fromEnv: boolean;
}

interface NpmrcFile {
  where: "project" | "user";
  entries: Map<string, NpmrcEntry>;
}

/** An ini file as npm reads it: `key = value` lines, `#`/`;` comments, optional quotes. */
function parseNpmrc(text: string, where: NpmrcFile["where"], env: CommandContext["env"]): NpmrcFile {
  const entries = new Map<string, NpmrcEntry>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    const key = envReplace(line.slice(0, eq).trim(), env);
    let value = line.slice(eq + 1).trim();
    if (/^(".*"|'.*')$/.test(value)) value = value.slice(1, -1);
    entries.set(key, { value: envReplace(value, env), fromEnv: /\$\{[^}]+\}/.test(value) });
  }
  return { where, entries };
}

function loadConfig(ctx: CommandContext): NpmrcFile[] {
  const files: NpmrcFile[] = [];
  const project = resolvePath(ctx.cwd, ".npmrc");
  const user = `${ctx.env.get("HOME") ?? "/root"}/.npmrc`;
  for (const [path, where] of [[project, "project"], [user, "user"]] as const) {
    if (where === "user" && path === project) continue;
    const text = readOptional(ctx, path);
    if (text !== undefined) files.push(parseNpmrc(text, where, ctx.env));
  }
  return files;
}

/** The project file wins over the user file. */
function get(files: NpmrcFile[], key: string): NpmrcEntry | undefined {
  for (const f of files) {
    const e = f.entries.get(key);
    if (e) return e;
  }
  return undefined;
}

/** `https://registry.example/npm/` -> `//registry.example/npm/`, the prefix of per-registry keys. */
function nerfDart(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname.endsWith("/") ? u.pathname : `${u.pathname}/`;
    return `//${u.host}${path}`;
  } catch {
    return withSlash(url.replace(/^[a-z]+:/i, ""));
  }
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

function registryFor(files: NpmrcFile[], pkg: string): string {
  const scope = pkg.startsWith("@") ? pkg.slice(0, pkg.indexOf("/")) : undefined;
  const scoped = scope ? get(files, `${scope}:registry`)?.value : undefined;
  return withSlash(scoped || get(files, "registry")?.value || DEFAULT_REGISTRY);
}

/** npm-registry-fetch's lookup: `<nerf dart>:_authToken`, walking up the registry's path. */
function tokenFor(files: NpmrcFile[], registry: string): NpmrcEntry | undefined {
  let key = nerfDart(registry);
  for (;;) {
    const e = get(files, `${key}:_authToken`);
    if (e) return e;
    const up = key.replace(/[^/]+\/$/, "");
    if (up === key || up === "//") return undefined;
    key = up;
  }
}

/** npm 9+ refuses credentials that are not scoped to a registry, before doing anything else. */
function invalidAuth(files: NpmrcFile[]): string | undefined {
  const problems: string[] = [];
  const nerfed = nerfDart(withSlash(get(files, "registry")?.value || DEFAULT_REGISTRY));
  for (const f of files) {
    for (const key of ["_auth", "_authToken"]) {
      if (f.entries.get(key)?.value) problems.push(`\`${key}\` must be renamed to \`${nerfed}:${key}\` in ${f.where} config`);
    }
  }
  if (!problems.length) return undefined;
  return [
    "npm error code ERR_INVALID_AUTH",
    `npm error Invalid auth configuration found: ${problems.join(", ")}`,
    // npm's own message ends with this stray backtick.
    "npm error Please run `npm config fix` to repair your configuration.`",
  ].join("\n");
}

/** npm's E401 text when the registry's challenge says Bearer: the token was sent and refused. */
const INVALID_TOKEN = [
  "npm error code E401",
  "npm error Unable to authenticate, your authentication token seems to be invalid.",
  "npm error To correct this please try logging in again with:",
  "npm error   npm login",
].join("\n");

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
      const files = loadConfig(ctx);
      const authError = invalidAuth(files);
      if (authError) {
        onInstall({ command: `npm ${sub}`, cwd: ctx.cwd, tokenSource: null, token: null, ok: false });
        return fail(authError, 1);
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
      const privateDep = deps.find((d) => d.startsWith("@") && !d.startsWith("@types/"));
      let used: NpmrcEntry | undefined;
      for (const d of deps) {
        const registry = registryFor(files, d);
        const entry = tokenFor(files, registry);
        const token = entry?.value;
        // An undefined ${VAR} stays in the value: npm sends it, and the registry refuses it.
        if (token && token.includes("${")) {
          onInstall({ command: `npm ${sub}`, cwd: ctx.cwd, tokenSource: null, token: null, ok: false });
          return fail(INVALID_TOKEN, 1);
        }
        if (d === privateDep) {
          if (!token) {
            onInstall({ command: `npm ${sub}`, cwd: ctx.cwd, tokenSource: null, token: null, ok: false });
            return fail(
              `npm error code E401\nnpm error 401 Unauthorized - GET ${registry}${d.replace("/", "%2f")} - authentication token not provided`,
              1,
            );
          }
          // BuildKit hands a secret over byte for byte, so a token file written by `-o tsv` or
          // `jq -r` ends with a newline; Node refuses it in the Authorization header.
          if (/[\r\n]/.test(token)) {
            onInstall({ command: `npm ${sub}`, cwd: ctx.cwd, tokenSource: null, token: null, ok: false });
            return fail(`npm error code ERR_INVALID_CHAR\nnpm error Invalid character in header content ["authorization"]`, 1);
          }
          used = entry;
        }
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
      onInstall({
        command: `npm ${sub}`,
        cwd: ctx.cwd,
        tokenSource: used ? (used.fromEnv ? "env" : "npmrc") : null,
        token: used ? used.value : null,
        ok: true,
      });
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

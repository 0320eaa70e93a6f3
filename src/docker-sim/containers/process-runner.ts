/**
 * What a container's main process does. The simulator does not run binaries; it recognises the
 * commands lessons use: shell tools run and exit, servers (nginx, sleep, `node app.js`) keep
 * running, and `node <file>` is handed to an AppRunner (the TypeScript runtime) when one is set.
 */
import { AccessFs, ROOT } from "../fs/access-fs.ts";
import { ShellInterpreter } from "../shell/interpreter.ts";
import { containerCommands } from "../shell/registries.ts";
import { createRegistry, type CommandResult } from "../shell/types.ts";
import type { Container } from "./container.ts";
import { processEnv } from "./container.ts";
import { resolveUser, type ProcessUser, type UserLookup } from "./process-user.ts";
import { HELLO_WORLD_TEXT } from "../images/base-images.ts";

/** What another engine needs to run the learner's app as this container's process. */
export interface AppLaunch {
  containerId: string;
  containerName: string;
  argv: string[];
  env: Record<string, string>;
  /** Every file the process can see (image layers, writable layer, mounts), /proc excluded. */
  files: Record<string, string>;
  workingDir: string;
}

export type AppRunner = (launch: AppLaunch) => Promise<CommandResult>;

export type ProcessOutcome =
  | { kind: "exited"; result: CommandResult }
  | { kind: "running"; stdout: string; stderr: string }
  | { kind: "not-found"; program: string }
  /** A path that is a directory or has no execute bit: runc's EACCES, `docker run` exits 126. */
  | { kind: "denied"; program: string }
  | { kind: "no-user"; error: string };

const ENTRYPOINT_SCRIPTS = new Set(["docker-entrypoint.sh", "/docker-entrypoint.sh", "/usr/local/bin/docker-entrypoint.sh"]);
const LONG_RUNNING = new Set(["nginx", "sleep", "top", "redis-server", "httpd", "postgres", "mysqld", "mariadbd", "apache2-foreground", "dockerd", "dockerd-entrypoint.sh"]);
/** Interpreters that, with no script, no terminal and no stdin, read nothing and exit 0. */
const REPLS = new Set(["python", "python3", "node"]);

/** What an official image's entrypoint refuses before its server starts (from the images' docker-entrypoint.sh). */
function entrypointRefusal(program: string, env: ReadonlyMap<string, string>): string | undefined {
  const set = (k: string): boolean => !!env.get(k) || !!env.get(`${k}_FILE`);
  if (program === "postgres" && !set("POSTGRES_PASSWORD") && env.get("POSTGRES_HOST_AUTH_METHOD") !== "trust") {
    return 'Error: Database is uninitialized and superuser password is not specified.\n       You must specify POSTGRES_PASSWORD to a non-empty value for the\n       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n\n       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all\n       connections without a password. This is *not* recommended.\n\n       See PostgreSQL documentation about "trust":\n       https://www.postgresql.org/docs/current/auth-trust.html\n';
  }
  return undefined;
}

/** Strip the official images' pass-through entrypoints (node's prepends `node` for `-flags`). */
export function effectiveArgv(argv: readonly string[]): string[] {
  if (argv.length > 0 && ENTRYPOINT_SCRIPTS.has(argv[0]!)) {
    const rest = argv.slice(1);
    if (argv[0] === "docker-entrypoint.sh" && (rest.length === 0 || rest[0]!.startsWith("-"))) return ["node", ...rest];
    return rest;
  }
  return [...argv];
}

/** Who a process of this container runs as: `spec` (exec --user), else Config.User (run --user, USER). */
export function processUser(c: Container, spec = c.config.User): UserLookup {
  return resolveUser(spec, c.fs);
}

export function containerShell(c: Container, extraEnv: readonly [string, string][] = [], user?: ProcessUser): ShellInterpreter {
  const resolved = user ? undefined : processUser(c);
  const who = user ?? (resolved?.ok ? resolved.value : { ...ROOT, home: "/root" });
  const env = new Map(processEnv(c, who.home));
  for (const [k, v] of extraEnv) env.set(k, v);
  // Root is never refused; anyone else goes through the kernel's permission checks.
  const fs = who.uid === 0 ? c.fs : new AccessFs(c.fs, who);
  return new ShellInterpreter({ fs, commands: createRegistry(containerCommands()), flavor: "busybox", cwd: c.config.WorkingDir || "/", env, user: who });
}

/** Run argv as a program (no shell parsing), as `docker exec` and the container's main process do. */
export async function runProgram(shell: ShellInterpreter, argv: readonly string[], stdin = ""): Promise<CommandResult | undefined> {
  const name = argv[0]!.replace(/^\/(usr\/)?(local\/)?s?bin\//, "");
  const command = shell.commands.get(name) ?? (name === "bash" || name === "ash" ? shell.commands.get("sh") : undefined);
  if (!command) return undefined;
  return command.execute(argv.slice(1), { fs: shell.fs, cwd: shell.cwd, env: shell.environment, stdin, flavor: shell.flavor, shell, user: shell.user });
}

export async function startProcess(c: Container, launch: () => AppLaunch, appRunner: AppRunner | undefined): Promise<ProcessOutcome> {
  // The daemon resolves --user / USER before anything runs.
  const user = processUser(c);
  if (!user.ok) return { kind: "no-user", error: user.error };
  const argv = effectiveArgv([c.path, ...c.args].filter((a, i) => i > 0 || a !== ""));
  const program = argv[0]?.replace(/^\/(usr\/)?(local\/)?s?bin\//, "");
  if (!program) return { kind: "exited", result: { stdout: "", stderr: "", exitCode: 0 } };
  const target = argv[0]!.includes("/") ? c.fs.stat(argv[0]!) : undefined;
  if (target && (target.kind === "dir" || (target.mode & 0o111) === 0)) return { kind: "denied", program: argv[0]! };
  if (program === "/hello" || program === "hello") return { kind: "exited", result: { stdout: HELLO_WORLD_TEXT, stderr: "", exitCode: 0 } };
  const refusal = entrypointRefusal(program, new Map(processEnv(c)));
  if (refusal) return { kind: "exited", result: { stdout: "", stderr: refusal, exitCode: 1 } };
  if (LONG_RUNNING.has(program) || (program === "tail" && argv.includes("-f"))) {
    const stdout =
      program === "nginx"
        ? "/docker-entrypoint.sh: Configuration complete; ready for start up\n"
        : "";
    return { kind: "running", stdout, stderr: "" };
  }
  if (program === "node" || program === "npm") {
    const script = argv.slice(1).find((a) => !a.startsWith("-"));
    const isEval = argv.includes("-e") || argv.includes("-p") || argv.includes("--version") || argv.includes("-v");
    if (program === "node" && !script && !isEval) return { kind: "exited", result: { stdout: "", stderr: "", exitCode: 0 } };
    if (!isEval) {
      if (appRunner) return { kind: "exited", result: await appRunner(launch()) };
      return { kind: "running", stdout: "", stderr: "" };
    }
  }
  if (REPLS.has(program) && argv.length === 1) return { kind: "exited", result: { stdout: "", stderr: "", exitCode: 0 } };
  if ((program === "sh" || program === "bash" || program === "ash") && !argv.includes("-c")) {
    // No terminal, no stdin: an interactive shell exits at once.
    return { kind: "exited", result: { stdout: "", stderr: "", exitCode: 0 } };
  }
  const result = await runProgram(containerShell(c, [], user.value), argv);
  if (!result) return { kind: "not-found", program: argv[0]! };
  return { kind: "exited", result };
}

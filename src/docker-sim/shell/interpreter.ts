/**
 * Runs a parsed Script: expands words, wires pipes and redirections, looks commands up in the
 * registry. One interpreter serves the learner's host shell (bash wording), `docker exec ... sh -c`
 * inside containers and `RUN` during builds (busybox wording).
 */
import type { AndOr, Pipeline, Redirect, SimpleCommand } from "./ast.ts";
import { ShellSyntaxError } from "./lexer.ts";
import { parseScript } from "./parser.ts";
import { expandJoined, expandText, expandWord, type ExpandContext } from "./expand.ts";
import type { CommandContext, CommandRegistry, CommandResult, ShellControl, ShellFlavor } from "./types.ts";
import { ROOT, type Credentials } from "../fs/access-fs.ts";
import { FsError, type FileSystem } from "../fs/file-system.ts";
import { resolvePath } from "../fs/path.ts";

export interface ShellOptions {
  fs: FileSystem;
  commands: CommandRegistry;
  flavor: ShellFlavor;
  cwd: string;
  /** Initial variables; all of them are exported (an inherited environment). */
  env?: ReadonlyMap<string, string> | Record<string, string>;
  /**
   * Who the shell runs as (what `id` and `whoami` report). Permission checks are the file
   * system's job: a non-root process gets an AccessFs as `fs`. Default: root.
   */
  user?: Credentials;
}

export class ShellInterpreter implements ShellControl {
  readonly fs: FileSystem;
  readonly commands: CommandRegistry;
  readonly flavor: ShellFlavor;
  readonly user: Credentials;
  cwd: string;
  private readonly varMap = new Map<string, string>();
  private readonly exported = new Set<string>();
  private lastExit = 0;
  /** Set by the `exit` builtin: stops the script with this code. */
  private exitRequested: number | undefined;

  constructor(options: ShellOptions) {
    this.fs = options.fs;
    this.commands = options.commands;
    this.flavor = options.flavor;
    this.user = options.user ?? ROOT;
    this.cwd = options.cwd;
    const env = options.env instanceof Map ? options.env : new Map(Object.entries(options.env ?? {}));
    for (const [k, v] of env) this.setVar(k, v, true);
  }

  get vars(): ReadonlyMap<string, string> {
    return this.varMap;
  }

  /** The exported variables: what a child process (or `docker run -e NAME`) sees. */
  get environment(): Map<string, string> {
    const env = new Map<string, string>();
    for (const k of this.exported) {
      const v = this.varMap.get(k);
      if (v !== undefined) env.set(k, v);
    }
    return env;
  }

  setVar(name: string, value: string, exported = false): void {
    this.varMap.set(name, value);
    if (exported) this.exported.add(name);
  }
  exportVar(name: string): void {
    this.exported.add(name);
  }
  unsetVar(name: string): void {
    this.varMap.delete(name);
    this.exported.delete(name);
  }
  setCwd(path: string): void {
    this.cwd = path;
  }

  private get shellName(): string {
    return this.flavor === "gnu" ? "bash" : "sh";
  }

  async runScript(source: string, options: { stdin?: string; env?: ReadonlyMap<string, string> } = {}): Promise<CommandResult> {
    const child = new ShellInterpreter({ fs: this.fs, commands: this.commands, flavor: this.flavor, cwd: this.cwd, env: options.env ?? this.environment, user: this.user });
    return child.run(source, options.stdin ?? "");
  }

  /** Run a whole script; stdout and stderr are collected separately, in order. */
  async run(source: string, stdin = ""): Promise<CommandResult> {
    let script;
    try {
      script = parseScript(source);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        this.lastExit = 2;
        return { stdout: "", stderr: `${this.shellName}: ${e.message}\n`, exitCode: 2 };
      }
      throw e;
    }
    let stdout = "";
    let stderr = "";
    for (const item of script.items) {
      const r = await this.runAndOr(item, stdin);
      stdout += r.stdout;
      stderr += r.stderr;
      if (this.exitRequested !== undefined) {
        this.lastExit = this.exitRequested;
        break;
      }
    }
    return { stdout, stderr, exitCode: this.lastExit };
  }

  private async runAndOr(item: AndOr, stdin: string): Promise<CommandResult> {
    let r = await this.runPipeline(item.first, stdin);
    let stdout = r.stdout;
    let stderr = r.stderr;
    for (const { op, pipeline } of item.rest) {
      if (this.exitRequested !== undefined) break;
      if ((op === "&&" && r.exitCode !== 0) || (op === "||" && r.exitCode === 0)) continue;
      r = await this.runPipeline(pipeline, stdin);
      stdout += r.stdout;
      stderr += r.stderr;
    }
    return { stdout, stderr, exitCode: this.lastExit };
  }

  private async runPipeline(p: Pipeline, stdin: string): Promise<CommandResult> {
    let input = stdin;
    let stderr = "";
    let last: CommandResult = { stdout: "", stderr: "", exitCode: 0 };
    for (const cmd of p.commands) {
      last = await this.runCommand(cmd, input);
      stderr += last.stderr;
      input = last.stdout;
    }
    const exitCode = p.negate ? (last.exitCode === 0 ? 1 : 0) : last.exitCode;
    this.lastExit = exitCode;
    return { stdout: last.stdout, stderr, exitCode };
  }

  private expandContext(): ExpandContext {
    return {
      lookup: (name) => (name === "?" ? String(this.lastExit) : name === "$" ? "1" : this.varMap.get(name)),
      substitute: async (source) => (await this.runScript(source)).stdout,
      fs: this.fs,
      cwd: this.cwd,
    };
  }

  private async runCommand(cmd: SimpleCommand, pipeIn: string): Promise<CommandResult> {
    const ectx = this.expandContext();
    const argv: string[] = [];
    for (const w of cmd.words) argv.push(...(await expandWord(w, ectx)));
    const assigned = new Map<string, string>();
    for (const a of cmd.assignments) assigned.set(a.name, await expandJoined(a.value, ectx));

    if (argv.length === 0) {
      for (const [k, v] of assigned) this.setVar(k, v, this.exported.has(k));
      // Redirections alone still create or truncate files (`> file`).
      const r = await this.applyRedirects(cmd.redirects, { stdout: "", stderr: "", exitCode: 0 }, ectx);
      return r;
    }

    let stdin = pipeIn;
    for (const r of cmd.redirects) {
      if (r.op === "<<" && r.heredoc) stdin = r.heredoc.expand ? await expandText(r.heredoc.body, ectx) : r.heredoc.body;
      if (r.op === "<" && r.target) {
        const path = await expandJoined(r.target, ectx);
        try {
          stdin = path === "/dev/null" ? "" : this.fs.readFile(resolvePath(this.cwd, path));
        } catch (e) {
          if (e instanceof FsError) return this.finish({ stdout: "", stderr: `${this.shellName}: ${path}: ${e.text}\n`, exitCode: 1 });
          throw e;
        }
      }
    }

    const env = this.environment;
    for (const [k, v] of assigned) env.set(k, v);
    const name = argv[0]!;
    if (name === "exit") {
      // `exit` ends this shell; in a pipeline it would only end a subshell, which we do not model.
      this.exitRequested = argv[1] === undefined ? this.lastExit : Number(argv[1]) & 255;
      return this.finish({ stdout: "", stderr: "", exitCode: this.exitRequested });
    }
    const command = this.commands.get(name);
    let result: CommandResult;
    if (!command) {
      result =
        this.flavor === "gnu"
          ? { stdout: "", stderr: `bash: ${name}: command not found\n`, exitCode: 127 }
          : { stdout: "", stderr: `sh: ${name}: not found\n`, exitCode: 127 };
    } else {
      const ctx: CommandContext = { fs: this.fs, cwd: this.cwd, env, stdin, flavor: this.flavor, shell: this, user: this.user };
      result = await command.execute(argv.slice(1), ctx);
    }
    return this.finish(await this.applyRedirects(cmd.redirects, result, ectx));
  }

  private finish(r: CommandResult): CommandResult {
    this.lastExit = r.exitCode;
    return r;
  }

  /** Route a finished command's streams: `> file`, `>> file`, `2> file`, `2>&1`, `>&2`. */
  private async applyRedirects(redirects: Redirect[], result: CommandResult, ectx: ExpandContext): Promise<CommandResult> {
    let { stdout, stderr } = result;
    let exitCode = result.exitCode;
    for (const r of redirects) {
      if (r.op === ">&") {
        if (r.fd === 2 && r.dupTo === 1) {
          stdout += stderr;
          stderr = "";
        } else if (r.fd === 1 && r.dupTo === 2) {
          stderr += stdout;
          stdout = "";
        }
        continue;
      }
      if ((r.op !== ">" && r.op !== ">>") || !r.target) continue;
      const target = await expandJoined(r.target, ectx);
      let data: string;
      if (r.fd === -1) {
        data = stdout + stderr;
        stdout = "";
        stderr = "";
      } else if (r.fd === 2) {
        data = stderr;
        stderr = "";
      } else {
        data = stdout;
        stdout = "";
      }
      if (target === "/dev/null") continue;
      if (target === "/dev/stderr") {
        stderr += data;
        continue;
      }
      try {
        this.fs.writeFile(resolvePath(this.cwd, target), data, { append: r.op === ">>" });
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        const msg = this.flavor === "gnu" ? `bash: ${target}: ${e.text}` : `sh: can't create ${target}: ${e.text}`;
        return { stdout, stderr: `${stderr}${msg}\n`, exitCode: 1 };
      }
    }
    return { stdout, stderr, exitCode };
  }
}

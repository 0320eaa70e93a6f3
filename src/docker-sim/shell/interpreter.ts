/**
 * Runs a parsed Script: expands words, wires pipes and redirections, runs control flow and
 * functions, looks commands up in the registry. One interpreter serves the learner's host shell
 * (bash wording), `docker exec ... sh -c` inside containers and `RUN` during builds (busybox
 * wording).
 *
 * It shares the page's main thread, so it runs in slices: every few milliseconds it yields to
 * the event loop (the page stays responsive and a Ctrl+C can arrive), and an aborted signal
 * ends the line with status 130. Limits (see limits.ts) end runaways with a message.
 */
import type { AndOr, Command, FunctionDef, List, Pipeline, Redirect, SimpleCommand, TestExpr, Word } from "./ast.ts";
import { ShellInputLimitError, ShellSyntaxError } from "./lexer.ts";
import { parseScript } from "./parser.ts";
import { ExpansionError, expandJoined, expandPattern, expandText, expandWord, type ExpandContext } from "./expand.ts";
import { ArithmeticError, evaluateArithmetic } from "./arithmetic.ts";
import { matchPattern } from "./pattern.ts";
import { braceExpand } from "./brace.ts";
import { binaryTest, evaluateTest, unaryTest } from "./test-expression.ts";
import { BufferSink, Input, TeeSink, type IO, type OutputChunk, type Sink } from "./io.ts";
import { AbortLine, BreakSignal, ContinueSignal, ExitSignal, InterruptSignal, ReturnSignal } from "./signals.ts";
import { DEFAULT_LIMITS, formatBytes, type ShellLimits } from "./limits.ts";
import type { CommandContext, CommandRegistry, CommandResult, NetworkHandler, ShellControl, ShellFlavor } from "./types.ts";
import { ROOT, type Credentials } from "../fs/access-fs.ts";
import { findUser } from "../fs/accounts.ts";
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
  limits?: Partial<ShellLimits>;
  /** How `sleep` waits: the simulated clock's job (default: real time, cut short by Ctrl+C). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock `date` reads (default: the wall clock). */
  now?: () => Date;
  /** The learner's prompt (not `sh -c` or a build step): background jobs announce themselves, `[1] 4243`. */
  interactive?: boolean;
  /** The simulated network `curl` reaches (none: every host fails to resolve). */
  network?: NetworkHandler;
}

export interface RunOptions {
  stdin?: string;
  /** Ctrl+C: abort to stop the line (status 130). */
  signal?: AbortSignal;
  /** Each piece of output as it is written, in order, stdout and stderr interleaved. */
  onOutput?: (chunk: OutputChunk) => void;
}

/** What one top-level run shares with every subshell, function, `sh -c` and job inside it. */
interface RunContext {
  signal?: AbortSignal;
  subshellDepth: number;
  /** Set when a limit ends the line (a fork bomb in a job): every other part of it stops too. */
  line: { fatal?: AbortLine };
}

/** A background job (`cmd &`): it runs beside the prompt, until it ends or `kill %N`. */
interface Job {
  id: number;
  pid: number;
  controller: AbortController;
  done: Promise<void>;
}

/** What a shell shares with all its subshells and jobs: the process table and the event loop's clock. */
interface HostState {
  processes: number;
  lastYield: number;
  jobs: Map<number, Job>;
  nextPid: number;
}

/** The commands the interpreter answers itself, because they change the shell's own state. */
const BUILTINS = new Set([
  ":", "true", "false", "exit", "return", "break", "continue", "local", "declare", "typeset", "readonly", "set", "shift", "eval", "source", ".",
  "exec", "read", "test", "[", "let", "type", "command", "wait", "kill", "jobs", "trap", "shopt", "ulimit", "export", "unset", "cd", "pwd", "echo", "printf",
]);
/** Builtins a registry command of the same name stands in for (cd, echo...): the registry's wording wins. */
const REGISTRY_FIRST = new Set(["cd", "pwd", "echo", "printf", "true", "false"]);

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class ShellInterpreter implements ShellControl {
  readonly fs: FileSystem;
  readonly commands: CommandRegistry;
  readonly flavor: ShellFlavor;
  readonly user: Credentials;
  readonly limits: ShellLimits;
  cwd: string;
  private readonly options: ShellOptions;
  private varMap = new Map<string, string>();
  private readonlyVars = new Set<string>();
  private exported = new Set<string>();
  private functions = new Map<string, Command>();
  private positionals: string[] = [];
  private localScopes: Map<string, { value: string | undefined; exported: boolean }>[] = [];
  private lastExit = 0;
  private errexit = false;
  private nounset = false;
  private xtrace = false;
  private pipefail = false;
  /** > 0 while running a condition (`if`, `while`, `&&` left side): `set -e` does not fire there. */
  private conditionDepth = 0;
  private loopDepth = 0;
  private functionDepth = 0;
  private rc: RunContext | undefined;
  private host: HostState = { processes: 0, lastYield: now(), jobs: new Map(), nextPid: 4242 };

  constructor(options: ShellOptions) {
    this.options = options;
    this.fs = options.fs;
    this.commands = options.commands;
    this.flavor = options.flavor;
    this.user = options.user ?? ROOT;
    this.cwd = options.cwd;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    const env = options.env instanceof Map ? options.env : new Map(Object.entries(options.env ?? {}));
    for (const [k, v] of env) {
      this.varMap.set(k, v);
      this.exported.add(k);
    }
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

  /** End every background job (the terminal was reset or closed): what a hang-up does to them. */
  stopJobs(): void {
    for (const job of this.host.jobs.values()) job.controller.abort();
  }

  get functionNames(): string[] {
    return [...this.functions.keys()];
  }

  setVar(name: string, value: string, exported = false): void {
    if (this.readonlyVars.has(name)) throw new ExpansionError(`${name}: readonly variable`);
    if (value.length > this.limits.maxVariableLength) {
      throw new AbortLine(`${this.shellName}: ${name}: value too long: ${value.length} characters (the simulated shell holds at most ${this.limits.maxVariableLength} in one variable)`);
    }
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
    if (this.varMap.has("PWD")) this.varMap.set("PWD", path);
  }

  private get shellName(): string {
    return this.flavor === "gnu" ? "bash" : "sh";
  }

  /** A child shell for `sh -c` / `bash script`: the environment only, no functions or unexported vars. */
  async runScript(source: string, options: { stdin?: string; env?: ReadonlyMap<string, string>; args?: readonly string[] } = {}): Promise<CommandResult> {
    const child = new ShellInterpreter({ ...this.options, cwd: this.cwd, env: options.env ?? this.environment });
    child.positionals = [...(options.args ?? [])];
    child.host = this.host;
    if (this.rc) {
      if (this.rc.subshellDepth >= this.limits.maxSubshellDepth) throw new AbortLine(`${this.shellName}: maximum shell nesting level exceeded (${this.limits.maxSubshellDepth})`);
      child.rc = this.rc;
      this.rc.subshellDepth++;
      try {
        return await child.runInContext(source, options.stdin ?? "");
      } finally {
        this.rc.subshellDepth--;
      }
    }
    return child.run(source, { stdin: options.stdin });
  }

  /** Run a whole script; stdout and stderr are collected separately, and reported in order through `onOutput`. */
  async run(source: string, stdinOrOptions: string | RunOptions = ""): Promise<CommandResult> {
    const options: RunOptions = typeof stdinOrOptions === "string" ? { stdin: stdinOrOptions } : stdinOrOptions;
    const outer = this.rc;
    this.rc = { signal: options.signal, subshellDepth: 0, line: {} };
    const stdout = new BufferSink(this.limits.maxOutputLength);
    const stderr = new BufferSink(this.limits.maxOutputLength);
    const io: IO = { stdin: new Input(options.stdin ?? ""), out: new TeeSink(stdout, "stdout", options.onOutput), err: new TeeSink(stderr, "stderr", options.onOutput) };
    try {
      const code = await this.execSource(source, io, true);
      if (stdout.dropped > 0 || stderr.dropped > 0) {
        const notice = `${this.shellName}: output stopped after ${formatBytes(this.limits.maxOutputLength)}: the simulated terminal keeps at most that much of one command line\n`;
        stderr.dropped = 0;
        // Past the cap on purpose: the notice must always show.
        options.onOutput?.({ stream: "stderr", text: notice });
        return { stdout: stdout.text(), stderr: stderr.text() + notice, exitCode: code };
      }
      return { stdout: stdout.text(), stderr: stderr.text(), exitCode: code };
    } finally {
      this.rc = outer;
    }
  }

  /** `sh -c` inside a run: same context (Ctrl+C, limits), own output. */
  private async runInContext(source: string, stdin: string): Promise<CommandResult> {
    const stdout = new BufferSink(this.limits.maxOutputLength);
    const stderr = new BufferSink(this.limits.maxOutputLength);
    const code = await this.execSource(source, { stdin: new Input(stdin), out: stdout, err: stderr }, false);
    return { stdout: stdout.text(), stderr: stderr.text(), exitCode: code };
  }

  /** Parse and run; `top` catches what ends the line (interrupt, fatal limits) instead of passing it on. */
  private async execSource(source: string, io: IO, top: boolean): Promise<number> {
    let script;
    try {
      script = parseScript(source, { maxHeredocLength: this.limits.maxHeredocLength });
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        io.err.write(`${this.shellName}: ${e.message}\n`);
        return (this.lastExit = 2);
      }
      if (e instanceof ShellInputLimitError) {
        io.err.write(`${this.shellName}: ${e.message}\n`);
        return (this.lastExit = 1);
      }
      throw e;
    }
    try {
      await this.runList(script, io);
    } catch (e) {
      if (e instanceof ExitSignal) this.lastExit = e.code;
      else if (e instanceof BreakSignal || e instanceof ContinueSignal) {
        // break/continue outside any loop here: bash ignores them.
      } else if (top && e instanceof InterruptSignal) this.lastExit = 130;
      else if (top && e instanceof AbortLine) {
        if (e.message) io.err.write(`${e.message}\n`);
        this.lastExit = e.code;
      } else throw e;
    }
    return this.lastExit;
  }

  /** Give the page a turn every slice; stop if Ctrl+C was pressed. */
  private async tick(): Promise<void> {
    const rc = this.rc;
    if (!rc) return;
    this.checkStop(rc);
    if (now() - this.host.lastYield >= this.limits.sliceMs) {
      await yieldToEventLoop();
      this.host.lastYield = now();
      this.checkStop(rc);
    }
  }

  private checkStop(rc: RunContext): void {
    if (rc.signal?.aborted) throw new InterruptSignal();
    // Another part of the line (a job) hit a limit and said so: this part ends quietly.
    if (rc.line.fatal) throw new AbortLine("", rc.line.fatal.code);
  }

  private async runList(list: List, io: IO): Promise<number> {
    for (const item of list.items) await this.runAndOr(item, io);
    return this.lastExit;
  }

  private async runAndOr(item: AndOr, io: IO): Promise<number> {
    if (item.background) return this.startJob(item, io);
    const last = item.rest.length;
    {
      this.conditionDepth += last > 0 ? 1 : 0;
      let code: number;
      try {
        code = await this.runPipeline(item.first, io);
      } finally {
        this.conditionDepth -= last > 0 ? 1 : 0;
      }
      for (let k = 0; k < last; k++) {
        const { op, pipeline } = item.rest[k]!;
        if ((op === "&&" && code !== 0) || (op === "||" && code === 0)) continue;
        const isLast = k === last - 1;
        if (!isLast) this.conditionDepth++;
        try {
          code = await this.runPipeline(pipeline, io);
        } finally {
          if (!isLast) this.conditionDepth--;
        }
      }
      return this.lastExit;
    }
  }

  /**
   * `cmd &`: a subshell that runs beside whatever comes next, as bash's background job does. The
   * interactive shell prints `[1] 4243`; the job's output reaches the terminal as it is written. A
   * limit it hits (a fork bomb) ends the whole line with its message.
   */
  private startJob(item: AndOr, io: IO): number {
    const rc = this.rc;
    this.enterProcess();
    const host = this.host;
    const controller = new AbortController();
    const child = this.fork();
    const signals = [controller.signal, ...(rc?.signal ? [rc.signal] : [])];
    child.rc = rc ? { ...rc, signal: signals.length > 1 ? AbortSignal.any(signals) : controller.signal } : undefined;
    // bash numbers jobs from 1 again once none is left.
    const id = Math.max(0, ...host.jobs.keys()) + 1;
    const pid = host.nextPid++;
    const sh = this.shellName;
    const done = (async () => {
      // Start on a later turn: the line goes on first, as the shell does not wait for its jobs.
      await Promise.resolve();
      try {
        await child.runInSubshell((cio) => child.runAndOr({ ...item, background: false }, cio), io);
      } catch (e) {
        if (e instanceof AbortLine) {
          if (e.message && rc && !rc.line.fatal) {
            rc.line.fatal = e;
            io.err.write(`${e.message}\n`);
          }
        } else if (!(e instanceof InterruptSignal)) io.err.write(`${sh}: ${e instanceof Error ? e.message : String(e)}\n`);
      } finally {
        // The line that started the job may be over: the count is the host's, not the line's.
        host.processes--;
        host.jobs.delete(id);
      }
    })();
    host.jobs.set(id, { id, pid, controller, done });
    if (this.options.interactive && this.functionDepth === 0 && (rc?.subshellDepth ?? 0) === 0) io.err.write(`[${id}] ${pid}\n`);
    return (this.lastExit = 0);
  }

  private enterProcess(): void {
    if (!this.rc) return;
    const host = this.host;
    if (++host.processes > this.limits.maxProcesses) {
      host.processes--;
      throw new AbortLine(`${this.shellName}: fork: retry: Resource temporarily unavailable\n${this.shellName}: fork: Resource temporarily unavailable (the simulated host allows ${this.limits.maxProcesses} processes at once)`, 254);
    }
  }
  private leaveProcess(): void {
    if (this.rc) this.host.processes--;
  }

  private async runPipeline(p: Pipeline, io: IO): Promise<number> {
    if (p.negate) this.conditionDepth++;
    let code: number;
    try {
      if (p.commands.length === 1) {
        code = await this.runCommand(p.commands[0]!, io);
      } else {
        // Each stage is a subshell; stages run one after another, each reading what the last wrote.
        let input = io.stdin;
        const codes: number[] = [];
        for (let k = 0; k < p.commands.length; k++) {
          const lastStage = k === p.commands.length - 1;
          const buffer = lastStage ? undefined : new BufferSink(this.limits.maxOutputLength);
          this.enterProcess();
          try {
            const child = this.fork();
            codes.push(await child.runInSubshell((cio) => child.runCommand(p.commands[k]!, cio), { stdin: input, out: buffer ?? io.out, err: io.err }));
          } finally {
            this.leaveProcess();
          }
          if (buffer) input = new Input(buffer.text());
        }
        code = this.pipefail ? ([...codes].reverse().find((c) => c !== 0) ?? 0) : codes[codes.length - 1]!;
      }
    } finally {
      if (p.negate) this.conditionDepth--;
    }
    if (p.negate) code = code === 0 ? 1 : 0;
    this.lastExit = code;
    if (this.errexit && code !== 0 && !p.negate && this.conditionDepth === 0) throw new ExitSignal(code);
    return code;
  }

  /** A copy of this shell for a subshell: same variables, functions and options, own changes. */
  private fork(): ShellInterpreter {
    const child = new ShellInterpreter({ ...this.options, cwd: this.cwd, env: {} });
    child.varMap = new Map(this.varMap);
    child.exported = new Set(this.exported);
    child.readonlyVars = new Set(this.readonlyVars);
    child.functions = new Map(this.functions);
    child.positionals = [...this.positionals];
    child.lastExit = this.lastExit;
    child.errexit = this.errexit;
    child.nounset = this.nounset;
    child.xtrace = this.xtrace;
    child.pipefail = this.pipefail;
    child.conditionDepth = this.conditionDepth;
    child.functionDepth = this.functionDepth;
    child.rc = this.rc;
    child.host = this.host;
    return child;
  }

  /** Run in this (forked) shell; `exit` ends only the subshell. */
  private async runInSubshell(work: (io: IO) => Promise<number>, io: IO): Promise<number> {
    try {
      return await work(io);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      if (e instanceof BreakSignal || e instanceof ContinueSignal || e instanceof ReturnSignal) return this.lastExit;
      throw e;
    }
  }

  private async runCommand(cmd: Command, io: IO): Promise<number> {
    if (cmd.type === "simple") return this.runSimple(cmd, io);
    if (cmd.type === "function") {
      this.functions.set(cmd.name, cmd.body);
      return (this.lastExit = 0);
    }
    // A failed expansion anywhere in the compound (a `for` list, a `case` word, a redirect target) discards the line.
    return this.guardExpansion(io, () => this.runCompound(cmd, io));
  }

  private async runCompound(cmd: Exclude<Command, SimpleCommand | FunctionDef>, io: IO): Promise<number> {
    return this.withRedirects(cmd.redirects, io, async (rio) => {
      switch (cmd.type) {
        case "group": return this.runList(cmd.body, rio);
        case "subshell": {
          this.enterProcess();
          try {
            const child = this.fork();
            return (this.lastExit = await child.runInSubshell((cio) => child.runList(cmd.body, cio), rio));
          } finally {
            this.leaveProcess();
          }
        }
        case "if": {
          for (const branch of cmd.branches) {
            if ((await this.asCondition(() => this.runList(branch.condition, rio))) === 0) return this.runList(branch.body, rio);
          }
          if (cmd.otherwise) return this.runList(cmd.otherwise, rio);
          return (this.lastExit = 0);
        }
        case "while":
        case "until": {
          return this.runLoop(cmd.body, rio, async () => {
            const c = await this.asCondition(() => this.runList(cmd.condition, rio));
            return cmd.type === "while" ? c === 0 : c !== 0;
          });
        }
        case "for": {
          const items: string[] = [];
          if (cmd.items) for (const w of cmd.items) for (const braced of braceExpand(w)) items.push(...(await this.expandWordOrFail(braced, rio)));
          else items.push(...this.positionals);
          let next = 0;
          return this.runLoop(cmd.body, rio, async () => {
            if (next >= items.length) return false;
            this.setVar(cmd.name, items[next++]!, this.exported.has(cmd.name));
            return true;
          });
        }
        case "case": {
          const subject = await expandJoined(cmd.subject, this.expandContext(rio));
          for (let k = 0; k < cmd.arms.length; k++) {
            const arm = cmd.arms[k]!;
            let hit = false;
            for (const p of arm.patterns) if (matchPattern(await expandPattern(p, this.expandContext(rio)), subject)) hit = true;
            if (!hit) continue;
            let status = await this.runList(arm.body, rio);
            // ;& runs the next arm's body too; ;;& tests the next patterns.
            let a = arm;
            while (a.fallthrough === ";&" && k + 1 < cmd.arms.length) {
              a = cmd.arms[++k]!;
              status = await this.runList(a.body, rio);
            }
            if (a.fallthrough !== ";;&") return (this.lastExit = status);
          }
          return (this.lastExit = 0);
        }
        case "arith": {
          try {
            const v = evaluateArithmetic(await expandText(cmd.source, this.expandContext(rio)), this.arithmeticScope());
            return (this.lastExit = v !== 0 ? 0 : 1);
          } catch (e) {
            if (!(e instanceof ArithmeticError)) throw e;
            rio.err.write(`${this.shellName}: ((: ${e.message}\n`);
            return (this.lastExit = 1);
          }
        }
        case "cond": {
          try {
            return (this.lastExit = (await this.evalCond(cmd.expr, rio)) ? 0 : 1);
          } catch (e) {
            if (typeof e !== "string") throw e;
            rio.err.write(`${this.shellName}: ${e}\n`);
            return (this.lastExit = 2);
          }
        }
      }
    });
  }

  private async asCondition(work: () => Promise<number>): Promise<number> {
    this.conditionDepth++;
    try {
      return await work();
    } finally {
      this.conditionDepth--;
    }
  }

  /**
   * Runs `body` while `next()` says to go on (it also sets the loop variable), yielding a slice
   * each round; `break`/`continue` and the loop's exit status as bash keeps them.
   */
  private async runLoop(body: List, io: IO, next: () => Promise<boolean>): Promise<number> {
    let status = 0;
    this.loopDepth++;
    try {
      for (;;) {
        await this.tick();
        if (!(await next())) break;
        const r = await this.loopBody(body, io);
        status = this.lastExit;
        if (r === "break") break;
      }
    } finally {
      this.loopDepth--;
    }
    return (this.lastExit = status);
  }

  private async loopBody(body: List, io: IO): Promise<"break" | "next"> {
    try {
      await this.runList(body, io);
      return "next";
    } catch (e) {
      if (e instanceof BreakSignal) {
        if (--e.levels > 0) throw e;
        return "break";
      }
      if (e instanceof ContinueSignal) {
        if (--e.levels > 0) throw e;
        return "next";
      }
      throw e;
    }
  }

  private async evalCond(expr: TestExpr, io: IO): Promise<boolean> {
    const ctx = this.expandContext(io);
    switch (expr.kind) {
      case "and": return (await this.evalCond(expr.left, io)) && this.evalCond(expr.right, io);
      case "or": return (await this.evalCond(expr.left, io)) || this.evalCond(expr.right, io);
      case "not": return !(await this.evalCond(expr.expr, io));
      case "word": return (await expandJoined(expr.word, ctx)) !== "";
      case "unary": {
        const operand = await expandJoined(expr.operand, ctx);
        if (expr.op === "-v") return this.varMap.has(operand);
        const r = unaryTest(expr.op, operand, this.fs, this.cwd);
        if (r === undefined) throw `unexpected argument \`${operand}' to conditional unary operator`;
        return r;
      }
      case "binary": {
        const left = await expandJoined(expr.left, ctx);
        if (expr.op === "==" || expr.op === "=" || expr.op === "!=") {
          const hit = matchPattern(await expandPattern(expr.right, ctx), left);
          return expr.op === "!=" ? !hit : hit;
        }
        const right = await expandJoined(expr.right, ctx);
        if (expr.op === "=~") {
          try {
            const m = new RegExp(right).exec(left);
            if (m) this.varMap.set("BASH_REMATCH", m[0]);
            return m !== null;
          } catch {
            return false;
          }
        }
        if (/^-(eq|ne|lt|le|gt|ge)$/.test(expr.op)) {
          const scope = this.arithmeticScope();
          const a = evaluateArithmetic(left || "0", scope);
          const b = evaluateArithmetic(right || "0", scope);
          return binaryTest(expr.op, String(a), String(b), "") === true;
        }
        return binaryTest(expr.op, left, right, "") === true;
      }
    }
  }

  private arithmeticScope() {
    return {
      get: (name: string) => this.lookup(name),
      set: (name: string, value: string) => this.assignVar(name, value),
    };
  }

  private lookup(name: string): string | undefined {
    switch (name) {
      case "?": return String(this.lastExit);
      case "$": return "1";
      case "#": return String(this.positionals.length);
      case "0": return this.shellName;
      case "!": return "";
      case "-": return this.errexit ? "ehB" : "hB";
      case "RANDOM": return String(Math.floor(Math.random() * 32768));
    }
    if (/^[1-9][0-9]*$/.test(name)) return this.positionals[Number(name) - 1];
    return this.varMap.get(name);
  }

  /** Assign, keeping a local's scope and the exported flag. */
  private assignVar(name: string, value: string): void {
    this.setVar(name, value, this.exported.has(name));
  }

  private expandContext(io: IO): ExpandContext {
    return {
      lookup: (name) => {
        const v = this.lookup(name);
        if (v === undefined && this.nounset && !"@*#?$!-0".includes(name)) throw new ExpansionError(`${name}: unbound variable`);
        return v;
      },
      assign: (name, value) => this.assignVar(name, value),
      positional: () => this.positionals,
      substitute: (source) => this.commandSubstitution(source, io),
      arithmetic: (source) => String(evaluateArithmetic(source, this.arithmeticScope())),
      home: (user) => (user === "" ? (this.varMap.get("HOME") ?? "/root") : findUser(this.fs, user)?.home),
      fs: this.fs,
      cwd: this.cwd,
    };
  }

  private async commandSubstitution(source: string, io: IO): Promise<string> {
    const rc = this.rc;
    if (rc) {
      if (rc.subshellDepth >= this.limits.maxSubshellDepth) throw new AbortLine(`${this.shellName}: maximum command substitution nesting level exceeded (${this.limits.maxSubshellDepth})`);
      rc.subshellDepth++;
    }
    try {
      const child = this.fork();
      const out = new BufferSink(this.limits.maxOutputLength);
      const code = await child.runInSubshell(() => child.execSource(source, { stdin: new Input(""), out, err: io.err }, false), io);
      this.lastExit = code;
      return out.text();
    } finally {
      if (rc) rc.subshellDepth--;
    }
  }

  private async expandWordOrFail(word: Word, io: IO): Promise<string[]> {
    return expandWord(word, this.expandContext(io));
  }

  /**
   * Expand, reporting a failed expansion (`${X:?}`, `$((1/0))`) as bash does: the message, then the
   * rest of the line is discarded (an interactive bash jumps back to the prompt with status 1; a
   * script or subshell ends there).
   */
  private async guardExpansion<T>(io: IO, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (e instanceof ExpansionError || e instanceof ArithmeticError || e instanceof ShellSyntaxError) {
        io.err.write(`${this.shellName}: ${e.message}\n`);
        this.lastExit = 1;
        throw new ExitSignal(1);
      }
      throw e;
    }
  }

  private async runSimple(cmd: SimpleCommand, io: IO): Promise<number> {
    await this.tick();
    const expanded = await this.guardExpansion(io, async () => {
      const ectx = this.expandContext(io);
      const argv: string[] = [];
      for (const w of cmd.words) for (const braced of braceExpand(w)) argv.push(...(await expandWord(braced, ectx)));
      const assigned = new Map<string, string>();
      for (const a of cmd.assignments) assigned.set(a.name, await expandJoined(a.value, ectx));
      return { argv, assigned };
    });
    const { argv, assigned } = expanded;

    if (argv.length === 0) {
      // With no command, the status is that of the last command substitution (or 0).
      const substituted = cmd.assignments.some((a) => a.value.parts.some((p) => p.kind === "subst"));
      const status = substituted ? this.lastExit : 0;
      // Redirections alone still create or truncate files (`> file`).
      return this.guardExpansion(io, async () => {
        for (const [k, v] of assigned) this.assignVar(k, v);
        return this.withRedirects(cmd.redirects, io, async () => (this.lastExit = status));
      });
    }
    if (this.xtrace) io.err.write(`+ ${[...[...assigned].map(([k, v]) => `${k}=${v}`), ...argv].join(" ")}\n`);
    return this.guardExpansion(io, () => this.withRedirects(cmd.redirects, io, async (rio) => (this.lastExit = await this.invoke(argv, assigned, rio))));
  }

  /** Run argv: a function, a builtin, a registered command, or a script by path. */
  private async invoke(argv: string[], assigned: ReadonlyMap<string, string>, io: IO): Promise<number> {
    const name = argv[0]!;
    const args = argv.slice(1);
    const fn = this.functions.get(name);
    if (fn) return this.callFunction(name, fn, args, assigned, io);
    const registered = this.commands.get(name);
    if (BUILTINS.has(name) && !(registered && REGISTRY_FIRST.has(name))) {
      const r = await this.builtin(name, args, io, assigned);
      if (r !== undefined) return r;
    }
    if (registered) {
      const env = this.environment;
      for (const [k, v] of assigned) env.set(k, v);
      // stdin is read only by a command that asks for it: `echo` in `while read` leaves the rest for `read`.
      let stdin: string | undefined;
      const ctx: CommandContext = {
        fs: this.fs,
        cwd: this.cwd,
        env,
        get stdin() {
          return (stdin ??= io.stdin.rest());
        },
        flavor: this.flavor,
        shell: this,
        user: this.user,
        signal: this.rc?.signal,
        write: (stream, text) => (stream === "stdout" ? io.out : io.err).write(text),
        sleep: (ms) => this.sleep(ms),
        outputLimit: this.limits.maxOutputLength,
        now: () => (this.options.now ?? (() => new Date()))(),
        network: this.options.network,
      };
      const result = await registered.execute(args, ctx);
      io.out.write(result.stdout);
      io.err.write(result.stderr);
      return result.exitCode;
    }
    if (name.includes("/")) return this.runPath(name, args, io);
    io.err.write(this.flavor === "gnu" ? `bash: ${name}: command not found\n` : `sh: ${name}: not found\n`);
    return 127;
  }

  /** `./deploy.sh`: 126 when it is not executable or a directory, 127 when missing, as bash reports. */
  private async runPath(path: string, args: string[], io: IO): Promise<number> {
    const abs = resolvePath(this.cwd, path);
    const st = this.fs.stat(abs);
    const who = this.flavor === "gnu" ? "bash" : "sh";
    if (!st) {
      io.err.write(`${who}: ${path}: No such file or directory\n`);
      return 127;
    }
    if (st.kind === "dir") {
      io.err.write(`${who}: ${path}: Is a directory\n`);
      return 126;
    }
    const execBits = this.user.uid === st.uid ? 0o100 : this.user.groups?.includes(st.gid) || this.user.gid === st.gid ? 0o010 : 0o001;
    if ((st.mode & (this.user.uid === 0 ? 0o111 : execBits)) === 0) {
      io.err.write(`${who}: ${path}: Permission denied\n`);
      return 126;
    }
    let text: string;
    try {
      text = this.fs.readFile(abs);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      io.err.write(`${who}: ${path}: ${e.text}\n`);
      return 126;
    }
    const r = await this.runScript(text.replace(/^#![^\n]*\n/, ""), { args, stdin: io.stdin.rest() });
    io.out.write(r.stdout);
    io.err.write(r.stderr);
    return r.exitCode;
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.rc?.signal;
    if (signal?.aborted) return Promise.reject(new InterruptSignal());
    const wait = this.options.sleep ? this.options.sleep(ms, signal) : realSleep(ms, signal);
    return wait.then(() => {
      if (signal?.aborted) throw new InterruptSignal();
    });
  }

  private async callFunction(name: string, body: Command, args: string[], assigned: ReadonlyMap<string, string>, io: IO): Promise<number> {
    if (this.functionDepth >= this.limits.maxFunctionDepth) {
      throw new AbortLine(`${this.shellName}: ${name}: maximum function nesting level exceeded (${this.limits.maxFunctionDepth})`);
    }
    const savedArgs = this.positionals;
    const scope = new Map<string, { value: string | undefined; exported: boolean }>();
    this.localScopes.push(scope);
    // `VAR=x f`: the assignment lasts for the call, like a local.
    for (const [k, v] of assigned) {
      scope.set(k, { value: this.varMap.get(k), exported: this.exported.has(k) });
      this.setVar(k, v, true);
    }
    this.positionals = args;
    this.functionDepth++;
    try {
      return await this.runCommand(body, io);
    } catch (e) {
      if (e instanceof ReturnSignal) return (this.lastExit = e.code);
      throw e;
    } finally {
      this.functionDepth--;
      this.positionals = savedArgs;
      this.localScopes.pop();
      for (const [k, saved] of scope) {
        // A `local -r` ends with its function.
        this.readonlyVars.delete(k);
        if (saved.value === undefined) this.varMap.delete(k);
        else this.varMap.set(k, saved.value);
        if (saved.exported) this.exported.add(k);
        else this.exported.delete(k);
      }
    }
  }

  /** Route a command's streams for its run: `> f`, `>> f`, `2> f`, `&> f`, `2>&1`, `< f`, `<<EOF`, `<<<`. */
  private async withRedirects(redirects: Redirect[], io: IO, work: (io: IO) => Promise<number>): Promise<number> {
    if (redirects.length === 0) return work(io);
    const ectx = this.expandContext(io);
    const files: { path: string; sink: BufferSink; append: boolean }[] = [];
    const fds: Record<number, Sink> = { 1: io.out, 2: io.err };
    let stdin = io.stdin;
    const fail = (target: string, e: FsError): number => {
      io.err.write(this.flavor === "gnu" ? `bash: ${target}: ${e.text}\n` : `sh: can't ${e.code === "ENOENT" ? "open" : "create"} ${target}: ${e.text}\n`);
      return (this.lastExit = 1);
    };
    for (const r of redirects) {
      if (r.op === "<<" && r.heredoc) {
        stdin = new Input(r.heredoc.expand ? await expandText(r.heredoc.body, ectx) : r.heredoc.body);
        continue;
      }
      if (r.op === "<<<" && r.target) {
        stdin = new Input(`${await expandJoined(r.target, ectx)}\n`);
        continue;
      }
      if (r.op === ">&") {
        const to = fds[r.dupTo ?? 1];
        if (r.fd === 0) continue;
        if (!to) {
          io.err.write(`${this.shellName}: ${r.dupTo}: Bad file descriptor\n`);
          return (this.lastExit = 1);
        }
        fds[r.fd] = to;
        continue;
      }
      if (!r.target) continue;
      const target = await expandJoined(r.target, ectx);
      const path = resolvePath(this.cwd, target);
      if (r.op === "<") {
        try {
          stdin = new Input(target === "/dev/null" ? "" : this.fs.readFile(path));
        } catch (e) {
          if (e instanceof FsError) return fail(target, e);
          throw e;
        }
        continue;
      }
      let sink: Sink;
      if (target === "/dev/null") sink = { write: () => undefined };
      else if (target === "/dev/stderr") sink = io.err;
      else if (target === "/dev/stdout") sink = io.out;
      else {
        // The file is created (or truncated) before the command runs, as the shell's open(2) does.
        try {
          if (r.op === ">" || !this.fs.stat(path)) this.fs.writeFile(path, "");
          else this.fs.writeFile(path, "", { append: true });
        } catch (e) {
          if (e instanceof FsError) return fail(target, e);
          throw e;
        }
        const buffer = new BufferSink(this.limits.maxOutputLength);
        files.push({ path, sink: buffer, append: true });
        sink = buffer;
      }
      fds[r.fd] = sink;
      if (r.both) fds[2] = sink;
    }
    const code = await (async () => {
      try {
        return await work({ stdin, out: fds[1]!, err: fds[2]! });
      } finally {
        for (const f of files) {
          const text = f.sink.text();
          if (text) this.fs.writeFile(f.path, text, { append: true });
        }
      }
    })();
    return code;
  }

  /** The builtins that need the shell itself; undefined hands the name on to the registry. */
  private async builtin(name: string, args: string[], io: IO, assigned: ReadonlyMap<string, string>): Promise<number | undefined> {
    const sh = this.shellName;
    const err = (text: string, code = 1): number => {
      io.err.write(`${text}\n`);
      return code;
    };
    switch (name) {
      case ":":
      case "true": return 0;
      case "false": return 1;
      case "wait": {
        // Wait for the jobs named (%N or a pid), or all of them.
        const jobs = args.length === 0 ? [...this.host.jobs.values()] : args.map((a) => this.findJob(a)).filter((j): j is Job => j !== undefined);
        await Promise.all(jobs.map((j) => j.done));
        return 0;
      }
      case "kill": {
        const targets = args.filter((a, k) => !/^-/.test(a) && !(args[k - 1] === "-s" || args[k - 1] === "-n"));
        if (targets.length === 0) return err(`${sh}: kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]`, 2);
        let status = 0;
        for (const t of targets) {
          const job = this.findJob(t);
          if (job) job.controller.abort();
          else {
            io.err.write(t.startsWith("%") ? `${sh}: kill: ${t}: no such job\n` : /^[0-9]+$/.test(t) ? `${sh}: kill: (${t}) - No such process\n` : `${sh}: kill: ${t}: arguments must be process or job IDs\n`);
            status = 1;
          }
        }
        return status;
      }
      case "jobs": {
        io.out.write([...this.host.jobs.values()].map((j) => `[${j.id}]  Running                 (pid ${j.pid})\n`).join(""));
        return 0;
      }
      case "trap":
      case "shopt":
      case "ulimit": return 0;
      case "exit": {
        const code = args[0] === undefined ? this.lastExit : Number(args[0]);
        if (Number.isNaN(code)) {
          io.err.write(`${sh}: exit: ${args[0]}: numeric argument required\n`);
          throw new ExitSignal(2);
        }
        throw new ExitSignal(code & 255);
      }
      case "return": {
        if (this.functionDepth === 0) return err(`${sh}: return: can only \`return' from a function or sourced script`);
        const code = args[0] === undefined ? this.lastExit : Number(args[0]);
        if (Number.isNaN(code)) return err(`${sh}: return: ${args[0]}: numeric argument required`, 2);
        throw new ReturnSignal(code & 255);
      }
      case "break":
      case "continue": {
        if (this.loopDepth === 0) return err(`${sh}: ${name}: only meaningful in a \`for', \`while', or \`until' loop`, 0);
        const n = args[0] === undefined ? 1 : Number(args[0]);
        if (!Number.isInteger(n) || n < 1) return err(`${sh}: ${name}: ${args[0]}: loop count out of range`);
        throw name === "break" ? new BreakSignal(Math.min(n, this.loopDepth)) : new ContinueSignal(Math.min(n, this.loopDepth));
      }
      case "local": {
        const scope = this.localScopes[this.localScopes.length - 1];
        if (!scope) return err(`${sh}: local: can only be used in a function`);
        for (const a of args.filter((x) => !x.startsWith("-"))) {
          const eq = a.indexOf("=");
          const n = eq === -1 ? a : a.slice(0, eq);
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) return err(`${sh}: local: \`${a}': not a valid identifier`);
          if (!scope.has(n)) scope.set(n, { value: this.varMap.get(n), exported: this.exported.has(n) });
          if (eq !== -1) this.setVar(n, a.slice(eq + 1));
          else if (!this.varMap.has(n)) this.varMap.set(n, "");
          if (args.some((x) => /^-[a-z]*r/.test(x))) this.readonlyVars.add(n);
        }
        return 0;
      }
      case "declare":
      case "typeset":
      case "readonly": {
        const flags = args.filter((a) => a.startsWith("-")).join("");
        const names = args.filter((a) => !a.startsWith("-"));
        if (names.length === 0) {
          if (flags.includes("f")) {
            io.out.write(this.functionNames.map((f) => `declare -f ${f}\n`).join(""));
            return 0;
          }
          const list = flags.includes("x") ? [...this.environment] : [...this.varMap];
          io.out.write(list.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => (flags.includes("x") ? `declare -x ${k}=${bashQuote(v)}\n` : `${k}=${v}\n`)).join(""));
          return 0;
        }
        const scope = this.functionDepth > 0 && name !== "readonly" && !flags.includes("g") ? this.localScopes[this.localScopes.length - 1] : undefined;
        for (const a of names) {
          const eq = a.indexOf("=");
          const n = eq === -1 ? a : a.slice(0, eq);
          if (scope && !scope.has(n)) scope.set(n, { value: this.varMap.get(n), exported: this.exported.has(n) });
          if (eq !== -1) this.setVar(n, a.slice(eq + 1));
          if (flags.includes("x")) this.exported.add(n);
          if (name === "readonly" || flags.includes("r")) this.readonlyVars.add(n);
        }
        return 0;
      }
      case "export": {
        if (args.length === 0 || args[0] === "-p") {
          const env = [...this.environment].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
          io.out.write(env.map(([k, v]) => (this.flavor === "gnu" ? `declare -x ${k}=${bashQuote(v)}\n` : `export ${k}='${v.replace(/'/g, "'\\''")}'\n`)).join(""));
          return 0;
        }
        let status = 0;
        for (const a of args.filter((x) => x !== "-n")) {
          const eq = a.indexOf("=");
          const n = eq === -1 ? a : a.slice(0, eq);
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) {
            io.err.write(`${sh}: export: \`${a}': not a valid identifier\n`);
            status = 1;
            continue;
          }
          if (eq === -1) this.exported.add(n);
          else this.setVar(n, a.slice(eq + 1), true);
        }
        return status;
      }
      case "unset": {
        const fnMode = args.includes("-f");
        let status = 0;
        for (const a of args.filter((x) => !x.startsWith("-"))) {
          if (fnMode) this.functions.delete(a);
          else if (this.readonlyVars.has(a)) {
            io.err.write(`${sh}: unset: ${a}: cannot unset: readonly variable\n`);
            status = 1;
          } else if (this.varMap.has(a)) this.unsetVar(a);
          else this.functions.delete(a);
        }
        return status;
      }
      case "set": {
        if (args.length === 0) {
          io.out.write([...this.varMap].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}\n`).join(""));
          return 0;
        }
        for (let k = 0; k < args.length; k++) {
          const a = args[k]!;
          if (a === "--") {
            this.positionals = args.slice(k + 1);
            return 0;
          }
          if (a === "-o" || a === "+o") {
            const opt = args[++k];
            const on = a === "-o";
            if (opt === "errexit") this.errexit = on;
            else if (opt === "nounset") this.nounset = on;
            else if (opt === "xtrace") this.xtrace = on;
            else if (opt === "pipefail") this.pipefail = on;
            else if (opt !== undefined) return err(`${sh}: set: ${opt}: invalid option name`, 2);
            continue;
          }
          if (/^[-+][a-zA-Z]+$/.test(a)) {
            const on = a[0] === "-";
            for (const f of a.slice(1)) {
              if (f === "e") this.errexit = on;
              else if (f === "u") this.nounset = on;
              else if (f === "x") this.xtrace = on;
              else if (!"vfhnbmCBHPT".includes(f)) return err(`${sh}: set: ${a[0]}${f}: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]`, 2);
            }
            continue;
          }
          this.positionals = args.slice(k);
          return 0;
        }
        return 0;
      }
      case "shift": {
        const n = args[0] === undefined ? 1 : Number(args[0]);
        if (n > this.positionals.length) return 1;
        this.positionals = this.positionals.slice(n);
        return 0;
      }
      case "eval": return this.runNested(args.join(" "), io);
      case "source":
      case ".": {
        const file = args[0];
        if (file === undefined) return err(`${sh}: ${name}: filename argument required\n${name}: usage: ${name} filename [arguments]`, 2);
        let text: string;
        try {
          text = this.fs.readFile(resolvePath(this.cwd, file));
        } catch (e) {
          if (!(e instanceof FsError)) throw e;
          return err(`${sh}: ${file}: ${e.text}`);
        }
        const saved = this.positionals;
        if (args.length > 1) this.positionals = args.slice(1);
        this.functionDepth++;
        try {
          return await this.runNested(text, io);
        } catch (e) {
          if (e instanceof ReturnSignal) return e.code;
          throw e;
        } finally {
          this.functionDepth--;
          this.positionals = saved;
        }
      }
      case "exec": {
        if (args.length === 0) return 0;
        // The command replaces the shell: when it ends, so does the shell.
        const code = await this.invoke(args, assigned, io);
        throw new ExitSignal(code);
      }
      case "read": {
        let raw = false;
        const names: string[] = [];
        for (let k = 0; k < args.length; k++) {
          const a = args[k]!;
          if (a === "-r") raw = true;
          else if (a === "-p" || a === "-t" || a === "-n" || a === "-d" || a === "-u") {
            if (a === "-p") io.err.write(args[k + 1] ?? "");
            k++;
          } else if (a === "-s") continue;
          else names.push(a);
        }
        let line = io.stdin.readLine();
        if (line === undefined) return 1;
        if (!raw) line = line.replace(/\\(.)/g, "$1");
        const targets = names.length ? names : ["REPLY"];
        const fields = names.length ? line.trim().split(/[ \t]+/) : [line];
        targets.forEach((n, idx) => {
          const last = idx === targets.length - 1;
          this.assignVar(n, last ? fields.slice(idx).join(" ") : (fields[idx] ?? ""));
        });
        return 0;
      }
      case "test":
      case "[": {
        let targs = args;
        if (name === "[") {
          if (args[args.length - 1] !== "]") return err(`${sh}: [: missing \`]'`, 2);
          targs = args.slice(0, -1);
        }
        const r = evaluateTest(targs, this.fs, this.cwd, name);
        if (r.status === 2) return err(r.error, 2);
        return r.status;
      }
      case "let": {
        if (args.length === 0) return err(`${sh}: let: expression expected`);
        let v = 0;
        for (const a of args) {
          try {
            v = evaluateArithmetic(a, this.arithmeticScope());
          } catch (e) {
            if (e instanceof ArithmeticError) return err(`${sh}: let: ${e.message}`);
            throw e;
          }
        }
        return v !== 0 ? 0 : 1;
      }
      case "type":
      case "command": {
        const verbose = name === "command" ? args[0] === "-v" || args[0] === "-V" : true;
        const names = name === "command" ? (verbose ? args.slice(1) : args) : args.filter((a) => !a.startsWith("-"));
        if (name === "command" && !verbose) {
          if (names.length === 0) return 0;
          return this.invoke(names, assigned, io);
        }
        let status = 0;
        for (const n of names) {
          const kind = this.functions.has(n) ? "function" : BUILTINS.has(n) ? "builtin" : this.commands.has(n) ? "file" : undefined;
          if (!kind) {
            if (name === "type") io.err.write(`${sh}: type: ${n}: not found\n`);
            status = 1;
            continue;
          }
          if (name === "command") io.out.write(`${kind === "file" ? `/usr/bin/${n}` : n}\n`);
          else io.out.write(kind === "function" ? `${n} is a function\n` : kind === "builtin" ? `${n} is a shell builtin\n` : `${n} is /usr/bin/${n}\n`);
        }
        return status;
      }
    }
    return undefined;
  }

  /** `%1`, `%%`, `%+` or a job's pid. */
  private findJob(spec: string): Job | undefined {
    const jobs = [...this.host.jobs.values()];
    if (spec === "%%" || spec === "%+" || spec === "%") return jobs[jobs.length - 1];
    if (/^%[0-9]+$/.test(spec)) return this.host.jobs.get(Number(spec.slice(1)));
    if (/^[0-9]+$/.test(spec)) return jobs.find((j) => j.pid === Number(spec));
    return undefined;
  }

  /** `eval` and `source`: parse and run in this shell, with this shell's streams. */
  private async runNested(source: string, io: IO): Promise<number> {
    let script;
    try {
      script = parseScript(source, { maxHeredocLength: this.limits.maxHeredocLength });
    } catch (e) {
      if (e instanceof ShellSyntaxError || e instanceof ShellInputLimitError) {
        io.err.write(`${this.shellName}: ${e.message}\n`);
        return (this.lastExit = 2);
      }
      throw e;
    }
    return this.runList(script, io);
  }
}

function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** How `declare -x` / `export -p` print a value: double quotes, with `"`, `$`, `` ` `` and `\` escaped. */
export function bashQuote(value: string): string {
  return `"${value.replace(/(["$`\\])/g, "\\$1")}"`;
}

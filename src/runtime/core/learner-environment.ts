/**
 * The learner's Node-like world for one run, independent of where it executes (a browser Worker or a
 * Node worker thread): file system, process, console, timers, fetch and modules, wired together,
 * plus the rules for how a run ends (event loop empty, process.exit, uncaught error). The worker
 * entries create one per worker and feed it messages; everything environment-specific arrives as
 * `EnvironmentHost`.
 */
import type { HostToWorker, WorkerToHost } from '../protocol.ts';
import type { NetworkFailure, SerializedResponse } from '../network/http-message.ts';
import type { RunRequest } from '../types.ts';
import { SandboxBuffer } from './buffer-shim.ts';
import { format } from './console-format.ts';
import { createDotenvConfigModule, createDotenvModule } from './dotenv.ts';
import { EventLoop, type HostTimers } from './event-loop.ts';
import { createFsModule } from './fs-shim.ts';
import { inspect } from './inspect.ts';
import type { CompiledFiles, Transpile } from './compiled-code.ts';
import { LinkError, ModuleLoader, type Evaluate } from './module-loader.ts';
import { ModuleRegistry, registeredModules, type ModuleContext } from './module-registry.ts';
import { OutputSink } from './output-sink.ts';
import { createPathModule } from './path-shim.ts';
import { ProcessExit, ProcessShim, toExitStatus } from './process-shim.ts';
import { createSimulatedFetch } from './simulated-fetch.ts';
import { LearnerSources, cleanStack, codeFrame, topLearnerLocation } from './stack-trace.ts';
import { VirtualFs } from './virtual-fs.ts';

/** The learner may replace `performance.now`; the run's timings keep the real clock. */
const now = performance.now.bind(performance);

export interface EnvironmentHost {
  post(message: WorkerToHost): void;
  /** Real timers, captured before learner code runs. */
  timers: HostTimers;
  evaluate: Evaluate;
  /**
   * Makes a shim (`process`, `console`, `fetch`, `Buffer`, timers) reachable as `globalThis.<name>` too;
   * modules always see the shims through their wrapper's parameters.
   */
  installGlobal: (name: string, value: unknown) => void;
  /** TypeScript -> module body, for files the run brought no compiled code for. */
  transpile: Transpile;
}

/** Why the program stops on an error. */
export type UncaughtKind = 'exception' | 'rejection';

export class LearnerEnvironment {
  private finished = false;
  private process: ProcessShim | undefined;
  private sink: OutputSink | undefined;
  private loop: EventLoop | undefined;
  private vfs: VirtualFs | undefined;
  private readonly sources = new LearnerSources();
  private readonly pendingFetches = new Map<number, (result: SerializedResponse | NetworkFailure) => void>();
  private nextFetchId = 1;
  private transpileMs = 0;
  private executeStartedAt = 0;

  private readonly host: EnvironmentHost;

  constructor(host: EnvironmentHost) {
    this.host = host;
  }

  receive(message: HostToWorker): void {
    if (message.type === 'run') void this.run(message.request, message.outputCap, message.compiled);
    else if (message.type === 'fetch-result') this.pendingFetches.get(message.id)?.(message.result);
    // `bundle` answers are taken by the worker entry that asked (see worker/browser-worker-entry.ts).
  }

  /** Keeps the run alive until the returned closer is called (a platform call in flight). */
  openHandle(): (() => void) | undefined {
    const handle = this.loop?.openHandle();
    return handle ? () => handle.close() : undefined;
  }

  private formatStack = (stack: string): string => cleanStack(stack, this.sources);

  private async run(request: RunRequest, outputCap: number, compiled: CompiledFiles = {}): Promise<void> {
    const startedAt = performance.now();
    const sink = new OutputSink((chunks, truncated) => this.host.post({ type: 'output', chunks, ...(truncated ? { truncated } : {}) }), this.host.timers, outputCap);
    const loop = new EventLoop(this.host.timers, (error) => this.reportUncaught(error, 'exception'));
    const vfs = new VirtualFs(request.files);
    const entryPath = vfs.resolve(request.entry);
    const process = new ProcessShim({
      env: request.env,
      entryPath,
      argv: request.argv ?? [],
      write: (stream, text) => sink.write(stream, text),
      exit: (code) => this.finish(code),
      startedAt,
    });
    this.sink = sink;
    this.loop = loop;
    this.vfs = vfs;
    this.process = process;

    const console = this.createConsole(sink);
    const fetch = createSimulatedFetch(
      (serialized) =>
        new Promise((resolve) => {
          const id = this.nextFetchId++;
          this.pendingFetches.set(id, (result) => {
            this.pendingFetches.delete(id);
            resolve(result);
          });
          this.host.post({ type: 'fetch', id, request: serialized });
        }),
      loop,
    );
    const fs = createFsModule(vfs, loop);
    const globals: Record<string, unknown> = {
      process,
      console,
      fetch,
      Buffer: SandboxBuffer,
      ...loop.timerGlobals(),
    };
    for (const [name, value] of Object.entries(globals)) this.host.installGlobal(name, value);

    const registry = this.createRegistry(vfs, process, fs);
    let loader: ModuleLoader;
    const context = (): ModuleContext => ({ fetch, process, console, fs, require: (name) => loader.requireBuiltin(name) });
    loader = new ModuleLoader({ vfs, registry, sources: this.sources, evaluate: this.host.evaluate, globals, context, transpile: this.host.transpile, compiled });

    try {
      await loader.link(request.entry);
    } catch (error) {
      this.transpileMs = performance.now() - startedAt;
      if (!(error instanceof LinkError)) throw error;
      this.reportLinkError(error);
      return;
    }
    this.transpileMs = performance.now() - startedAt;
    // Always sent, even empty: the host takes only a run's first, which is then surely this one.
    this.host.post({ type: 'compiled', files: loader.transpiled });
    this.executeStartedAt = performance.now();

    try {
      await loader.evaluateAll();
    } catch (error) {
      this.reportUncaught(error, 'exception');
      return;
    }
    await loop.untilIdle();
    // One more turn: Chromium delivers `unhandledrejection` in a task it posts after the microtask
    // checkpoint, which the idle check's own turn (posted earlier) can beat. Without it a rejection
    // nobody handled in the program's last step exited 0 in the browser (Node: the error, exit 1).
    await loop.nextTurn();
    this.finish(toExitStatus(process.exitCode));
  }

  private createRegistry(vfs: VirtualFs, process: ProcessShim, fs: Record<string, unknown>): ModuleRegistry {
    const dotenv = createDotenvModule(vfs, process.env);
    const util = { format: (...args: unknown[]) => format(args, { formatStack: this.formatStack }), inspect: (value: unknown, options?: { depth?: number }) => inspect(value, { ...options, formatStack: this.formatStack }) };
    const registry = new ModuleRegistry()
      .register({ name: 'node:fs', aliases: ['fs'], factory: () => fs })
      .register({ name: 'node:fs/promises', aliases: ['fs/promises'], factory: () => fs['promises'] })
      .register({ name: 'node:path', aliases: ['path', 'node:path/posix', 'path/posix'], factory: () => createPathModule() })
      .register({ name: 'node:process', aliases: ['process'], factory: () => process })
      .register({ name: 'node:util', aliases: ['util'], factory: () => util })
      .register({ name: 'dotenv', factory: () => dotenv })
      .register({ name: 'dotenv/config', factory: () => createDotenvConfigModule(dotenv, process.env) });
    for (const definition of registeredModules()) registry.register(definition);
    return registry;
  }

  private createConsole(sink: OutputSink): Console {
    const line = (stream: 'stdout' | 'stderr') => (...args: unknown[]) => {
      // Past the output cap nothing is shown, so skip the formatting work too.
      if (!sink.discarding) sink.write(stream, `${format(args, { formatStack: this.formatStack })}\n`);
    };
    const counts = new Map<string, number>();
    const timers = new Map<string, number>();
    const console = {
      log: line('stdout'),
      info: line('stdout'),
      debug: line('stdout'),
      error: line('stderr'),
      warn: line('stderr'),
      trace: (...args: unknown[]) => line('stderr')(`Trace: ${format(args)}\n${this.formatStack(new Error().stack ?? '').split('\n').slice(1).join('\n')}`),
      dir: (value: unknown) => line('stdout')(inspect(value, { formatStack: this.formatStack })),
      table: (value: unknown) => line('stdout')(value),
      assert: (condition: unknown, ...args: unknown[]) => {
        if (!condition) line('stderr')(args.length ? `Assertion failed: ${format(args)}` : 'Assertion failed');
      },
      count: (label = 'default') => {
        const count = (counts.get(label) ?? 0) + 1;
        counts.set(label, count);
        line('stdout')(`${label}: ${count}`);
      },
      countReset: (label = 'default') => void counts.delete(label),
      time: (label = 'default') => void timers.set(label, performance.now()),
      timeEnd: (label = 'default') => {
        const started = timers.get(label);
        timers.delete(label);
        if (started !== undefined) line('stdout')(`${label}: ${(performance.now() - started).toFixed(3)}ms`);
      },
      timeLog: (label = 'default', ...args: unknown[]) => {
        const started = timers.get(label);
        if (started !== undefined) line('stdout')(`${label}: ${(performance.now() - started).toFixed(3)}ms`, ...args);
      },
      group: line('stdout'),
      groupEnd: () => {},
    };
    return console as unknown as Console;
  }

  private reportLinkError(error: LinkError): void {
    const sink = this.sink;
    if (!sink) return;
    const header = error.location ? `${codeFrame(error.location, this.sources.lineOf(error.location.file, error.location.line))}\n\n` : '';
    sink.write('stderr', `${header}${error.kind}: ${error.message}\n`);
    this.finish(1);
  }

  /**
   * An error nobody caught: the program's `uncaughtException`/`unhandledRejection` listeners get it
   * if it has any (as in Node); otherwise it is printed with a code frame and the run ends with 1.
   */
  reportUncaught(error: unknown, kind: UncaughtKind): void {
    if (this.finished || error instanceof ProcessExit) return;
    const process = this.process;
    const sink = this.sink;
    if (!process || !sink) return;
    const event = kind === 'exception' ? 'uncaughtException' : 'unhandledRejection';
    if (process.listenerCount(event) > 0) {
      try {
        process.emit(event, error);
        return;
      } catch (handlerError) {
        error = handlerError;
        if (handlerError instanceof ProcessExit) return;
      }
    }
    let text: string;
    if (error instanceof Error) {
      const stack = typeof error.stack === 'string' ? error.stack : `${error.name}: ${error.message}`;
      const location = topLearnerLocation(stack, this.sources);
      const frame = location ? `${codeFrame(location, this.sources.lineOf(location.file, location.line))}\n\n` : '';
      text = `${frame}Uncaught ${inspect(error, { formatStack: this.formatStack })}`;
    } else if (kind === 'rejection') {
      text =
        'Uncaught [UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, ' +
        `or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${format([error])}".]`;
    } else {
      text = `Uncaught ${inspect(error)}`;
    }
    sink.write('stderr', `${text}\n`);
    this.finish(1);
  }

  /**
   * Ends the run once: `exit` listeners, last output, then `done` to the host. Each step is guarded:
   * learner code may have broken built-ins the loop or the listeners use, and `done` (with the written
   * files) must still go out.
   */
  private finish(exitCode: number): void {
    if (this.finished) return;
    this.finished = true;
    try {
      this.loop?.stop();
    } catch {
      // A replaced Map iterator; the worker is terminated after `done` anyway.
    }
    let code = exitCode;
    try {
      this.process?.emit('exit', code);
      const set = this.process?.exitCode;
      code = set !== undefined && set !== null && exitCode === 0 ? toExitStatus(set) : code;
    } catch (error) {
      if (error instanceof ProcessExit) code = error.code;
    }
    try {
      this.sink?.close();
    } catch {
      // Output the sink could not flush is lost; the run's end is not.
    }
    const executeMs = this.executeStartedAt === 0 ? 0 : now() - this.executeStartedAt;
    this.host.post({ type: 'done', exitCode: toExitStatus(code), writtenFiles: this.vfs?.writtenFiles() ?? {}, transpileMs: this.transpileMs, executeMs });
  }
}

/**
 * The host side of "one fresh worker per run", shared by LocalRuntime (browser Worker inside the
 * sandbox iframe) and NodeRuntime (worker_threads): keeps one spare worker warm, sends the run,
 * serves the program's fetches from the SimulatedNetwork, relays output, and ends the run by
 * terminating the worker on completion, timeout, Stop or crash.
 *
 * The worker runs learner code, so nothing it sends is trusted: every message is validated
 * (`parseWorkerMessage`), the output cap, the message budget and the file-system size are enforced
 * here again, `system` lines are written only by this host, and a message that is malformed, or that
 * did not come through the runtime's own channel (`onForged`), ends the run as failed with the reason
 * shown: never a pass. The next run always gets a new worker, so nothing a
 * program did (globals, memory, a stuck loop) survives it.
 */
import { serializeResponse, deserializeRequest, type NetworkFailure, type SerializedResponse } from './network/http-message.ts';
import type { SimulatedNetwork } from './network/simulated-network.ts';
import type { CompiledCode } from './core/compiled-code.ts';
import { bundlesImportedBy, parseWorkerMessage, type BundleName, type HostToWorker, type WorkerToHost } from './protocol.ts';
import { MAX_TOTAL_CHARS } from './core/virtual-fs.ts';
import { formatSize } from './core/output-sink.ts';
import { DEFAULT_OUTPUT_CAP, DEFAULT_TIMEOUT_MS, type OutputChunk, type RunHandlers, type RunRequest, type RunResult, type RunStatus, type Runtime } from './types.ts';

/** A started worker, whatever carries the messages. */
export interface WorkerPort {
  post(message: HostToWorker): void;
  /** Set by WorkerRuntime: what came through the runtime's own channel, still to be validated. */
  onMessage: (message: unknown) => void;
  /** The worker died on its own; `outOfMemory` when the host knows that was the cause. */
  onCrash: (crash: WorkerCrash) => void;
  /**
   * Something in the worker posted a message outside the runtime's channel (learner code calling the
   * worker's own `postMessage`). Set by WorkerRuntime; ports with no such side channel never call it.
   */
  onForged?: () => void;
  /**
   * Resolves once every forged-message notice sent before now has been delivered (a round trip
   * through the side channel). The runtime's channel is direct and faster than the side channel, so
   * without this a `done` could settle a run before the notice of a forged message posted earlier.
   */
  flush?: () => Promise<void>;
  terminate(): void;
}

export interface WorkerCrash {
  /** Human-readable, e.g. the worker's error message. */
  reason: string;
  outOfMemory: boolean;
}

export interface WorkerRuntimeOptions {
  name: string;
  spawn: () => WorkerPort;
  network: SimulatedNetwork;
  /** Default 5000 ms; a request's `timeoutMs` wins. */
  defaultTimeoutMs?: number;
  /** Characters of stdout + stderr per run. Default 1 MiB. */
  outputCap?: number;
  /** Start the next run's worker in advance. Default true. */
  keepSpare?: boolean;
  /**
   * When the spare starts: `while-running` (default), as soon as a run has taken the last one, so
   * back-to-back runs (grading) never wait for a worker to load; or `after-run`, once the run is over,
   * so a loading worker never competes with the program for the CPU (the browser: see spawnSpareSoon).
   */
  spareStarts?: 'while-running' | 'after-run';
  /** Called after a run that ended by killing its worker (a hook to check the host is healthy). */
  afterKill?: () => void;
  /**
   * The script of a lazily loaded bundle, when a worker asks for one (`load-bundle`). LocalRuntime
   * dynamic-imports it, so a page downloads the Azure SDK only when a program imports it. Workers
   * that load their modules themselves (NodeRuntime) never ask.
   */
  loadBundle?: (name: BundleName) => Promise<string>;
  /**
   * Code compiled in advance (at build time) for files as the page first showed them. A run sends the
   * code of every unchanged file, so a worker needs its transpiler only for edited files.
   */
  compiledCode?: CompiledCode;
}

export const EXIT_CODE_TIMEOUT = 124;
export const EXIT_CODE_KILLED = 130;
export const EXIT_CODE_CRASHED = 134;

/**
 * Messages one run may send the host. A program printing as fast as it can in a 30 s run sends
 * about 40 000 output batches (see core/output-sink.ts); past this the page would spend its time
 * reading messages, so the run is stopped instead.
 */
export const MESSAGE_BUDGET = 100_000;

export function forgedMessage(): string {
  return 'Stopped: the program posted a message to the page itself (with the worker\'s postMessage). Only the sandbox talks to the page, so the message was ignored and the run counts as failed.';
}

export function malformedMessage(reason: string): string {
  return `Stopped: the sandbox received a malformed message from the program's worker (${reason}). It was ignored and the run counts as failed.`;
}

export function truncatedMessage(cap: number): string {
  return `[output truncated: the program printed more than ${formatSize(cap)}; the rest is not shown]`;
}
export function timeoutMessage(timeoutMs: number): string {
  const seconds = timeoutMs % 1000 === 0 ? `${timeoutMs / 1000} s` : `${(timeoutMs / 1000).toFixed(1)} s`;
  return `Stopped after ${seconds}: the program was still running (an infinite loop, or a timer or file watcher left open?)`;
}

export function crashMessage(crash: WorkerCrash): string {
  const cause = crash.outOfMemory ? 'The program ran out of memory and was stopped' : `The program's worker crashed (${crash.reason})`;
  return `${cause}. The sandbox was reset: you can run again.`;
}

/** A spawned worker and whether it has loaded (it answers `ready` once its script ran). */
class TrackedWorker {
  readonly port: WorkerPort;
  readonly ready: Promise<void>;
  /** Messages other than `ready`, for the run that owns the worker. */
  onMessage: (message: WorkerToHost) => void = () => {};
  /** A malformed or forged message (`reason` is the line shown); the run that owns the worker fails. */
  onViolation: (reason: string) => void = () => {};

  constructor(port: WorkerPort) {
    this.port = port;
    let markReady = (): void => {};
    this.ready = new Promise((resolve) => (markReady = resolve));
    port.onMessage = (data) => {
      const message = parseWorkerMessage(data);
      if (typeof message === 'string') this.onViolation(malformedMessage(message));
      else if (message.type === 'ready') markReady();
      else this.onMessage(message);
    };
    port.onForged = () => this.onViolation(forgedMessage());
  }
}

/** A worker that never loads (a broken bundle, a blocked Blob URL) must not hang a run forever. */
const STARTUP_LIMIT_MS = 15_000;

interface ActiveRun {
  finish: (status: RunStatus, exitCode: number, systemLine?: string) => void;
}

export class WorkerRuntime implements Runtime {
  readonly name: string;
  private spare: TrackedWorker | undefined;
  /** Bundles a worker of this runtime asked for: every new worker gets them before its run. */
  private readonly servedBundles = new Map<BundleName, string>();
  private active: ActiveRun | undefined;
  private disposed = false;

  private readonly options: WorkerRuntimeOptions;

  constructor(options: WorkerRuntimeOptions) {
    this.options = options;
    this.name = options.name;
  }

  /**
   * Starts the spare worker now (e.g. when the sandbox becomes visible) instead of at the first run;
   * resolves once it has loaded.
   */
  warmUp(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.spare ??= this.spawn();
    return this.spare.ready;
  }

  /** Drops the spare (its host went away, e.g. a crashed sandbox frame); the next warm-up or run starts a new one. */
  discardSpare(): void {
    this.spare?.port.terminate();
    this.spare = undefined;
  }

  private spawn(): TrackedWorker {
    const worker = new TrackedWorker(this.options.spawn());
    // What this page needed before it will likely need again: the worker evaluates it while idle.
    for (const [name, source] of this.servedBundles) worker.port.post({ type: 'bundle', name, source });
    return worker;
  }

  private takeWorker(): TrackedWorker {
    const worker = this.spare ?? this.spawn();
    this.spare = undefined;
    return worker;
  }

  run(request: RunRequest, handlers: RunHandlers = {}): Promise<RunResult> {
    if (this.disposed) return Promise.reject(new Error(`${this.name} runtime was disposed`));
    this.active?.finish('killed', EXIT_CODE_KILLED, 'Stopped: a new run started.');
    const startedAt = performance.now();
    const timeoutMs = request.timeoutMs ?? this.options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const cap = this.options.outputCap ?? DEFAULT_OUTPUT_CAP;
    const tracked = this.takeWorker();
    const worker = tracked.port;
    const emit = (chunk: OutputChunk): void => handlers.onOutput?.(chunk);

    return new Promise<RunResult>((resolve) => {
      let printed = 0;
      let truncationShown = false;
      let messages = 0;
      let settled = false;
      let transpileMs = 0;
      let executeMs = 0;
      let writtenFiles: Record<string, string> = {};
      let deadlineAt: number | undefined;
      let compiledReported = false;

      const finish = (status: RunStatus, exitCode: number, systemLine?: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        handlers.signal?.removeEventListener('abort', onAbort);
        worker.terminate();
        if (this.active === run) this.active = undefined;
        if (systemLine) emit({ stream: 'system', text: `${systemLine}\n` });
        const now = performance.now();
        const timings = { totalMs: now - startedAt, transpileMs, executeMs, ...(status === 'timeout' && deadlineAt !== undefined ? { deadlineOverrunMs: now - deadlineAt } : {}) };
        resolve({ exitCode, status, writtenFiles, timings });
        if (status !== 'ok' && status !== 'error') this.options.afterKill?.();
        this.spawnSpareSoon();
      };
      const run: ActiveRun = { finish };
      this.active = run;

      // The deadline counts the program's time, from the moment its worker has loaded, less the time
      // the page takes to fetch a bundle the program needs (a slow network is not the program's doing).
      // Paused once per bundle per run, so a program cannot stretch its deadline by asking again.
      const pausedFor = new Set<BundleName>();
      let remainingMs = timeoutMs;
      const startDeadline = (): void => {
        deadlineAt = performance.now() + remainingMs;
        timer = setTimeout(() => finish('timeout', EXIT_CODE_TIMEOUT, timeoutMessage(timeoutMs)), remainingMs);
      };
      const pauseDeadline = (): void => {
        if (deadlineAt === undefined) return;
        clearTimeout(timer);
        remainingMs = Math.max(0, deadlineAt - performance.now());
        deadlineAt = undefined;
      };
      let timer = setTimeout(
        () => finish('error', EXIT_CODE_CRASHED, crashMessage({ reason: `it did not start within ${STARTUP_LIMIT_MS / 1000} s`, outOfMemory: false })),
        STARTUP_LIMIT_MS,
      );
      let started = false;
      void tracked.ready.then(() => {
        if (settled) return;
        clearTimeout(timer);
        started = true;
        // A bundle requested before `ready` was processed keeps the deadline paused until it arrives.
        if (loading === 0) startDeadline();
      });
      let loading = 0;
      const onAbort = (): void => finish('killed', EXIT_CODE_KILLED, 'Stopped.');
      if (handlers.signal?.aborted) {
        onAbort();
        return;
      }
      handlers.signal?.addEventListener('abort', onAbort);

      worker.onCrash = (crash) => finish('error', EXIT_CODE_CRASHED, crashMessage(crash));
      tracked.onViolation = (reason) => finish('error', EXIT_CODE_CRASHED, reason);
      const showTruncation = (): void => {
        if (truncationShown) return;
        truncationShown = true;
        emit({ stream: 'system', text: `\n${truncatedMessage(cap)}\n` });
      };
      let ending = false;
      tracked.onMessage = (message) => {
        if (settled || ending) return;
        if (++messages > MESSAGE_BUDGET) {
          finish('error', EXIT_CODE_CRASHED, `Stopped: the program's worker sent the page more than ${MESSAGE_BUDGET} messages; the run counts as failed.`);
          return;
        }
        switch (message.type) {
          case 'output':
            for (const chunk of message.chunks) {
              const room = cap - printed;
              if (room <= 0) {
                if (chunk.text !== '') showTruncation();
                continue;
              }
              const text = chunk.text.length > room ? chunk.text.slice(0, room) : chunk.text;
              printed += text.length;
              emit({ stream: chunk.stream, text });
              if (text.length < chunk.text.length) showTruncation();
            }
            if (message.truncated) showTruncation();
            break;
          case 'fetch':
            void this.serveFetch(message.request).then((result) => {
              if (!settled) worker.post({ type: 'fetch-result', id: message.id, result });
            });
            break;
          case 'compiled':
            // Trusted once per run: it is posted before any learner code runs (see LearnerEnvironment).
            if (compiledReported) break;
            compiledReported = true;
            for (const [path, { source, code }] of Object.entries(message.files)) this.options.compiledCode?.add(path, source, code);
            break;
          case 'load-bundle': {
            const pauses = !pausedFor.has(message.name);
            if (pauses) {
              pausedFor.add(message.name);
              loading++;
              pauseDeadline();
            }
            void this.serveBundle(message.name).then((answer) => {
              // The spare, started before this bundle was needed, gets it too while it is idle.
              if (answer.type === 'bundle' && answer.source !== undefined && this.spare && this.spare.port !== worker) this.spare.port.post(answer);
              if (settled) return;
              if (pauses && --loading === 0 && started) startDeadline();
              worker.post(answer);
            });
            break;
          }
          case 'done': {
            let written = 0;
            for (const text of Object.values(message.writtenFiles)) written += text.length;
            if (written > MAX_TOTAL_CHARS) {
              finish('error', EXIT_CODE_CRASHED, malformedMessage(`written files of ${formatSize(written)}, past the file system's ${formatSize(MAX_TOTAL_CHARS)}`));
              break;
            }
            transpileMs = message.transpileMs;
            executeMs = message.executeMs;
            writtenFiles = message.writtenFiles;
            const exitCode = message.exitCode;
            const end = (): void => finish(exitCode === 0 ? 'ok' : 'error', exitCode);
            // A forged message posted before `done` fails the run first (see WorkerPort.flush).
            if (worker.flush) {
              ending = true;
              void worker.flush().then(end, end);
            } else end();
            break;
          }
        }
      };
      const compiled = this.options.compiledCode?.lookup(request.files);
      worker.post({ type: 'run', request, outputCap: cap, ...(compiled ? { compiled } : {}) });
      // The next run's worker starts loading while this one runs.
      if (this.options.keepSpare !== false && this.options.spareStarts !== 'after-run') this.spare = this.spawn();
    });
  }

  /**
   * With `spareStarts: 'after-run'`, the next run's worker starts loading once this run is over, not while it runs: on a machine with
   * few cores a worker loading its script competes with the program for the CPU (a trace showed it
   * taking a third of a warm re-run). It is started after the run's answer has been handled, and is
   * ready well before a learner who read the output presses Run again.
   */
  private spawnSpareSoon(): void {
    if (this.options.keepSpare === false || this.options.spareStarts !== 'after-run') return;
    setTimeout(() => {
      if (!this.disposed && !this.active && !this.spare) this.spare = this.spawn();
    }, 0);
  }

  private async serveFetch(data: Parameters<typeof deserializeRequest>[0]): Promise<SerializedResponse | NetworkFailure> {
    try {
      return await serializeResponse(await this.options.network.handle(deserializeRequest(data)));
    } catch (error) {
      // Unknown hosts explain themselves; a handler bug must not leak the page's stack into the program.
      return { message: error instanceof TypeError ? error.message : `fetch failed: the simulated server failed (${String(error)})` };
    }
  }

  /**
   * Fetches a bundle before any program asks for it (the learner started editing: the transpiler will
   * be needed) and hands it to the spare, so the next run finds it there.
   */
  async preload(name: BundleName): Promise<void> {
    const answer = await this.serveBundle(name);
    if (answer.type === 'bundle' && answer.source !== undefined) this.spare?.port.post(answer);
  }

  /**
   * Fetches the bundles these files import (the Azure SDK for a program importing `@azure/...`) and
   * hands them to the spare, so the first Run neither downloads nor waits for them. Call it with a
   * sandbox's starting files when it scrolls into view, next to `warmUp()`.
   */
  async preloadFor(files: Record<string, string>): Promise<void> {
    await Promise.all(bundlesImportedBy(files).map((name) => this.preload(name)));
  }

  private async serveBundle(name: BundleName): Promise<HostToWorker> {
    if (!this.options.loadBundle) return { type: 'bundle', name, error: `${this.name} has no ${name} bundle` };
    try {
      const source = await this.options.loadBundle(name);
      this.servedBundles.set(name, source);
      return { type: 'bundle', name, source };
    } catch (error) {
      return { type: 'bundle', name, error: error instanceof Error ? error.message : String(error) };
    }
  }

  stop(): void {
    this.active?.finish('killed', EXIT_CODE_KILLED, 'Stopped.');
  }

  dispose(): void {
    this.stop();
    this.disposed = true;
    this.spare?.port.terminate();
    this.spare = undefined;
  }
}

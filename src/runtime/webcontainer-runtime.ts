/**
 * Real Node + npm through StackBlitz WebContainers, behind the same `Runtime` contract, for lessons
 * that want it. Used only when it can work: the page must be cross-origin isolated (COOP/COEP) and
 * online, stackblitz.com must answer a probe within 3 s and `boot()` must finish within 15 s (offline,
 * boot never settles). Otherwise every run goes to the fallback (LocalRuntime) and the first one
 * prints a one-line reason. Commercial production use of WebContainers needs StackBlitz's licence.
 *
 * Everything environment-specific is injected (boot, probe, isolation/online checks), so the logic is
 * tested with a fake; `browser.ts` wires the real `@webcontainer/api`.
 */
import type { FileSystemTree } from '@webcontainer/api';
import { resolveFrom, SANDBOX_CWD } from './core/path-shim.ts';
import { EXIT_CODE_KILLED, EXIT_CODE_TIMEOUT, timeoutMessage } from './worker-runtime.ts';
import { DEFAULT_OUTPUT_CAP, DEFAULT_TIMEOUT_MS, type RunHandlers, type RunRequest, type RunResult, type RunStatus, type Runtime } from './types.ts';

/** The part of a booted WebContainer this adapter uses. */
export interface WebContainerLike {
  mount(tree: FileSystemTree): Promise<void>;
  spawn(command: string, args: string[], options: { env: Record<string, string> }): Promise<WebContainerProcessLike>;
}

export interface WebContainerProcessLike {
  /** stdout and stderr, interleaved (WebContainer gives one stream). */
  output: ReadableStream<string>;
  exit: Promise<number>;
  kill(): void;
}

export interface WebContainerRuntimeOptions {
  boot: () => Promise<WebContainerLike>;
  /** Runs when WebContainer cannot: the LocalRuntime. */
  fallback: Runtime;
  /** True when stackblitz.com answers. Must settle; it is raced against `probeTimeoutMs`. */
  probe: () => Promise<boolean>;
  isCrossOriginIsolated: () => boolean;
  isOnline: () => boolean;
  /** Default 3000 ms. */
  probeTimeoutMs?: number;
  /** Default 15000 ms. */
  bootTimeoutMs?: number;
  /** The command that runs the entry. Default `npx --yes tsx <entry>` (TypeScript, top-level await). */
  command?: (entry: string) => [string, string[]];
  outputCap?: number;
}

type Availability = { ok: true; container: WebContainerLike } | { ok: false; reason: string };

/** Settles with `fallbackValue` after `ms` unless `promise` settles first. */
function within<T>(promise: Promise<T>, ms: number, fallbackValue: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallbackValue), ms)));
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * The run's files as a WebContainer tree rooted at the workdir, which stands for `/app`. Files outside
 * `/app` (like `/run/secrets/db_password`) cannot live at their real path (the container's file system
 * is the workdir), so they are mounted under the same path relative to it: `run/secrets/db_password`.
 */
export function toFileSystemTree(files: Record<string, string>): FileSystemTree {
  const tree: FileSystemTree = {};
  for (const [path, contents] of Object.entries(files)) {
    const absolute = resolveFrom(SANDBOX_CWD, path);
    const relative = absolute.startsWith(`${SANDBOX_CWD}/`) ? absolute.slice(SANDBOX_CWD.length + 1) : absolute.slice(1);
    const parts = relative.split('/');
    const name = parts.pop() ?? '';
    let dir = tree;
    for (const part of parts) {
      const existing = dir[part];
      if (existing && 'directory' in existing) dir = existing.directory;
      else {
        const created: FileSystemTree = {};
        dir[part] = { directory: created };
        dir = created;
      }
    }
    dir[name] = { file: { contents } };
  }
  return tree;
}

export class WebContainerRuntime implements Runtime {
  readonly name = 'Node.js (WebContainer)';
  private availability: Promise<Availability> | undefined;
  private toldFallback = false;
  private stopActive: (() => void) | undefined;
  private readonly options: WebContainerRuntimeOptions;

  constructor(options: WebContainerRuntimeOptions) {
    this.options = options;
  }

  /** Why runs go to the fallback, once known; undefined while WebContainer is usable or untested. */
  async fallbackReason(): Promise<string | undefined> {
    const availability = await this.checkAvailability();
    return availability.ok ? undefined : availability.reason;
  }

  private checkAvailability(): Promise<Availability> {
    this.availability ??= this.detect();
    return this.availability;
  }

  private async detect(): Promise<Availability> {
    const { probeTimeoutMs = 3000, bootTimeoutMs = 15_000 } = this.options;
    if (!this.options.isCrossOriginIsolated()) return { ok: false, reason: 'this page is not cross-origin isolated (COOP/COEP headers)' };
    if (!this.options.isOnline()) return { ok: false, reason: 'the browser is offline' };
    const reachable = await within(this.options.probe().catch(() => false), probeTimeoutMs, false);
    if (!reachable) return { ok: false, reason: `stackblitz.com did not answer within ${probeTimeoutMs / 1000} s` };
    try {
      const container = await within<WebContainerLike | undefined>(this.options.boot(), bootTimeoutMs, undefined);
      if (!container) return { ok: false, reason: `WebContainer did not boot within ${bootTimeoutMs / 1000} s` };
      return { ok: true, container };
    } catch (error) {
      return { ok: false, reason: `WebContainer failed to boot (${error instanceof Error ? error.message : String(error)})` };
    }
  }

  async run(request: RunRequest, handlers: RunHandlers = {}): Promise<RunResult> {
    const availability = await this.checkAvailability();
    if (!availability.ok) {
      if (!this.toldFallback) {
        this.toldFallback = true;
        handlers.onOutput?.({ stream: 'system', text: `Using the in-browser runtime: ${availability.reason}.\n` });
      }
      return this.options.fallback.run(request, handlers);
    }
    return this.runInContainer(availability.container, request, handlers);
  }

  private async runInContainer(container: WebContainerLike, request: RunRequest, handlers: RunHandlers): Promise<RunResult> {
    const startedAt = performance.now();
    const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const cap = this.options.outputCap ?? DEFAULT_OUTPUT_CAP;
    await container.mount(toFileSystemTree(request.files));
    const entry = resolveFrom(SANDBOX_CWD, request.entry).slice(SANDBOX_CWD.length + 1);
    const [command, args] = this.options.command?.(entry) ?? ['npx', ['--yes', 'tsx', entry]];
    const process = await container.spawn(command, [...args, ...(request.argv ?? [])], { env: request.env });
    const mountedMs = performance.now() - startedAt;

    let printed = 0;
    let truncated = false;
    const pump = process.output.pipeTo(
      new WritableStream<string>({
        write: (text) => {
          if (truncated) return;
          const room = cap - printed;
          printed += Math.min(room, text.length);
          handlers.onOutput?.({ stream: 'stdout', text: text.length > room ? text.slice(0, room) : text });
          if (text.length > room) {
            truncated = true;
            handlers.onOutput?.({ stream: 'system', text: '\n[output truncated: the program printed more than 1 MB; the rest is not shown]\n' });
          }
        },
      }),
    ).catch(() => {});

    const ended = await new Promise<{ status: RunStatus; exitCode: number }>((resolve) => {
      const kill = (status: RunStatus, exitCode: number, line: string): void => {
        process.kill();
        handlers.onOutput?.({ stream: 'system', text: `${line}\n` });
        resolve({ status, exitCode });
      };
      const timer = setTimeout(() => kill('timeout', EXIT_CODE_TIMEOUT, timeoutMessage(timeoutMs)), timeoutMs);
      const onAbort = (): void => kill('killed', EXIT_CODE_KILLED, 'Stopped.');
      this.stopActive = onAbort;
      handlers.signal?.addEventListener('abort', onAbort, { once: true });
      void process.exit.then((exitCode) => {
        clearTimeout(timer);
        handlers.signal?.removeEventListener('abort', onAbort);
        resolve({ status: exitCode === 0 ? 'ok' : 'error', exitCode });
      });
    });
    this.stopActive = undefined;
    if (ended.status === 'ok' || ended.status === 'error') await pump;
    // Files written inside the container are not read back (grading runs on the LocalRuntime).
    return { ...ended, writtenFiles: {}, timings: { totalMs: performance.now() - startedAt, transpileMs: mountedMs, executeMs: performance.now() - startedAt - mountedMs } };
  }

  stop(): void {
    this.stopActive?.();
    this.options.fallback.stop();
  }

  dispose(): void {
    this.stop();
    this.options.fallback.dispose();
  }
}

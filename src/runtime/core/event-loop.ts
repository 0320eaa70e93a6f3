/**
 * Node's rule for when a program ends: when the main module has finished and nothing that can call
 * back is left (timers, pending fetches, file watchers). The engine cannot see the host's real event
 * loop, so every handle the learner can create is counted here, and the learner's timers are wrappers
 * that keep the count. `unref()` works like Node's: the handle stays but stops keeping the run alive.
 */

/** The host's own timers, captured before learner code can replace the globals. */
export interface HostTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export function captureHostTimers(scope: typeof globalThis): HostTimers {
  const set = scope.setTimeout.bind(scope);
  const clear = scope.clearTimeout.bind(scope);
  return {
    setTimeout: (callback, ms) => set(callback, ms),
    clearTimeout: (handle) => clear(handle as Parameters<typeof clear>[0]),
  };
}

/** Something that keeps the run alive while referenced. */
export class LoopHandle {
  private referenced = true;
  private open = true;

  private readonly loop: EventLoop;

  constructor(loop: EventLoop) {
    this.loop = loop;
    loop.adjust(1);
  }

  ref(): this {
    if (this.open && !this.referenced) {
      this.referenced = true;
      this.loop.adjust(1);
    }
    return this;
  }

  unref(): this {
    if (this.open && this.referenced) {
      this.referenced = false;
      this.loop.adjust(-1);
    }
    return this;
  }

  hasRef(): boolean {
    return this.open && this.referenced;
  }

  /** Idempotent: a fired timer and a cleared one both close. */
  close(): void {
    if (!this.open) return;
    if (this.referenced) this.loop.adjust(-1);
    this.open = false;
  }

  get isOpen(): boolean {
    return this.open;
  }
}

/** What `setTimeout` returns: Node's Timeout, which also converts to a number for browser-style code. */
export class SandboxTimeout {
  readonly id: number;
  private readonly handle: LoopHandle;
  private readonly restart: () => void;

  constructor(id: number, handle: LoopHandle, restart: () => void) {
    this.id = id;
    this.handle = handle;
    this.restart = restart;
  }

  ref(): this {
    this.handle.ref();
    return this;
  }

  unref(): this {
    this.handle.unref();
    return this;
  }

  hasRef(): boolean {
    return this.handle.hasRef();
  }

  refresh(): this {
    this.restart();
    return this;
  }

  [Symbol.toPrimitive](): number {
    return this.id;
  }
}

type TimerCallback = (...args: unknown[]) => void;

interface ActiveTimer {
  handle: LoopHandle;
  hostHandle: unknown;
  timeout: SandboxTimeout;
}

export class EventLoop {
  private count = 0;
  private stopped = false;
  private nextId = 1;
  private readonly timers = new Map<number, ActiveTimer>();
  private wakeUp: (() => void) | undefined;

  private readonly host: HostTimers;
  /** Called with whatever a timer callback throws (an uncaught exception in Node terms). */
  private readonly onCallbackError: (error: unknown) => void;

  constructor(host: HostTimers, onCallbackError: (error: unknown) => void) {
    this.host = host;
    this.onCallbackError = onCallbackError;
  }

  /** Called by handles only. */
  adjust(delta: number): void {
    this.count += delta;
    if (this.count === 0) this.wakeUp?.();
  }

  get activeHandles(): number {
    return this.count;
  }

  /** A handle for a pending operation (a fetch, a watcher); close it when the operation ends. */
  openHandle(): LoopHandle {
    return new LoopHandle(this);
  }

  /** Runs a callback unless the run is over, routing its exceptions like Node does. */
  invoke(callback: TimerCallback, args: readonly unknown[] = []): void {
    if (this.stopped) return;
    try {
      callback(...args);
    } catch (error) {
      this.onCallbackError(error);
    }
  }

  private schedule(callback: TimerCallback, ms: unknown, args: unknown[], repeat: boolean): SandboxTimeout {
    if (typeof callback !== 'function') {
      throw new TypeError(`The "callback" argument must be of type function. Received ${callback === null ? 'null' : typeof callback}`);
    }
    const delay = Math.max(1, Number(ms) || 0);
    const id = this.nextId++;
    const handle = new LoopHandle(this);
    const arm = (): unknown =>
      this.host.setTimeout(() => {
        const timer = this.timers.get(id);
        if (!timer || this.stopped) return;
        if (repeat) timer.hostHandle = arm();
        else {
          this.timers.delete(id);
          handle.close();
        }
        this.invoke(callback, args);
      }, delay);
    const timeout = new SandboxTimeout(id, handle, () => {
      const timer = this.timers.get(id);
      if (!timer) return;
      this.host.clearTimeout(timer.hostHandle);
      timer.hostHandle = arm();
    });
    this.timers.set(id, { handle, hostHandle: arm(), timeout });
    return timeout;
  }

  clear(timeout: unknown): void {
    const id = timeout instanceof SandboxTimeout ? timeout.id : Number(timeout);
    const timer = this.timers.get(id);
    if (!timer) return;
    this.host.clearTimeout(timer.hostHandle);
    timer.handle.close();
    this.timers.delete(id);
  }

  /** The learner-facing timer functions. */
  timerGlobals(): {
    setTimeout: (callback: TimerCallback, ms?: number, ...args: unknown[]) => SandboxTimeout;
    setInterval: (callback: TimerCallback, ms?: number, ...args: unknown[]) => SandboxTimeout;
    setImmediate: (callback: TimerCallback, ...args: unknown[]) => SandboxTimeout;
    clearTimeout: (timeout: unknown) => void;
    clearInterval: (timeout: unknown) => void;
    clearImmediate: (timeout: unknown) => void;
  } {
    const clear = (timeout: unknown): void => this.clear(timeout);
    return {
      setTimeout: (callback, ms, ...args) => this.schedule(callback, ms, args, false),
      setInterval: (callback, ms, ...args) => this.schedule(callback, ms, args, true),
      setImmediate: (callback, ...args) => this.schedule(callback, 0, args, false),
      clearTimeout: clear,
      clearInterval: clear,
      clearImmediate: clear,
    };
  }

  /** One turn of the host loop: every pending microtask has run by the time it resolves. */
  nextTurn(): Promise<void> {
    return new Promise((resolve) => this.host.setTimeout(resolve, 0));
  }

  /**
   * Resolves once nothing keeps the run alive across a full turn of the host loop (microtasks
   * scheduled by the last callback may open new handles).
   */
  async untilIdle(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      if (this.count <= 0) {
        await this.nextTurn();
        if (this.count <= 0) return;
      } else {
        await new Promise<void>((resolve) => (this.wakeUp = resolve));
        this.wakeUp = undefined;
      }
    }
  }

  /** Ends the run: no callback fires after this. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) this.host.clearTimeout(timer.hostHandle);
    this.timers.clear();
    this.wakeUp?.();
  }
}

/**
 * `process` for the learner: env (values become strings, as in Node), argv, exit/exitCode, the
 * `exit`, `uncaughtException` and `unhandledRejection` events, stdout/stderr.write, nextTick,
 * hrtime. `process.exit()` never returns: it ends the run, then throws ProcessExit to unwind the
 * learner's stack (the engine ignores that throw wherever it surfaces).
 */
import { Emitter } from './emitter.ts';
import { SANDBOX_CWD } from './path-shim.ts';

export const NODE_VERSION = 'v22.12.0';

/** Thrown by `process.exit()` to unwind; never shown to the learner. */
export class ProcessExit extends Error {
  readonly code: number;

  constructor(code: number) {
    super(`process.exit(${code})`);
    this.code = code;
    this.name = 'ProcessExit';
  }
}

export interface ProcessShimOptions {
  env: Record<string, string>;
  entryPath: string;
  argv: readonly string[];
  write: (stream: 'stdout' | 'stderr', text: string) => void;
  /** Ends the run with this code; called once by `process.exit`. */
  exit: (code: number) => void;
  startedAt: number;
}

export class ProcessShim extends Emitter {
  readonly env: Record<string, string | undefined>;
  readonly argv: string[];
  readonly argv0 = 'node';
  readonly execArgv: string[] = [];
  readonly execPath = '/usr/local/bin/node';
  readonly platform = 'linux';
  readonly arch = 'x64';
  readonly pid = 42;
  readonly ppid = 1;
  readonly title = 'node';
  readonly version = NODE_VERSION;
  readonly versions = { node: NODE_VERSION.slice(1) };
  readonly release = { name: 'node' };
  readonly stdout: { write: (text: unknown) => boolean; isTTY: boolean; columns: number };
  readonly stderr: { write: (text: unknown) => boolean; isTTY: boolean; columns: number };
  #exitCode: number | string | null | undefined;
  readonly hrtime: ((previous?: [number, number]) => [number, number]) & { bigint: () => bigint };

  private readonly options: ProcessShimOptions;

  constructor(options: ProcessShimOptions) {
    super();
    this.options = options;
    this.env = createEnv(options.env);
    this.argv = ['/usr/local/bin/node', options.entryPath, ...options.argv];
    const stream = (name: 'stdout' | 'stderr') => ({
      write: (text: unknown): boolean => {
        options.write(name, typeof text === 'string' ? text : String(text));
        return true;
      },
      isTTY: false,
      columns: 80,
    });
    this.stdout = stream('stdout');
    this.stderr = stream('stderr');
    const nanos = (): bigint => BigInt(Math.round(performance.now() * 1e6));
    const hrtime = (previous?: [number, number]): [number, number] => {
      const now = nanos();
      const since = previous ? now - (BigInt(previous[0]) * 1_000_000_000n + BigInt(previous[1])) : now;
      return [Number(since / 1_000_000_000n), Number(since % 1_000_000_000n)];
    };
    this.hrtime = Object.assign(hrtime, { bigint: nanos });
  }

  cwd(): string {
    return SANDBOX_CWD;
  }

  uptime(): number {
    return (performance.now() - this.options.startedAt) / 1000;
  }

  memoryUsage(): { rss: number; heapTotal: number; heapUsed: number; external: number } {
    return { rss: 50_000_000, heapTotal: 20_000_000, heapUsed: 10_000_000, external: 1_000_000 };
  }

  nextTick(callback: (...args: unknown[]) => void, ...args: unknown[]): void {
    queueMicrotask(() => callback(...args));
  }

  emitWarning(warning: string | Error): void {
    const text = typeof warning === 'string' ? `Warning: ${warning}` : `${warning.name}: ${warning.message}`;
    this.options.write('stderr', `(node:${this.pid}) ${text}\n`);
  }

  /** As in Node 22: null, undefined, an integer or an integer string; anything else throws. */
  get exitCode(): number | string | null | undefined {
    return this.#exitCode;
  }

  set exitCode(code: unknown) {
    validateExitCode(code);
    this.#exitCode = code as number | string | null | undefined;
  }

  /** Node's `exit(code)` sets `exitCode` first (so a bad code throws before anything ends). */
  exit(code?: unknown): never {
    if (arguments.length > 0) this.exitCode = code;
    const resolved = toExitStatus(this.#exitCode);
    this.options.exit(resolved);
    throw new ProcessExit(resolved);
  }
}

/** What the shell sees: the low 8 bits, as the OS keeps them (`process.exit(300)` is 44, `-1` is 255). */
export function toExitStatus(code: unknown): number {
  const number = Number(code ?? 0);
  if (!Number.isInteger(number)) return 0;
  return ((number % 256) + 256) % 256;
}

function validateExitCode(code: unknown): void {
  if (code === null || code === undefined) return;
  const value = typeof code === 'string' && code !== '' && Number.isInteger(Number(code)) ? Number(code) : code;
  if (typeof value !== 'number') throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "code" argument must be of type number. Received ${describeReceived(value)}`);
  if (!Number.isInteger(value)) throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "code" is out of range. It must be an integer. Received ${String(value)}`);
}

/** Node's `determineSpecificType` wording for the usual cases. */
function describeReceived(value: unknown): string {
  if (typeof value === 'function') return `function ${value.name || '<anonymous>'}`;
  if (typeof value === 'object' && value !== null) {
    const name = (value as { constructor?: { name?: string } }).constructor?.name;
    return name ? `an instance of ${name}` : 'an instance of Object';
  }
  let shown = typeof value === 'string' ? `'${value.length > 28 ? `${value.slice(0, 25)}...` : value}'` : typeof value === 'bigint' ? `${value}n` : String(value);
  if (typeof value === 'symbol') shown = value.toString();
  return `type ${typeof value} (${shown})`;
}

/** An error as Node's internals make them: `TypeError [ERR_X]: message`, with `code`. */
function nodeError(Base: ErrorConstructor, code: string, message: string): Error {
  const error = new Base(message);
  Object.defineProperty(error, 'code', { value: code, enumerable: true, writable: true, configurable: true });
  if (typeof error.stack === 'string') error.stack = error.stack.replace(`${Base.name}:`, `${Base.name} [${code}]:`);
  Object.defineProperty(error, 'toString', { value: () => `${Base.name} [${code}]: ${message}`, enumerable: false, configurable: true, writable: true });
  return error;
}

/** Node coerces everything assigned to process.env into a string. */
function createEnv(initial: Record<string, string>): Record<string, string | undefined> {
  return new Proxy<Record<string, string | undefined>>(
    { ...initial },
    {
      set(target, key, value) {
        if (typeof key === 'string') target[key] = String(value);
        return true;
      },
      defineProperty(target, key, descriptor) {
        if (typeof key === 'string') target[key] = String(descriptor.value);
        return true;
      },
    },
  );
}

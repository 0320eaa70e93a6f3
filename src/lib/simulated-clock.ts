/**
 * A simulated service's sense of time, in unix seconds, shared by the vault and AWS engines.
 * Everything that expires reads it, so a lesson can jump days in one call
 * (`clock.advance(91 * 86400)`) and a deleted secret is gone, a token has expired.
 */
export interface SimulatedClock {
  /** Current time in unix seconds (may be fractional for a ticking clock). */
  now(): number;
  /** Move time forward; never backwards (a cloud never sees time go back, nor should lessons). */
  advance(seconds: number): void;
  /**
   * Calls `listener` after every `advance()`, with the new time; returns the unsubscribe
   * function. Optional, so any `{ now, advance }` object is still a clock; rotation policies
   * use it to create versions at the moment time passes their due date.
   */
  onAdvance?(listener: (now: number) => void): () => void;
}

export interface SimulatedClockOptions {
  /** Unix seconds the clock starts at. Default: the machine's time at creation. */
  start?: number;
  /**
   * When true (the default for lessons and tests) the clock only moves on `advance()`, so
   * every run is reproducible. When false it ticks with the machine clock plus whatever
   * was advanced: what a long-running Node server wants (throttling windows refill).
   */
  frozen?: boolean;
}

export function createSimulatedClock(options: SimulatedClockOptions = {}): SimulatedClock {
  const frozen = options.frozen ?? true;
  const origin = Date.now() / 1000;
  const start = options.start ?? origin;
  let offset = 0;
  const listeners = new Set<(now: number) => void>();
  const now = (): number => start + (frozen ? 0 : Date.now() / 1000 - origin) + offset;
  return {
    now,
    advance(seconds: number) {
      if (!Number.isFinite(seconds) || seconds < 0) {
        throw new RangeError(`clock.advance() takes a non-negative number of seconds, got ${seconds}`);
      }
      offset += seconds;
      const time = now();
      for (const listener of [...listeners]) listener(time);
    },
    onAdvance(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** `2026-12-02T10:15:32Z`: whole seconds, as Azure errors and AWS (STS, IMDS, ECS) write times. */
export function isoSeconds(unixSeconds: number): string {
  return new Date(Math.floor(unixSeconds) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The vault's sense of time. Every timestamp the engine writes (created, updated,
 * deletedDate, scheduledPurgeDate, token expiry, audit entries) is read from here, so a
 * lesson can fast-forward days in a call: `clock.advance(91 * 86400)` and the deleted
 * secret is gone, the token has expired, the rotation has happened.
 *
 * Times are unix seconds, as on the wire.
 */
export interface VaultClock {
  /** Current time in unix seconds (may be fractional for a ticking clock). */
  now(): number;
  /** Move time forward; never backwards (Azure never sees time go back, nor should lessons). */
  advance(seconds: number): void;
  /**
   * Calls `listener` after every `advance()`, with the new time; returns the unsubscribe
   * function. Optional, so any `{ now, advance }` object is still a clock; rotation policies
   * use it to create versions at the moment time passes their due date.
   */
  onAdvance?(listener: (now: number) => void): () => void;
}

export interface ClockOptions {
  /**
   * Unix seconds the clock starts at. Default: the machine's time at creation.
   */
  start?: number;
  /**
   * When true (the default for lessons and tests) the clock only moves on `advance()`, so
   * every run is reproducible. When false it ticks with the machine clock plus whatever
   * was advanced: what a long-running Node server wants (throttling windows refill).
   */
  frozen?: boolean;
}

export function createClock(options: ClockOptions = {}): VaultClock {
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

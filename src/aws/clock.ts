/**
 * The AWS world's sense of time, in unix seconds. Everything that expires reads it: session
 * credentials, IMDS tokens, a deleted secret's recovery window, the event log's times. A lesson
 * can jump days in one call (`clock.advance(8 * 86400)`) and the deleted secret is gone.
 *
 * SigV4's own 5-minute skew check is deliberately NOT made against this clock: the SDK signs
 * with the machine's time, and a lesson that advanced the simulated clock must still be able
 * to call AWS (what expires is the session, as it would in AWS).
 */
export interface AwsClock {
  /** Current time in unix seconds. */
  now(): number;
  /** Move time forward (never back). */
  advance(seconds: number): void;
}

export interface AwsClockOptions {
  /** Unix seconds the clock starts at. Default: the machine's time. */
  start?: number;
  /** true (default): time moves only on advance(); false: it also ticks with the machine clock. */
  frozen?: boolean;
}

export function createAwsClock(options: AwsClockOptions = {}): AwsClock {
  const frozen = options.frozen ?? true;
  const origin = Date.now() / 1000;
  const start = options.start ?? Math.floor(origin);
  let offset = 0;
  return {
    now: () => start + (frozen ? 0 : Date.now() / 1000 - origin) + offset,
    advance(seconds: number) {
      if (!Number.isFinite(seconds) || seconds < 0) {
        throw new RangeError(`clock.advance() takes a non-negative number of seconds, got ${seconds}`);
      }
      offset += seconds;
    },
  };
}

/** `2026-12-02T10:15:32Z`: the form STS, IMDS and ECS use for Expiration. */
export function isoSeconds(unixSeconds: number): string {
  return new Date(Math.floor(unixSeconds) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

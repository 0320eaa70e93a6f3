/**
 * The AWS world's sense of time, in unix seconds. Everything that expires reads it: session
 * credentials, IMDS tokens, a deleted secret's recovery window, the event log's times. A lesson
 * can jump days in one call (`clock.advance(8 * 86400)`) and the deleted secret is gone.
 *
 * SigV4's own 5-minute skew check is deliberately NOT made against this clock: the SDK signs
 * with the machine's time, and a lesson that advanced the simulated clock must still be able
 * to call AWS (what expires is the session, as it would in AWS).
 */
import { createSimulatedClock, isoSeconds, type SimulatedClock } from "../lib/simulated-clock.ts";

export type AwsClock = SimulatedClock;

export interface AwsClockOptions {
  /** Unix seconds the clock starts at. Default: the machine's time, in whole seconds. */
  start?: number;
  /** true (default): time moves only on advance(); false: it also ticks with the machine clock. */
  frozen?: boolean;
}

export function createAwsClock(options: AwsClockOptions = {}): AwsClock {
  // Whole seconds: AWS prints CreatedDate and Expiration without fractions.
  return createSimulatedClock({ start: options.start ?? Math.floor(Date.now() / 1000), ...(options.frozen === undefined ? {} : { frozen: options.frozen }) });
}

export { isoSeconds };

/**
 * The vault's sense of time. Every timestamp the engine writes (created, updated,
 * deletedDate, scheduledPurgeDate, token expiry, audit entries) is read from here, so a
 * lesson can fast-forward days in a call: `clock.advance(91 * 86400)` and the deleted
 * secret is gone, the token has expired, the rotation has happened.
 *
 * Times are unix seconds, as on the wire. The clock itself is the one every simulated
 * service uses (`src/lib/simulated-clock.ts`).
 */
import { createSimulatedClock, type SimulatedClock, type SimulatedClockOptions } from "../lib/simulated-clock.ts";

export type VaultClock = SimulatedClock;
export type ClockOptions = SimulatedClockOptions;

export function createClock(options: ClockOptions = {}): VaultClock {
  return createSimulatedClock(options);
}

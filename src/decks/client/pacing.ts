/**
 * Where a talk stands against its plan: the deck declares `duration` minutes, each slide gets an
 * equal share, so by the start of slide n (one-based) of t the plan had used (n - 1) / t of it.
 * No DOM: the speaker view shows the result.
 */
export interface Pacing {
  elapsedMs: number;
  plannedMs: number;
  /** Positive: ahead of the plan (the plan is further than the clock), negative: behind. */
  leadMs: number;
  state: "ahead" | "on time" | "behind";
  text: string;
}

/** Within this much of the plan, the talk is on time (a slide's share of 20 minutes is about a minute). */
const ON_TIME_MS = 30_000;

export function pacing(elapsedMs: number, durationMinutes: number, slide: number, total: number): Pacing {
  const durationMs = durationMinutes * 60_000;
  const plannedMs = total > 0 ? (durationMs * Math.max(0, slide - 1)) / total : 0;
  const leadMs = plannedMs - elapsedMs;
  const state = Math.abs(leadMs) < ON_TIME_MS ? "on time" : leadMs > 0 ? "ahead" : "behind";
  const lead = state === "on time" ? "on time" : `${clock(Math.abs(leadMs))} ${state}`;
  const text = `${clock(elapsedMs)} elapsed of ${clock(durationMs)} planned · slide ${slide} of ${total} is planned at ${clock(plannedMs)} · ${lead}`;
  return { elapsedMs, plannedMs, leadMs, state, text };
}

/** 75_000 -> "1:15", 3_600_000 -> "60:00": minutes and seconds, as a talk is timed. */
export function clock(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/**
 * Time for the simulator. The engine never reads the wall clock directly, so a lesson or a test can
 * pin "now" and get stable `CREATED` columns and inspect timestamps.
 */

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to: for tests and replayable transcripts. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string = "2025-01-15T09:30:00.000Z") {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** go-units HumanDuration: what `docker ps`, `history` and `secret ls` print before "ago". */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return "Less than a second";
  if (seconds === 1) return "1 second";
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return "About a minute";
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return "About an hour";
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

export function since(date: Date, now: Date): string {
  return `${humanDuration(now.getTime() - date.getTime())} ago`;
}

/** RFC 3339 with nanoseconds as Go prints it: trailing zeros of the fraction dropped. */
export function goTime(date: Date): string {
  const iso = date.toISOString();
  return iso.replace(/\.(\d+)Z$/, (_, frac: string) => {
    const trimmed = frac.replace(/0+$/, "");
    return trimmed ? `.${trimmed}Z` : "Z";
  });
}

/** Go's time.Time String() as docker's `CreatedAt` columns print it: "2025-01-15 09:30:00 +0000 UTC". */
export function goDate(date: Date): string {
  return `${date.toISOString().replace("T", " ").replace(/\.\d+Z$/, "")} +0000 UTC`;
}

/** Go's time.Time String(): "2025-01-15 09:30:00 +0000 UTC" (the fraction only when there is one). */
export function goTimeString(d: Date): string {
  const ms = d.getUTCMilliseconds();
  return `${d.toISOString().slice(0, 19).replace("T", " ")}${ms ? `.${String(ms).padStart(3, "0").replace(/0+$/, "")}` : ""} +0000 UTC`;
}

/**
 * A time.Time field of a typed API object (swarm Meta.CreatedAt...): RFC 3339 in JSON output,
 * Go's String() when a template prints it, as `docker secret inspect --format '{{.CreatedAt}}'` does.
 */
export class GoTimeValue {
  constructor(readonly date: Date) {}
  toJSON(): string {
    return goTime(this.date);
  }
  toString(): string {
    return goTimeString(this.date);
  }
}

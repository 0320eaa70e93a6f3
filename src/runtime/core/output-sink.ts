/**
 * Collects what the program prints and hands it to the host in batches: one message per 64 KB or per
 * 16 ms instead of one per `console.log`, so a program printing 10 MB costs the page a few hundred
 * messages. Enforces the output cap: past it, the batch says `truncated` (the host prints the notice:
 * the worker sends only stdout and stderr, so the page knows any other stream is forged) and the
 * program keeps running with its output discarded (a learner's loop that prints too much usually
 * also ends; stopping it would hide whether it does). The host enforces the cap again itself.
 */
import type { HostTimers } from './event-loop.ts';
import { append } from './primordials.ts';

/** The learner may replace `performance.now`; batching keeps the real clock. */
const now = performance.now.bind(performance);

export type ProgramChunk = { stream: 'stdout' | 'stderr'; text: string };

const FLUSH_CHARS = 64 * 1024;
const FLUSH_DELAY_MS = 16;
/**
 * Writes posted at once per FLUSH_DELAY_MS window before batching starts: a program printing a few
 * lines then hanging in a loop still shows those lines (a timer-only flush would never fire).
 */
const IMMEDIATE_FLUSHES = 20;

export class OutputSink {
  private pending: ProgramChunk[] = [];
  private pendingChars = 0;
  private printed = 0;
  private flushTimer: unknown;
  private closed = false;
  private windowStartedAt = -Infinity;
  private flushesInWindow = 0;
  private capReached = false;

  private readonly post: (chunks: ProgramChunk[], truncated: boolean) => void;
  private readonly timers: HostTimers;
  /** Characters of stdout + stderr allowed before truncation. */
  private readonly cap: number;

  constructor(post: (chunks: ProgramChunk[], truncated: boolean) => void, timers: HostTimers, cap: number) {
    this.post = post;
    this.timers = timers;
    this.cap = cap;
  }

  /** True once the cap is reached: callers may skip formatting output that would be dropped. */
  get discarding(): boolean {
    return this.capReached || this.closed;
  }

  write(stream: 'stdout' | 'stderr', text: string): void {
    if (this.discarding || text === '') return;
    const room = this.cap - this.printed;
    if (text.length > room) {
      this.append(stream, text.slice(0, room));
      this.printed = this.cap;
      this.capReached = true;
      this.flush();
      return;
    }
    this.printed += text.length;
    this.append(stream, text);
  }

  private append(stream: ProgramChunk['stream'], text: string): void {
    if (text === '') return;
    const last = this.pending.length > 0 ? this.pending[this.pending.length - 1] : undefined;
    if (last && last.stream === stream) last.text += text;
    else append(this.pending, { stream, text });
    this.pendingChars += text.length;
    const at = now();
    if (at - this.windowStartedAt >= FLUSH_DELAY_MS) {
      this.windowStartedAt = at;
      this.flushesInWindow = 0;
    }
    if (this.pendingChars >= FLUSH_CHARS || this.flushesInWindow < IMMEDIATE_FLUSHES) {
      this.flushesInWindow++;
      this.flush();
    } else if (this.flushTimer === undefined) {
      this.flushTimer = this.timers.setTimeout(() => this.flush(), FLUSH_DELAY_MS);
    }
  }

  flush(): void {
    if (this.flushTimer !== undefined) {
      this.timers.clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    if (this.pending.length === 0 && !this.capReached) return;
    const chunks = this.pending;
    this.pending = [];
    this.pendingChars = 0;
    // Once truncated, each later flush (close) repeats the flag: the host prints the notice once.
    this.post(chunks, this.capReached);
  }

  /** Flushes and ignores anything written afterwards. */
  close(): void {
    if (!this.closed) this.flush();
    this.closed = true;
  }
}

export function formatSize(chars: number): string {
  return chars >= 1024 * 1024 ? `${Math.round((chars / 1024 / 1024) * 10) / 10} MB` : `${Math.round(chars / 1024)} KB`;
}

/**
 * Collects what the program prints and hands it to the host in batches: one message per 64 KB or per
 * 16 ms instead of one per `console.log`, so a program printing 10 MB costs the page a few hundred
 * messages. Enforces the output cap: past it, one `system` line says the output was truncated and the
 * program keeps running with its output discarded (a learner's loop that prints too much usually
 * also ends; stopping it would hide whether it does).
 */
import type { OutputChunk } from '../types.ts';
import type { HostTimers } from './event-loop.ts';

const FLUSH_CHARS = 64 * 1024;
const FLUSH_DELAY_MS = 16;
/**
 * Writes posted at once per FLUSH_DELAY_MS window before batching starts: a program printing a few
 * lines then hanging in a loop still shows those lines (a timer-only flush would never fire).
 */
const IMMEDIATE_FLUSHES = 20;

export class OutputSink {
  private pending: OutputChunk[] = [];
  private pendingChars = 0;
  private printed = 0;
  private flushTimer: unknown;
  private closed = false;
  private windowStartedAt = -Infinity;
  private flushesInWindow = 0;
  private capReached = false;

  private readonly post: (chunks: OutputChunk[]) => void;
  private readonly timers: HostTimers;
  /** Characters of stdout + stderr allowed before truncation. */
  private readonly cap: number;

  constructor(post: (chunks: OutputChunk[]) => void, timers: HostTimers, cap: number) {
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
      this.append('system', `\n[output truncated: the program printed more than ${formatSize(this.cap)}; the rest is not shown]\n`);
      return;
    }
    this.printed += text.length;
    this.append(stream, text);
  }

  /** A line from the sandbox itself; not counted against the cap. */
  system(text: string): void {
    if (!this.closed) this.append('system', text.endsWith('\n') ? text : `${text}\n`);
  }

  private append(stream: OutputChunk['stream'], text: string): void {
    if (text === '') return;
    const last = this.pending[this.pending.length - 1];
    if (last && last.stream === stream) last.text += text;
    else this.pending.push({ stream, text });
    this.pendingChars += text.length;
    const now = performance.now();
    if (now - this.windowStartedAt >= FLUSH_DELAY_MS) {
      this.windowStartedAt = now;
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
    if (this.pending.length === 0) return;
    const chunks = this.pending;
    this.pending = [];
    this.pendingChars = 0;
    this.post(chunks);
  }

  /** Flushes and ignores anything written afterwards. */
  close(): void {
    this.flush();
    this.closed = true;
  }
}

export function formatSize(chars: number): string {
  return chars >= 1024 * 1024 ? `${Math.round((chars / 1024 / 1024) * 10) / 10} MB` : `${Math.round(chars / 1024)} KB`;
}

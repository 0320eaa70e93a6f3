/**
 * Where a running command reads and writes. Output goes to sinks as the command produces it, so
 * a line's stdout and stderr reach the terminal in the order they were written; pipes and `$(...)`
 * collect into buffers. Every buffer has a cap: `yes` and `cat /dev/urandom` fill it and stop.
 */
export type Stream = "stdout" | "stderr";

export interface OutputChunk {
  stream: Stream;
  text: string;
}

export interface Sink {
  write(text: string): void;
}

/** Collects text up to a limit; what comes after is dropped and counted. */
export class BufferSink implements Sink {
  #parts: string[] = [];
  #length = 0;
  dropped = 0;
  constructor(readonly limit: number) {}
  write(text: string): void {
    if (!text) return;
    const room = this.limit - this.#length;
    if (room <= 0) {
      this.dropped += text.length;
      return;
    }
    const kept = text.length > room ? text.slice(0, room) : text;
    this.dropped += text.length - kept.length;
    this.#parts.push(kept);
    this.#length += kept.length;
  }
  get full(): boolean {
    return this.#length >= this.limit;
  }
  text(): string {
    if (this.#parts.length > 1) this.#parts = [this.#parts.join("")];
    return this.#parts[0] ?? "";
  }
}

/** A sink that forwards to another and tells a listener about each write (the terminal's live view). */
export class TeeSink implements Sink {
  constructor(
    private readonly target: BufferSink,
    private readonly stream: Stream,
    private readonly listener?: (chunk: OutputChunk) => void,
  ) {}
  write(text: string): void {
    if (!text) return;
    const before = this.target.dropped;
    this.target.write(text);
    const kept = text.length - (this.target.dropped - before);
    if (kept > 0) this.listener?.({ stream: this.stream, text: kept === text.length ? text : text.slice(0, kept) });
  }
}

/** A command's standard input, shared by the commands of one redirect so `read` consumes line by line. */
export class Input {
  #pos = 0;
  constructor(private readonly text: string) {}
  /** Everything not read yet (a command such as `cat` takes it all). */
  rest(): string {
    const r = this.#pos === 0 ? this.text : this.text.slice(this.#pos);
    this.#pos = this.text.length;
    return r;
  }
  readLine(): string | undefined {
    if (this.#pos >= this.text.length) return undefined;
    const nl = this.text.indexOf("\n", this.#pos);
    const end = nl === -1 ? this.text.length : nl;
    const line = this.text.slice(this.#pos, end);
    this.#pos = nl === -1 ? this.text.length : nl + 1;
    return line;
  }
}

export interface IO {
  stdin: Input;
  out: Sink;
  err: Sink;
}

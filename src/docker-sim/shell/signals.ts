/**
 * Control flow that unwinds the interpreter: `break`, `continue`, `return`, `exit`, Ctrl+C, and a
 * limit that ends the whole command line. Internal to the interpreter; none escapes `run()`.
 */
export class BreakSignal {
  constructor(public levels: number) {}
}
export class ContinueSignal {
  constructor(public levels: number) {}
}
export class ReturnSignal {
  constructor(readonly code: number) {}
}
export class ExitSignal {
  constructor(readonly code: number) {}
}
/** Ctrl+C: the line stops with status 130, as bash reports a SIGINT. */
export class InterruptSignal {}
/** A fatal error for the line (fork bomb, runaway recursion, a value over a limit): message, then the prompt. */
export class AbortLine {
  constructor(
    readonly message: string,
    readonly code = 1,
  ) {}
}

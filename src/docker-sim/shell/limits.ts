/**
 * The simulated shell's resource limits. A real bash is bounded by the machine; ours shares a
 * browser tab with the lesson, so each runaway (a doubling variable, a fork bomb, a 10 MB paste,
 * endless recursion) stops at a limit with a message in bash's style instead of freezing the page.
 */
export interface ShellLimits {
  /** Longest value a variable may hold, in characters. */
  maxVariableLength: number;
  /** Deepest nesting of function calls (bash's FUNCNEST). */
  maxFunctionDepth: number;
  /** Deepest nesting of `$(...)`, `sh -c` and subshells. */
  maxSubshellDepth: number;
  /** Largest here-document body, in characters. */
  maxHeredocLength: number;
  /** Most output one command line may collect, per stream, in characters. */
  maxOutputLength: number;
  /** Most processes (pipeline stages and background jobs) alive at once: what stops a fork bomb. */
  maxProcesses: number;
  /** How long the interpreter runs before it yields to the event loop, in ms (keeps the page responsive). */
  sliceMs: number;
}

export const DEFAULT_LIMITS: ShellLimits = {
  maxVariableLength: 256 * 1024,
  maxFunctionDepth: 1000,
  maxSubshellDepth: 64,
  maxHeredocLength: 1024 * 1024,
  maxOutputLength: 1024 * 1024,
  maxProcesses: 256,
  sliceMs: 8,
};

export const formatBytes = (n: number): string => (n >= 1024 * 1024 ? `${n / (1024 * 1024)} MiB` : `${n / 1024} KiB`);

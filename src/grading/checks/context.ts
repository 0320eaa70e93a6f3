/**
 * What every check receives, what it returns, and the sentences several checks share. Checks are
 * pure functions of the run's evidence; their texts are for learners: say what was expected, what
 * happened, and what to look at, and never show a canary (`ctx.mask` hides every form of it).
 */
import type { ExerciseCheck, ExerciseCheckKind } from "../../schemas/exercise-scenario.ts";
import type { RunEvidence } from "../evidence.ts";
import type { LeakFinding } from "../types.ts";
import type { Canary } from "../canary.ts";
import type { CanaryMatch } from "../leak-scan.ts";

export type CheckOf<K extends ExerciseCheckKind> = Extract<ExerciseCheck, { kind: K }>;

export interface CheckContext {
  evidence: RunEvidence;
  /** Masks every canary of this run, in every form. Use it on anything that came from the program. */
  mask(text: string): string;
  /** `findCanaries` from the run's up-front scan (see scan-cache.ts); scans inline what it did not cover. */
  findCanaries(text: string, canaries: readonly Canary[]): CanaryMatch[];
}

export interface Verdict {
  passed: boolean;
  expected: string;
  actual: string;
  leaks?: LeakFinding[];
}

/**
 * One check kind. `S` is the state of the provider that owns the kind (its grading world's
 * `state`: the vault engine, the docker evidence), undefined when the scenario does not use it.
 */
export interface CheckDefinition<K extends ExerciseCheckKind, S = undefined> {
  title(check: CheckOf<K>, ctx: CheckContext): string;
  evaluate(check: CheckOf<K>, ctx: CheckContext, state: S | undefined): Verdict | Promise<Verdict>;
}

export function secretLabel(ctx: CheckContext, secret: string): string {
  return ctx.evidence.scenario.secrets.find((s) => s.name === secret)?.label ?? secret;
}

export function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** The line of error output that says what went wrong: `Uncaught TypeError: ...`, else the last line. */
function errorHeadline(stderr: string): string | undefined {
  const lines = stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^Uncaught\b/.test(l)) ?? lines.find((l) => /\b\w*Error\b/.test(l) && !l.startsWith("at ")) ?? lines.at(-1);
}

/** The line the sandbox itself wrote when it ended the run (`Stopped: ...`, a crash), if any. */
function sandboxVerdict(system: string): string | undefined {
  return system.split("\n").map((l) => l.trim()).filter((l) => /^(Stopped\b|The program's worker|The program ran out)/.test(l)).at(-1);
}

/**
 * Why the program may not have got as far as a check needs, as one sentence, or undefined when it
 * ran to the end. Checks that depend on the program's success append it to their `actual`.
 */
export function programTrouble(ctx: CheckContext): string | undefined {
  const program = ctx.evidence.program;
  if (!program) return undefined;
  switch (program.status) {
    case "ok":
      return undefined;
    case "timeout":
      return `The program was still running after ${seconds(program.timeoutMs)} and was stopped (an infinite loop, or a timer or watcher left open?).`;
    case "killed":
      return "The program was stopped before it finished.";
    case "error": {
      // The sandbox's own verdict (a forged message, a crash, a limit) says more than the program's last error line.
      const headline = sandboxVerdict(program.system) ?? errorHeadline(program.stderr);
      const shown = headline ? `: ${ctx.mask(headline).slice(0, 300).replace(/[.:!]+$/, "")}` : "";
      return `The program ended with an error (exit code ${program.exitCode})${shown}.`;
    }
  }
}

/** `actual` plus the program's trouble, if any. */
export function withTrouble(actual: string, ctx: CheckContext): string {
  const trouble = programTrouble(ctx);
  return trouble ? `${actual} ${trouble}` : actual;
}

export function quote(text: string, max = 160): string {
  const oneLine = text.replace(/\r?\n/g, "⏎");
  return `“${oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine}”`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

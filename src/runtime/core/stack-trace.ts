/**
 * Turns V8 stack traces of learner code into what a learner expects from Node: only frames in their
 * own files, with their own line numbers. Learner modules are evaluated with
 * `//# sourceURL=<their path>`, so V8 already names the file; the only correction is the one line
 * the module wrapper adds on top (see LEARNER_LINE_OFFSET), and dropping engine frames.
 */

/**
 * The wrapper header and sucrase's helpers sit on a line of their own above the learner's line 1,
 * so every learner line is this many lines further down in the evaluated code, and columns are
 * unchanged.
 */
export const LEARNER_LINE_OFFSET = 1;

export interface SourceLocation {
  file: string;
  /** 1-based, in the learner's file. */
  line: number;
  /** 1-based. */
  column: number;
}

/** Knows which files are the learner's and their text, for frames and code frames. */
export class LearnerSources {
  private readonly sources = new Map<string, string>();

  add(file: string, source: string): void {
    this.sources.set(file, source);
  }

  has(file: string): boolean {
    return this.sources.has(file);
  }

  lineOf(file: string, line: number): string | undefined {
    return this.sources.get(file)?.split('\n')[line - 1];
  }
}

const FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/;

/** The learner location a single `    at ...` line points at, or undefined for engine frames. */
export function parseLearnerFrame(line: string, sources: LearnerSources): { name: string | undefined; location: SourceLocation } | undefined {
  const match = FRAME.exec(line);
  if (!match) return undefined;
  const [, rawName, file = '', lineText = '0', columnText = '0'] = match;
  if (!sources.has(file)) return undefined;
  // The module wrapper is an anonymous function evaluated by eval: V8 calls it `eval`.
  const name = rawName === undefined || rawName === 'eval' || rawName === 'async eval' ? undefined : rawName;
  return { name, location: { file, line: Number(lineText) - LEARNER_LINE_OFFSET, column: Number(columnText) } };
}

/**
 * Rewrites `error.stack`: keeps the message lines, keeps learner frames (renumbered), drops the rest.
 * A stack with no learner frame at all keeps just its message.
 */
export function cleanStack(stack: string, sources: LearnerSources): string {
  const lines = stack.split('\n');
  const firstFrame = lines.findIndex((line) => /^\s+at /.test(line));
  if (firstFrame === -1) return stack;
  const kept = lines.slice(0, firstFrame);
  for (const line of lines.slice(firstFrame)) {
    const frame = parseLearnerFrame(line, sources);
    if (!frame) continue;
    const where = `${frame.location.file}:${frame.location.line}:${frame.location.column}`;
    kept.push(frame.name ? `    at ${frame.name} (${where})` : `    at ${where}`);
  }
  return kept.join('\n');
}

/** The first learner location in a stack: where a code frame should point. */
export function topLearnerLocation(stack: string, sources: LearnerSources): SourceLocation | undefined {
  for (const line of stack.split('\n')) {
    const frame = parseLearnerFrame(line, sources);
    if (frame) return frame.location;
  }
  return undefined;
}

/** `file:line`, the source line, and a caret under the column: what Node prints above a crash. */
export function codeFrame(location: SourceLocation, sourceLine: string | undefined): string {
  const header = `${location.file}:${location.line}:${location.column}`;
  if (sourceLine === undefined) return header;
  // Tabs before the caret keep their width so the caret lines up in a terminal.
  const pad = sourceLine.slice(0, Math.max(0, location.column - 1)).replace(/[^\t]/g, ' ');
  return `${header}\n${sourceLine}\n${pad}^`;
}

/**
 * Points a finding at the learner's line when the evidence names one. Honest by design: only stack
 * traces and code frames (which the runtime prints as `/app/index.ts:4:9`) and static scans know a
 * line; output printed by console.log does not say where it came from, so no line is guessed.
 */
import type { LearnerLine } from "./types.ts";

const FRAME = /\/app\/([^\s():]+):(\d+):\d+/g;
/** How far after a leak a stack frame may be and still belong to the same error. */
const LOOK_AHEAD = 2000;
/** How far before: the runtime's code frame header sits above the error message. */
const LOOK_BEHIND = 600;

function firstLearnerFrame(text: string, learnerFiles: Record<string, string>): LearnerLine | undefined {
  for (const match of text.matchAll(FRAME)) {
    const file = match[1]!;
    if (file in learnerFiles) return { file, line: Number(match[2]) };
  }
  return undefined;
}

/** The learner line of the error around `index` in error output: the first frame after it, else the code frame above it. */
export function learnerLineNear(text: string, index: number, learnerFiles: Record<string, string>): LearnerLine | undefined {
  const after = text.slice(index, index + LOOK_AHEAD);
  // Stop at a blank line that is not followed by a frame: the next error starts there.
  const block = after.split(/\n\s*\n(?!\s*at )/)[0] ?? after;
  const fromFrames = firstLearnerFrame(block, learnerFiles);
  if (fromFrames) return fromFrames;
  const before = text.slice(Math.max(0, index - LOOK_BEHIND), index);
  const headers = [...before.matchAll(/^\/app\/([^\s():]+):(\d+):\d+$/gm)].filter((m) => m[1]! in learnerFiles);
  const last = headers.at(-1);
  return last ? { file: last[1]!, line: Number(last[2]) } : undefined;
}

/** Every line of the learner's files where `predicate` holds on its text. */
export function findLines(learnerFiles: Record<string, string>, predicate: (line: string) => boolean): LearnerLine[] {
  const found: LearnerLine[] = [];
  for (const [file, text] of Object.entries(learnerFiles)) {
    text.split(/\r?\n/).forEach((line, i) => {
      if (predicate(line)) found.push({ file, line: i + 1 });
    });
  }
  return found;
}

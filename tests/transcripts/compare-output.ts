/**
 * Does what the simulator printed match what a lesson shows? Line by line, exactly, except for
 * what differs between any two real runs of the same commands:
 *
 * - ids (container, image, swarm object, task) are random in real Docker, so an id in the lesson
 *   matches any id of the same shape, as long as the mapping stays one-to-one for the whole
 *   session (the secret created in one block is the same id in the next block's `inspect`);
 * - relative times ("2 minutes ago") depend on how fast the reader types, so any "... ago" matches
 *   any other, and the column padding around them is not compared;
 * - a lesson line that is exactly `...` stands for any number of lines it leaves out.
 */
export type IdMap = Map<string, string>;

/** Shapes of ids Docker prints: full and short hex ids, 25- and 12-character swarm/task ids. */
const ID = /sha256:[0-9a-f]{64}|\b[0-9a-f]{64}\b|\b(?=[a-z]*\d)[0-9a-z]{25}\b|\b(?=[a-z]*\d)(?=[0-9]*[a-z])[0-9a-z]{12}\b/g;
const AGO = /\b(?:Less than a second|About an? (?:minute|hour)|\d+ (?:seconds?|minutes|hours|days|weeks|months|years)) ago\b/g;
export const ELLIPSIS = "...";

/** Relative times become "<when> ago"; in an output that has any, table padding is not compared. */
function normaliseTimes(lines: readonly string[]): string[] {
  if (!lines.some((l) => AGO.test(l))) return [...lines];
  return lines.map((l) => l.replace(AGO, "<when> ago").replace(/ {2,}/g, "  ").trimEnd());
}

/** One line against one line, extending `ids` with new pairs; undefined when they differ. */
function matchLine(e: string, a: string, ids: IdMap): IdMap | undefined {
  const eIds = [...e.matchAll(ID)].map((m) => m[0]);
  const aIds = [...a.matchAll(ID)].map((m) => m[0]);
  if (eIds.length !== aIds.length || e.split(ID).join("\0") !== a.split(ID).join("\0")) return undefined;
  const next = new Map(ids);
  const taken = new Set(next.values());
  for (let i = 0; i < eIds.length; i++) {
    const want = eIds[i]!;
    const got = aIds[i]!;
    if (want.length !== got.length) return undefined;
    const bound = next.get(want);
    if (bound !== undefined ? bound !== got : taken.has(got)) return undefined;
    next.set(want, got);
    taken.add(got);
  }
  return next;
}

/** Matches every line, `...` included; returns the id mapping it needed, or undefined. */
export function matchOutput(expectedLines: readonly string[], actualLines: readonly string[], ids: IdMap = new Map()): IdMap | undefined {
  const expected = normaliseTimes(expectedLines);
  const actual = normaliseTimes(actualLines);
  const go = (i: number, j: number, map: IdMap): IdMap | undefined => {
    if (i === expected.length) return j === actual.length ? map : undefined;
    if (expected[i] === ELLIPSIS) {
      for (let k = j; k <= actual.length; k++) {
        const found = go(i + 1, k, map);
        if (found) return found;
      }
      return undefined;
    }
    if (j === actual.length) return undefined;
    const next = matchLine(expected[i]!, actual[j]!, map);
    return next && go(i + 1, j + 1, next);
  };
  return go(0, 0, ids);
}

/**
 * What a terminal shows for a command, as lines. Trailing blank lines are dropped: a code block in
 * a lesson cannot show them (`{{println .}}` in a format leaves one, as in real Docker).
 */
export function outputLines(text: string): string[] {
  const trimmed = text.replace(/\n+$/, "");
  return trimmed === "" ? [] : trimmed.split("\n");
}

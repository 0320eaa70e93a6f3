/**
 * Replays a Docker docs example through the simulator: the commands as the page writes them, the
 * expected lines as the page shows them (`$ ` prompts, `...` for elided output), compared with
 * compare-output.ts (ids and "... ago" are free, padding around relative times too); an id the page
 * printed and a later command types is replaced by the id this host printed in its place.
 */
import { expect } from "vitest";
import { session, type Session } from "../../docker-sim/helpers.ts";
import { matchOutput, outputLines, type IdMap } from "../compare-output.ts";
import { shellSessionBlocks } from "../shellsession.ts";

export interface Replay {
  s: Session;
  ids: IdMap;
}

export function freshHost(): Replay {
  return { s: session(), ids: new Map() };
}

/** Each `$ command` of `transcript` must print its lines; returns the host for the next block. */
export async function replay(host: Replay, transcript: string): Promise<Replay> {
  const [block] = shellSessionBlocks("docs", "```shellsession\n" + transcript.replace(/^\n/, "").replace(/\n\s*$/, "") + "\n```\n");
  for (const step of block!.steps) {
    // An id the page printed earlier and then typed (`docker secret inspect eo7j...`) is this host's id for it.
    let command = step.command;
    for (const [docId, ours] of host.ids) command = command.split(docId).join(ours);
    // What a terminal shows: stdout and stderr in the order written (pull progress before the id).
    let shown = "";
    await host.s.shell.exec(command, { onOutput: (chunk) => (shown += chunk.text) });
    // A docs page cannot show trailing blanks (tabwriter pads an empty last column), so neither side keeps them.
    const actual = outputLines(shown).map((l) => l.trimEnd());
    const expected = step.expected.map((l) => l.trimEnd());
    const ids = matchOutput(expected, actual, host.ids);
    expect(ids ? expected : actual.join("\n"), `$ ${step.command}`).toEqual(ids ? expected : expected.join("\n"));
    for (const [k, v] of ids!) host.ids.set(k, v);
  }
  return host;
}

/**
 * Replays a Docker docs example through the simulator: the commands as the page writes them, the
 * expected lines as the page shows them (`$ ` prompts, `...` for elided output), compared with
 * compare-output.ts (ids and "... ago" are free, padding around relative times too).
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
    const r = await host.s.run(step.command);
    const actual = outputLines(r.stdout + r.stderr);
    const ids = matchOutput(step.expected, actual, host.ids);
    expect(ids ? step.expected : actual.join("\n"), `$ ${step.command}`).toEqual(ids ? step.expected : step.expected.join("\n"));
    for (const [k, v] of ids!) host.ids.set(k, v);
  }
  return host;
}

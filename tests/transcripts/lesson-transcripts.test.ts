/**
 * Every ```shellsession block in the Docker lessons is replayed through the simulator, and what the
 * simulator prints must be what the lesson shows (issue 9: "every terminal transcript in the lessons
 * is produced by the simulator in tests").
 *
 * Each block declares its starting point in an MDX comment right before the fence:
 *
 *   {/* transcript: swarm/payments-service *\/}            a fresh host from that terminal scenario
 *   {/* transcript: swarm/payments-service continued *\/}  the host the last such block left behind
 *   {/* transcript: none: git, not docker *\/}             exempt (commands the simulator does not model)
 *
 * The clock is pinned to the lessons' date and ids come from the engine's fixed seed; compare-output.ts
 * says what is still allowed to differ (ids, "... ago", `...` elisions).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/docker-sim/index.ts";
import { startTerminalSession, type TerminalSession } from "../../src/terminals/terminal-session.ts";
import { getTerminalScenario } from "../../src/terminals/load-terminal-scenarios";
import { ELLIPSIS, matchOutput, outputLines, type IdMap } from "./compare-output";
import { shellSessionBlocks, type ShellSessionBlock } from "./shellsession";

const LESSONS = ["env-vars", "file-mounts", "swarm-compose", "buildkit"].map((name) => `content/lessons/${name}.mdx`);
const blocks = LESSONS.flatMap((file) => shellSessionBlocks(file, readFileSync(file, "utf8")));

type Start = { kind: "fresh" | "continued"; scenario: string } | { kind: "none"; reason: string };

function startOf(block: ShellSessionBlock): Start {
  const d = block.directive;
  if (d === undefined) throw new Error(`${block.file}:${block.line}: a shellsession block needs {/* transcript: <scenario> */} or {/* transcript: none: <why> */} right before it`);
  const none = /^none:\s*(\S.*)$/.exec(d);
  if (none) return { kind: "none", reason: none[1]! };
  const m = /^([a-z0-9-]+\/[a-z0-9-]+)( continued)?$/.exec(d);
  if (!m) throw new Error(`${block.file}:${block.line}: cannot read the transcript directive "${d}"`);
  return { kind: m[2] ? "continued" : "fresh", scenario: m[1]! };
}

/** An error the lesson shows on purpose; any other step must succeed. */
const SHOWS_FAILURE = /error|denied|not found|refused|warn/i;

/** Hosts started by earlier blocks, per scenario, with the ids their blocks have bound. */
const hosts = new Map<string, { session: TerminalSession; ids: IdMap }>();

async function hostFor(block: ShellSessionBlock, start: Start & { scenario: string }) {
  if (start.kind === "continued") {
    const host = hosts.get(start.scenario);
    if (!host) throw new Error(`${block.file}:${block.line}: "${start.scenario} continued" but no earlier block started it`);
    return host;
  }
  const session = await startTerminalSession(getTerminalScenario(start.scenario).scenario, { clock: new ManualClock("2025-01-15T09:30:00.000Z") });
  const host = { session, ids: new Map() as IdMap };
  hosts.set(start.scenario, host);
  return host;
}

describe("lesson transcripts", () => {
  it("every shellsession block declares where it starts", () => {
    for (const block of blocks) expect(() => startOf(block)).not.toThrow();
    expect(blocks.length).toBeGreaterThan(20);
  });

  const exempt: string[] = [];
  for (const block of blocks) {
    const start = startOf(block);
    const where = `${block.file}:${block.line}`;
    if (start.kind === "none") {
      exempt.push(`${where}: ${start.reason}`);
      it.skip(`${where} (exempt: ${start.reason})`, () => {});
      continue;
    }
    // Blocks share hosts, so they run in file order (vitest runs a file's tests one after the other).
    it(`${where} from ${start.scenario}${start.kind === "continued" ? " (continued)" : ""}`, async () => {
      const host = await hostFor(block, start);
      for (const step of block.steps) {
        const result = await host.session.shell.exec(step.command);
        const actual = outputLines(result.stdout + result.stderr);
        const ids = matchOutput(step.expected, actual, host.ids);
        // On a mismatch, show the whole output against the lesson's lines: that is the diff to read.
        expect(ids ? step.expected : actual.join("\n"), `$ ${step.command}`).toEqual(ids ? step.expected : step.expected.join("\n"));
        for (const [k, v] of ids!) host.ids.set(k, v);
        // An elided output (`...`) could hide a failure; the exit code cannot.
        if (step.expected.includes(ELLIPSIS) && !step.expected.some((l) => SHOWS_FAILURE.test(l))) expect(result.exitCode, `$ ${step.command}: exit code`).toBe(0);
      }
    });
  }

  it("lists the exempt blocks", () => {
    // Printed so the run's log says which transcripts are not checked, and why.
    console.info(`exempt shellsession blocks:\n${exempt.map((e) => `  ${e}`).join("\n")}`);
    expect(exempt.length).toBeLessThan(blocks.length);
  });
});

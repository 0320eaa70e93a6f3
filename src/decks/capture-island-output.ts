/**
 * What the live islands of the decks print, captured once per build by running them in Node
 * (scripts/capture-island-output.ts, the site's own engines), so a printed hand-out shows each
 * sandbox's output and each terminal's transcript where the page would run them.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";

export interface CapturedOutput {
  sandboxes: Record<string, { output: string; exitCode: number | null }>;
  terminals: Record<string, { command: string; output: string }[]>;
}

export interface IslandIds {
  sandboxes: string[];
  terminals: string[];
}

const ISLAND_LINE = /^::(sandbox|terminal)\s+(\S+)\s*$/gm;

/** The `::sandbox` / `::terminal` ids a deck body places (fences are not islands: see build-deck). */
export function islandIdsOf(body: string): IslandIds {
  const ids: IslandIds = { sandboxes: [], terminals: [] };
  for (const m of body.matchAll(ISLAND_LINE)) (m[1] === "sandbox" ? ids.sandboxes : ids.terminals).push(m[2]!);
  return ids;
}

let captured: Promise<CapturedOutput> | undefined;

/** Runs every island of every deck once per build (the first deck page waits; the others reuse it). */
export function captureIslandOutput(ids: IslandIds): Promise<CapturedOutput> {
  captured ??= new Promise((resolve, reject) => {
    const request = JSON.stringify({ sandboxes: [...new Set(ids.sandboxes)], terminals: [...new Set(ids.terminals)] });
    const script = join(process.cwd(), "scripts/capture-island-output.ts");
    const child = spawn(process.execPath, ["--experimental-transform-types", "--disable-warning=ExperimentalWarning", script, request], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`capturing the decks' island output failed (exit ${code}):\n${stderr.trim()}`));
      resolve(JSON.parse(stdout) as CapturedOutput);
    });
  });
  return captured;
}

/** Long outputs (a build log, a full inspect) keep their first and last lines on paper. */
export function clipLines(text: string, keep = 12): string {
  const lines = text.replace(/\n+$/, "").split("\n");
  if (lines.length <= keep) return lines.join("\n");
  const head = Math.ceil(keep / 2);
  const tail = keep - head;
  return [...lines.slice(0, head), `… ${lines.length - keep} more lines …`, ...lines.slice(lines.length - tail)].join("\n");
}

/**
 * Runs the live islands of a deck the way the page would, in Node, and prints what they printed as
 * one JSON object on stdout. The deck build calls it (src/decks/capture-island-output.ts) so that a
 * printed hand-out shows each sandbox's output and each terminal's transcript, not a placeholder.
 *
 *   node --experimental-transform-types scripts/capture-island-output.ts '{"sandboxes":["env-vars/leaky-logger"],"terminals":["swarm/secrets"]}'
 *
 * The same engines as the site: the Node runtime (worker threads with the browser's shims) in the
 * sandbox session with the example's providers (its vault, its AWS account, the payments API), as
 * the page and tests/examples run it; the Docker simulator for terminals, started as the island
 * starts them.
 */
import { SimulatedNetwork } from "../src/runtime/index.ts";
import { createNodeRuntime } from "../src/runtime/node.ts";
import { getExample, exampleFiles } from "../src/examples/load-examples.ts";
import { contentDir } from "../src/lib/read-tree.ts";
import type { SandboxFacet, SandboxWorld } from "../src/providers/sandbox-types.ts";
import { sandboxProviderConfigs } from "../src/providers/registry.ts";
import { SandboxSession } from "../src/sandbox-session/index.ts";
import { readTerminalScenarios } from "../src/terminals/read-terminal-scenarios.ts";
import { runtimeAppRunner } from "../src/terminals/runtime-app-runner.ts";
import { startTerminalSession } from "../src/terminals/terminal-session.ts";
import { ManualClock } from "../src/docker-sim/index.ts";

interface Request {
  sandboxes: string[];
  terminals: string[];
}
const request = JSON.parse(process.argv[2] ?? '{"sandboxes":[],"terminals":[]}') as Request;

const network = new SimulatedNetwork();
const runtime = createNodeRuntime({ network });
// The page finds a provider's sandbox facet by folder (Vite's glob); here, the same folder by path.
const loadFacet = async (id: string): Promise<SandboxFacet<SandboxWorld>> => ((await import(`../src/providers/${id}/sandbox.ts`)) as { sandbox: SandboxFacet<SandboxWorld> }).sandbox;

const out: { sandboxes: Record<string, { output: string; exitCode: number | null }>; terminals: Record<string, { command: string; output: string }[]> } = { sandboxes: {}, terminals: {} };
try {
  for (const id of request.sandboxes) {
    const example = getExample(id);
    const session = new SandboxSession({ runtime, network, providers: sandboxProviderConfigs({ kind: "example", manifest: example.manifest }), loadFacet });
    let output = "";
    const result = await session
      .run(
        { files: exampleFiles(example), entry: `/app/${example.manifest.entry}`, env: example.manifest.env, timeoutMs: example.manifest.timeoutMs },
        { onOutput: ({ stream, text }) => (stream === "stdout" || stream === "stderr" ? (output += text) : undefined) },
      )
      .finally(() => session.dispose());
    out.sandboxes[id] = { output, exitCode: result.exitCode };
  }
  const scenarios = request.terminals.length ? readTerminalScenarios(contentDir("terminals")) : new Map();
  for (const id of request.terminals) {
    const entry = scenarios.get(id);
    if (!entry) throw new Error(`no terminal scenario "${id}" in content/terminals`);
    const { shell } = await startTerminalSession(entry.scenario, { clock: new ManualClock("2025-01-15T09:30:00.000Z"), appRunner: runtimeAppRunner(() => runtime) });
    const steps: { command: string; output: string }[] = [];
    for (const command of entry.scenario.suggested) {
      // `help`, `history`, `clear` are the terminal's own: nothing to show on paper.
      if (/^(help|history|clear)\b/.test(command.trim())) continue;
      const result = await shell.exec(command);
      steps.push({ command, output: result.stdout + result.stderr });
    }
    out.terminals[id] = steps;
  }
} finally {
  runtime.dispose();
}
process.stdout.write(JSON.stringify(out));

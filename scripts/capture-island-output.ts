/**
 * Runs the live islands of a deck the way the page would, in Node, and prints what they printed as
 * one JSON object on stdout. The deck build calls it (src/decks/capture-island-output.ts) so that a
 * printed hand-out shows each sandbox's output and each terminal's transcript, not a placeholder.
 *
 *   node --experimental-transform-types scripts/capture-island-output.ts '{"sandboxes":["env-vars/leaky-logger"],"terminals":["swarm/secrets"]}'
 *
 * The same engines as the site: the Node runtime (worker threads with the browser's shims and mock
 * hosts) for sandboxes, the Docker simulator for terminals, started as the island starts them.
 */
import { readFileSync } from "node:fs";
import { SimulatedNetwork, createPaymentsApi, PAYMENTS_API_HOST } from "../src/runtime/index.ts";
import { createNodeRuntime } from "../src/runtime/node.ts";
import { createAzureWorld } from "../src/runtime/azure/host/index.ts";
import { appFileSystem } from "../src/runtime/app-files.ts";
import { contentDir, readTree } from "../src/lib/read-tree.ts";
import { readTerminalScenarios } from "../src/terminals/read-terminal-scenarios.ts";
import { runtimeAppRunner } from "../src/terminals/runtime-app-runner.ts";
import { startTerminalSession } from "../src/terminals/terminal-session.ts";
import { ManualClock } from "../src/docker-sim/index.ts";

interface Request {
  sandboxes: string[];
  terminals: string[];
}
const request = JSON.parse(process.argv[2] ?? '{"sandboxes":[],"terminals":[]}') as Request;

const payments = createPaymentsApi();
const network = new SimulatedNetwork({ [PAYMENTS_API_HOST]: payments.handler });
const runtime = createNodeRuntime({ network });

/** The example's own files, as content/examples/<id>/ holds them (the site validated the manifest). */
function loadExample(id: string) {
  const tree = readTree(contentDir("examples"));
  const sources: Record<string, string> = {};
  for (const [path, text] of Object.entries(tree)) {
    if (path.startsWith(`${id}/`) && path !== `${id}/example.json`) sources[path.slice(id.length + 1)] = text;
  }
  const manifest = JSON.parse(readFileSync(`${contentDir("examples")}/${id}/example.json`, "utf8"));
  return { manifest, sources };
}

const out: { sandboxes: Record<string, { output: string; exitCode: number | null }>; terminals: Record<string, { command: string; output: string }[]> } = { sandboxes: {}, terminals: {} };
try {
  for (const id of request.sandboxes) {
    const { manifest, sources } = loadExample(id);
    const azure = manifest.vault ? createAzureWorld(manifest.vault) : undefined;
    azure?.install(network);
    let output = "";
    const result = await runtime
      .run({ files: appFileSystem(sources, manifest.files), entry: `/app/${manifest.entry}`, env: manifest.env ?? {}, timeoutMs: manifest.timeoutMs }, { onOutput: ({ stream, text }) => (stream === "stdout" || stream === "stderr" ? (output += text) : undefined) })
      .finally(() => azure?.uninstall(network));
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

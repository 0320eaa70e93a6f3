/**
 * `npm run shell [-- --scenario <topic>/<name>]`: the lessons' simulated Docker host in your own
 * terminal. Interactive (prompt, history) when stdin is a terminal; from a pipe it reads line by
 * line and echoes each command after the prompt, so `npm run shell < session.txt` prints the
 * session as it would look typed. Lines are handled by the same terminal core as the page's
 * terminal (src/terminals/shell-core.ts): multi-line commands (`\`, open quotes, `if`...`fi`,
 * heredocs) with the `> ` prompt, `help`, `history`, `clear`, Ctrl+C to interrupt a command, and
 * `exit` to leave; `node app.js` in a container runs in the TypeScript runtime the sandboxes use.
 */
import { createInterface } from "node:readline";
import { ShellCore, type OutputChunk } from "../src/terminals/shell-core.ts";
import { startTerminalSession, ScenarioSetupError, type TerminalSession } from "../src/terminals/terminal-session.ts";
import { readTerminalScenario, readTerminalScenarios } from "../src/terminals/read-terminal-scenarios.ts";
import { TerminalScenarioError } from "../src/terminals/parse-terminal-scenario.ts";
import { TerminalScenarioSchema } from "../src/schemas/terminal-scenario.ts";
import { terminalClisOf } from "../src/providers/registry.ts";
import { runtimeAppRunner } from "../src/terminals/runtime-app-runner.ts";
import { PAYMENTS_API_HOST, SimulatedNetwork, createPaymentsApi } from "../src/runtime/index.ts";
import { createNodeRuntime } from "../src/runtime/node.ts";

const SCENARIOS = new URL("../content/terminals/", import.meta.url).pathname;
const USAGE = "usage: npm run shell [-- --scenario <topic>/<name>]   (--list shows the scenarios)";

function fail(message: string): never {
  console.error(`shell: ${message}`);
  process.exit(2);
}

function parseArgs(argv: string[]): { scenario?: string; list: boolean } {
  const out: { scenario?: string; list: boolean } = { list: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--list") out.list = true;
    else if (a === "--scenario") out.scenario = argv[++i] ?? fail(`--scenario needs a name\n${USAGE}`);
    else if (a.startsWith("--scenario=")) out.scenario = a.slice("--scenario=".length);
    else if (a === "-h" || a === "--help") {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown argument "${a}"\n${USAGE}`);
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
if (args.list) {
  for (const [id, { scenario }] of readTerminalScenarios(SCENARIOS)) console.log(`${id.padEnd(34)} ${scenario.title}`);
  process.exit(0);
}

let scenario;
try {
  // Without --scenario: the empty practice host the site's free terminal starts from.
  scenario = args.scenario ? readTerminalScenario(SCENARIOS, args.scenario).scenario : TerminalScenarioSchema.parse({ title: "Docker terminal" });
} catch (error) {
  fail(error instanceof TerminalScenarioError ? error.message : String(error));
}

const interactive = process.stdin.isTTY === true;
// The hosts a page's sandboxes reach: the app in a container and `curl` on the host see the same ones.
const network = new SimulatedNetwork({ [PAYMENTS_API_HOST]: createPaymentsApi().handler });
const runtime = createNodeRuntime({ network });
let session: TerminalSession;
try {
  // Providers the scenario uses add their CLIs (`aws` for an AWS world), as on the page.
  const commands = await terminalClisOf(scenario);
  session = await startTerminalSession(scenario, { appRunner: runtimeAppRunner(() => runtime), network: (request) => network.handle(request), commands });
} catch (error) {
  runtime.dispose();
  fail(error instanceof ScenarioSetupError ? `the scenario's ${error.message}` : String(error));
}

const core = new ShellCore(session, { exitLeaves: true });

/** Interactive: errors on stderr, as a shell does. Piped: one stream, in order, like a transcript. */
function print(chunk: OutputChunk): void {
  (chunk.stream === "stdout" || !interactive ? process.stdout : process.stderr).write(chunk.text);
}

/** The command running now, for Ctrl+C. */
let running: AbortController | undefined;

/** One input line; returns false on `exit`. */
async function handle(line: string): Promise<boolean> {
  if (!interactive) process.stdout.write(`${line}\n`);
  running = new AbortController();
  try {
    const outcome = await core.submit(line, { signal: running.signal, onOutput: print });
    if (outcome.kind === "exit") return false;
    if (outcome.kind === "clear" && interactive) process.stdout.write("\x1b[H\x1b[2J\x1b[3J");
    if (outcome.kind === "ran" && running.signal.aborted && interactive) process.stdout.write("\n");
    return true;
  } finally {
    running = undefined;
  }
}

const rl = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
const ask = (): void => {
  const text = core.prompt;
  if (interactive) {
    rl.setPrompt(text);
    rl.prompt();
  } else process.stdout.write(text);
};

// Ctrl+C: interrupt the running command, or drop the line being entered, as bash does.
rl.on("SIGINT", () => {
  if (running) {
    running.abort();
    return;
  }
  process.stdout.write("^C\n");
  core.cancelInput();
  rl.write(null, { ctrl: true, name: "u" });
  ask();
});

if (interactive) console.log(`\x1b[36m${scenario.title}: a simulated Docker host. Type help for help, exit to leave.\x1b[0m`);
ask();
// Lines are handled strictly one after another, as typed: a command finishes before the next starts.
let exited = false;
for await (const line of rl) {
  exited = !(await handle(line));
  if (exited) break;
  ask();
}
if (!exited) {
  // End of input: an unfinished command fails as bash reports it; the last prompt's line ends, as on Ctrl+D.
  const unfinished = core.continuing;
  if (unfinished) process.stdout.write("\n");
  await core.finish({ onOutput: print });
  if (!unfinished) process.stdout.write("\n");
}
rl.close();
runtime.dispose();

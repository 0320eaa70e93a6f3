/**
 * `npm run shell [-- --scenario <topic>/<name>]`: the lessons' simulated Docker host in your own
 * terminal. Interactive (prompt, history) when stdin is a terminal; from a pipe it reads line by
 * line and echoes each command after the prompt, so `npm run shell < session.txt` prints the
 * session as it would look typed. Heredocs (`cat > Dockerfile <<EOF`), `help`, `history`,
 * `clear` and `exit` work as in the page's terminal; `node app.js` in a container runs in the
 * same TypeScript runtime the sandboxes use.
 */
import { createInterface } from "node:readline";
import { DEFAULT_HOME, type CommandResult } from "../src/docker-sim/index.ts";
import { HELP_TEXT, builtinOf, formatHistory } from "../src/components/terminal/builtins.ts";
import { awaitsHeredoc } from "../src/components/terminal/heredoc.ts";
import { startTerminalSession, ScenarioSetupError, type TerminalSession } from "../src/components/terminal/terminal-session.ts";
import { readTerminalScenario, readTerminalScenarios } from "../src/terminals/read-terminal-scenarios.ts";
import { TerminalScenarioError } from "../src/terminals/parse-terminal-scenario.ts";
import { TerminalScenarioSchema } from "../src/schemas/terminal-scenario.ts";
import { runtimeAppRunner } from "../src/terminals/runtime-app-runner.ts";
import { SimulatedNetwork } from "../src/runtime/index.ts";
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
const runtime = createNodeRuntime({ network: new SimulatedNetwork() });
let session: TerminalSession;
try {
  session = await startTerminalSession(scenario, { appRunner: runtimeAppRunner(() => runtime) });
} catch (error) {
  runtime.dispose();
  fail(error instanceof ScenarioSetupError ? `the scenario's ${error.message}` : String(error));
}

function prompt(): string {
  const home = session.shell.env.get("HOME") ?? DEFAULT_HOME;
  const cwd = session.shell.cwd;
  const where = cwd === home ? "~" : cwd.startsWith(`${home}/`) ? `~${cwd.slice(home.length)}` : cwd;
  return `learner@secrets-lab:${where}$ `;
}

/** Interactive: errors on stderr, as a shell does. Piped: one stream, in order, like a transcript. */
function print(result: CommandResult): void {
  process.stdout.write(result.stdout);
  (interactive ? process.stderr : process.stdout).write(result.stderr);
}

const history: string[] = [];
let pending: string[] = [];

/** One input line; returns false on `exit`. */
async function handle(line: string): Promise<boolean> {
  if (!interactive) process.stdout.write(`${line}\n`);
  const script = [...pending, line].join("\n");
  if (awaitsHeredoc(script)) {
    if (pending.length === 0) history.push(line);
    pending.push(line);
    return true;
  }
  if (pending.length === 0 && line.trim()) history.push(line);
  pending = [];
  const word = script.trim();
  if (word === "exit" || word.startsWith("exit ")) return false;
  const builtin = builtinOf(script);
  if (builtin === "clear") {
    if (interactive) process.stdout.write("\x1b[H\x1b[2J\x1b[3J");
  } else if (builtin === "help") print({ stdout: HELP_TEXT, stderr: "", exitCode: 0 });
  else if (builtin === "history") print({ stdout: formatHistory(history), stderr: "", exitCode: 0 });
  else if (word) print(await session.shell.exec(script));
  return true;
}

const rl = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
const ask = (): void => {
  const text = pending.length > 0 ? "> " : prompt();
  if (interactive) {
    rl.setPrompt(text);
    rl.prompt();
  } else process.stdout.write(text);
};

if (interactive) console.log(`\x1b[36m${scenario.title}: a simulated Docker host. Type help for help, exit to leave.\x1b[0m`);
ask();
// Lines are handled strictly one after another, as typed: a command finishes before the next starts.
let exited = false;
for await (const line of rl) {
  exited = !(await handle(line));
  if (exited) break;
  ask();
}
// End of input leaves the last prompt open; end its line, as a terminal does on Ctrl+D.
if (!exited) process.stdout.write("\n");
rl.close();
runtime.dispose();

/**
 * The Docker terminal scenarios under content/terminals, validated once:
 *
 *   getTerminalScenario("env-vars/docker-inspect")   // -> { id, scenario }
 *   allTerminalScenarios()                           // every scenario, sorted by id
 *
 * A file that is not valid JSON or does not match TerminalScenarioSchema throws a
 * TerminalScenarioError naming the file and each bad field, which fails the build.
 */
import { TerminalScenarioSchema, type TerminalScenarioInput } from "../schemas/terminal-scenario";
import { TerminalScenarioError, parseTerminalScenario, type TerminalScenarioEntry } from "./parse-terminal-scenario";

export { TerminalScenarioError, parseTerminalScenario, type TerminalScenarioEntry };

const ROOT = "/content/terminals/";

// Vite inlines every scenario at build time (Astro and vitest alike); no file is read at run time.
const raw = import.meta.glob<string>("/content/terminals/**/*.json", { query: "?raw", import: "default", eager: true });

/**
 * The terminal a page gets without a `scenario`: an empty host, and a few first
 * commands to click. Kept in code (not content/) so the practice page builds even
 * where content/terminals is absent, as in the schema-error fixture builds.
 */
const FREE_INPUT: TerminalScenarioInput = {
  title: "Docker terminal",
  description: "A simulated Docker host in your browser. Nothing you type leaves the page; Reset starts over.",
  suggested: [
    "docker run -d --name payments -e EXTERNAL_API_KEY=sk_test_51FakeKeyForSecretsLab000000000000 node:22-alpine sleep infinity",
    "docker ps",
    "docker inspect --format '{{json .Config.Env}}' payments",
    "docker images",
    "help",
  ],
};
export const FREE_TERMINAL: TerminalScenarioEntry = { id: "free", scenario: TerminalScenarioSchema.parse(FREE_INPUT) };

let cache: Map<string, TerminalScenarioEntry> | undefined;

function loadAll(): Map<string, TerminalScenarioEntry> {
  const byId = new Map<string, TerminalScenarioEntry>();
  for (const [path, text] of Object.entries(raw)) {
    const id = path.slice(ROOT.length, -".json".length);
    byId.set(id, { id, scenario: parseTerminalScenario(path.slice(1), text) });
  }
  return byId;
}

export function allTerminalScenarios(): TerminalScenarioEntry[] {
  cache ??= loadAll();
  return [...cache.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export function getTerminalScenario(id: string): TerminalScenarioEntry {
  cache ??= loadAll();
  const entry = cache.get(id);
  if (!entry) throw new TerminalScenarioError(`no terminal scenario "${id}" in content/terminals; known: ${[...cache.keys()].sort().join(", ") || "(none)"}`);
  return entry;
}

/**
 * The terminal scenarios read from disk, for plain Node (`npm run shell`), where Vite's
 * import.meta.glob that load-terminal-scenarios.ts relies on does not exist. Same ids, same
 * validation, same errors.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { TerminalScenarioError, parseTerminalScenario, type TerminalScenarioEntry } from "./parse-terminal-scenario.ts";

/** Every `<topic>/<name>.json` under `root` (content/terminals), by id. */
export function readTerminalScenarios(root: string): Map<string, TerminalScenarioEntry> {
  const byId = new Map<string, TerminalScenarioEntry>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".json")) {
        const id = relative(root, full).split("\\").join("/").slice(0, -".json".length);
        byId.set(id, { id, scenario: parseTerminalScenario(`content/terminals/${id}.json`, readFileSync(full, "utf8")) });
      }
    }
  };
  if (existsSync(root)) walk(root);
  return byId;
}

export function readTerminalScenario(root: string, id: string): TerminalScenarioEntry {
  const all = readTerminalScenarios(root);
  const entry = all.get(id);
  if (!entry) throw new TerminalScenarioError(`no terminal scenario "${id}" in content/terminals; known: ${[...all.keys()].join(", ") || "(none)"}`);
  return entry;
}

/**
 * Validating one terminal scenario file. Kept apart from load-terminal-scenarios.ts (which reads
 * the files through Vite's import.meta.glob) so plain Node can use it too: see read-terminal-scenarios.ts.
 */
import { TerminalScenarioSchema, type TerminalScenario } from "../schemas/terminal-scenario.ts";

export interface TerminalScenarioEntry {
  /** `<topic>/<name>`: the file's path under content/terminals without `.json`. */
  id: string;
  scenario: TerminalScenario;
}

export class TerminalScenarioError extends Error {
  override name = "TerminalScenarioError";
}

/** Validates one scenario file's text; `file` is the repo-relative path used in errors. */
export function parseTerminalScenario(file: string, text: string): TerminalScenario {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new TerminalScenarioError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = TerminalScenarioSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new TerminalScenarioError(`${file} does not match the terminal scenario schema:\n${problems.join("\n")}`);
  }
  return parsed.data;
}


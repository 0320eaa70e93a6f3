/**
 * Moved to src/terminals/terminal-session.ts (the terminal core shared by the page and `npm run
 * shell`); this re-export keeps the importers outside the terminal's files working until they move.
 */
export { ScenarioSetupError, startTerminalSession, type TerminalSession, type TerminalSessionOptions } from "../../terminals/terminal-session.ts";

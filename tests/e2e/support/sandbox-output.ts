import type { Locator } from "@playwright/test";

/**
 * All of a sandbox's output, scrollback included: xterm puts only the visible rows
 * in the DOM, so a long error can push earlier lines out of `.xterm-rows`.
 */
export function sandboxOutput(sandbox: Locator): Promise<string> {
  return sandbox.evaluate(async (el) => (await (el as HTMLElement & { outputText?: () => Promise<string> }).outputText?.()) ?? "");
}

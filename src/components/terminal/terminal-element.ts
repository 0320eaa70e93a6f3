import { defineLazyElement } from "../islands/define-lazy-element";

/** <secrets-terminal>: xterm.js and the simulated Docker engine load when it comes into view. */
export function defineTerminalElement(): void {
  defineLazyElement("secrets-terminal", async () => (await import("./mount-terminal")).mountTerminal);
}

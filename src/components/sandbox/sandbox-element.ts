import { defineLazyElement } from "../islands/define-lazy-element";

/** <secrets-sandbox>: the editor, terminal and runtime load when it comes into view. */
export function defineSandboxElement(): void {
  defineLazyElement("secrets-sandbox", async () => (await import("./mount-sandbox")).mountSandbox);
}

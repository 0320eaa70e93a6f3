/**
 * <secrets-terminal>: the light wrapper every page with a terminal ships. It waits
 * until the terminal is near the viewport, then loads xterm.js and the simulated
 * Docker engine (a separate chunk), so a lesson pays nothing for terminals the reader
 * never scrolls to.
 */
export function defineTerminalElement(): void {
  if (customElements.get("secrets-terminal")) return;
  customElements.define(
    "secrets-terminal",
    class extends HTMLElement {
      #observer: IntersectionObserver | undefined;
      connectedCallback() {
        this.#observer = new IntersectionObserver(
          (entries) => {
            if (!entries.some((e) => e.isIntersecting)) return;
            this.#observer?.disconnect();
            void import("./mount-terminal").then(({ mountTerminal }) => mountTerminal(this));
          },
          { rootMargin: "200px" },
        );
        this.#observer.observe(this);
      }
      disconnectedCallback() {
        this.#observer?.disconnect();
      }
    },
  );
}

/**
 * <secrets-sandbox>: the light wrapper every page with a sandbox ships. It waits
 * until the sandbox is near the viewport, then loads the editor, terminal and
 * runtime (a separate chunk), so a long lesson pays nothing for sandboxes the
 * reader never scrolls to.
 */
export function defineSandboxElement(): void {
  if (customElements.get("secrets-sandbox")) return;
  customElements.define(
    "secrets-sandbox",
    class extends HTMLElement {
      #observer: IntersectionObserver | undefined;
      connectedCallback() {
        this.#observer = new IntersectionObserver(
          (entries) => {
            if (!entries.some((e) => e.isIntersecting)) return;
            this.#observer?.disconnect();
            void import("./mount-sandbox").then(({ mountSandbox }) => mountSandbox(this));
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

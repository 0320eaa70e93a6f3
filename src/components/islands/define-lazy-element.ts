/**
 * Defines a custom element that stays a light wrapper until it is near the
 * viewport, then loads its heavy module (a separate chunk) and mounts it. A page
 * pays nothing for islands the reader never scrolls to. On a slide, an island loads
 * when its slide is shown: reveal.js keeps the next few slides laid out (hidden, but
 * they intersect), which made a deck load every island near its start on open.
 */
export function defineLazyElement(tag: string, load: () => Promise<(host: HTMLElement) => (() => void) | void | Promise<void>>): void {
  if (customElements.get(tag)) return;
  customElements.define(
    tag,
    class extends HTMLElement {
      #observer: IntersectionObserver | undefined;
      /** What the mounted island does when it leaves the page (a sandbox drops its session). */
      #dispose: (() => void) | undefined;
      connectedCallback() {
        // A printed deck (reveal's ?print-pdf) keeps the static form: code and the output the build captured.
        if (/[?&]print-pdf\b/.test(location.search)) return;
        const slide = this.closest<HTMLElement>(".reveal .slides section");
        if (slide && !slide.classList.contains("present")) {
          const shown = new MutationObserver(() => {
            if (!slide.classList.contains("present")) return;
            shown.disconnect();
            this.#watch(load);
          });
          shown.observe(slide, { attributes: true, attributeFilter: ["class"] });
          this.#stopWaiting = () => shown.disconnect();
          return;
        }
        this.#watch(load);
      }
      #stopWaiting: (() => void) | undefined;
      #watch(load: () => Promise<(host: HTMLElement) => (() => void) | void | Promise<void>>) {
        this.#observer = new IntersectionObserver(
          (entries) => {
            if (!entries.some((e) => e.isIntersecting)) return;
            this.#observer?.disconnect();
            void load().then((mount) => {
              const dispose = mount(this);
              if (typeof dispose === "function") this.#dispose = dispose;
            });
          },
          { rootMargin: "200px" },
        );
        this.#observer.observe(this);
      }
      disconnectedCallback() {
        this.#stopWaiting?.();
        this.#observer?.disconnect();
        this.#dispose?.();
        this.#dispose = undefined;
      }
    },
  );
}

/**
 * Defines a custom element that stays a light wrapper until it is near the
 * viewport, then loads its heavy module (a separate chunk) and mounts it. A page
 * pays nothing for islands the reader never scrolls to; on a slide, an island
 * loads when its slide is shown (hidden slides never intersect).
 */
export function defineLazyElement(tag: string, load: () => Promise<(host: HTMLElement) => void>): void {
  if (customElements.get(tag)) return;
  customElements.define(
    tag,
    class extends HTMLElement {
      #observer: IntersectionObserver | undefined;
      connectedCallback() {
        // A printed deck (reveal's ?print-pdf) keeps the static form: code and the output the build captured.
        if (/[?&]print-pdf\b/.test(location.search)) return;
        this.#observer = new IntersectionObserver(
          (entries) => {
            if (!entries.some((e) => e.isIntersecting)) return;
            this.#observer?.disconnect();
            void load().then((mount) => mount(this));
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

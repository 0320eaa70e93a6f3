import type { RevealApi } from "reveal.js";

/**
 * On a phone (narrower than 435 px) reveal shows the deck as one scrolling page (its scroll view).
 * There it starts from the first slide and drops the URL's hash, never writes it again, and does
 * not follow a hash change: a link to slide 5 opened slide 1. This scrolls to the slide a link
 * names (on open and on a hash change) and keeps the address naming the slide in view, in the same
 * one-based numbers as on a projector (#/5 is slide 5).
 */
export function keepSlideLinks(revealApi: RevealApi, linked: number | undefined): void {
  // reveal 6 has isScrollView() at run time; its type declarations do not list it yet.
  const deck = revealApi as RevealApi & { isScrollView(): boolean };
  const slides = () => deck.getSlides() as HTMLElement[];
  const show = (n: number) => slides()[n - 1]?.closest(".scroll-page")?.scrollIntoView({ block: "start" });
  if (deck.isScrollView() && linked) {
    show(linked);
    history.replaceState(history.state, "", `#/${linked}`);
  }
  window.addEventListener("hashchange", () => {
    const n = Number(/^#\/(\d+)/.exec(location.hash)?.[1]);
    if (deck.isScrollView() && n) show(n);
  });
  let queued = 0;
  const viewport = document.querySelector(".reveal-viewport") ?? document.body;
  viewport.addEventListener(
    "scroll",
    () => {
      if (queued || !deck.isScrollView()) return;
      queued = window.setTimeout(() => {
        queued = 0;
        const at = slides().findIndex((s) => s.classList.contains("present"));
        const hash = at > 0 ? `#/${at + 1}` : "";
        if (at >= 0 && location.hash !== hash) history.replaceState(history.state, "", hash || location.pathname + location.search);
      }, 250);
    },
    { passive: true },
  );
}

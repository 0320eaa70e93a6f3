/**
 * Light or dark slides, chosen with the button in the deck's corner and kept (localStorage) for
 * every deck. Slides are light unless the presenter chose dark, whatever the laptop's own theme:
 * a room's projector shows light slides best. The head's inline script applies the choice before
 * the first paint; this wires the button.
 */
import { DECK_THEME_KEY } from "../theme-boot.ts";

export { DECK_THEME_KEY };

export function bindDeckTheme(): void {
  const button = document.querySelector<HTMLButtonElement>(".deck-theme-toggle");
  if (!button) return;
  const html = document.documentElement;
  const show = () => {
    const dark = html.dataset.deckTheme === "dark";
    button.setAttribute("aria-pressed", String(dark));
  };
  button.addEventListener("click", () => {
    const next = html.dataset.deckTheme === "dark" ? "light" : "dark";
    html.dataset.deckTheme = next;
    try {
      localStorage.setItem(DECK_THEME_KEY, next);
    } catch {
      // Storage refused (private mode): the switch still works for this page.
    }
    show();
  });
  // Another window of the site (the speaker view's previews) follows a switch made here.
  window.addEventListener("storage", (event) => {
    if (event.key !== DECK_THEME_KEY) return;
    html.dataset.deckTheme = event.newValue === "dark" ? "dark" : "light";
    show();
  });
  show();
}

import type { RevealApi } from "reveal.js";

/**
 * A presenter's clicker sends PageDown and PageUp. Reveal ignores every key while an editor or a
 * terminal on a slide has focus (so typing never moves slides), which left the clicker dead after
 * the presenter typed a command. These two keys are taken at the window, before the island or
 * reveal sees them: they always step the deck (fragments included), and the island on the slide
 * that was left lets go of the focus, so the arrow keys move slides again too.
 */
export function bindClickerKeys(root: HTMLElement, deck: RevealApi): void {
  window.addEventListener(
    "keydown",
    (event) => {
      if (event.key !== "PageDown" && event.key !== "PageUp") return;
      if (event.altKey || event.ctrlKey || event.metaKey || !deck.isReady()) return;
      event.preventDefault();
      event.stopPropagation();
      const active = document.activeElement;
      if (active instanceof HTMLElement && root.contains(active) && active.closest("secrets-sandbox, secrets-terminal")) active.blur();
      if (event.key === "PageDown") deck.next();
      else deck.prev();
    },
    true,
  );
}

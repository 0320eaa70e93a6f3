import Reveal from "reveal.js";
import RevealNotes from "reveal.js/plugin/notes";
import { bindCodeSteps } from "./code-steps";
import { fitPrintSlides } from "./fit-print-slides";

/**
 * Starts reveal.js on a built deck. Highlighting was done at build time, so no
 * highlight plugin ships; notes come from <aside class="notes"> and the notes
 * plugin's speaker view (press S) is bundled, so it works offline.
 */
export function startDeck(root: HTMLElement): void {
  // Users who ask their system for reduced motion get no slide or background transitions.
  const reduceMotion = matchMedia("(prefers-reduced-motion: reduce)").matches;
  const transition = reduceMotion ? "none" : ((root.dataset.transition ?? "fade") as "none" | "fade" | "slide");
  // Hand-outs: `?print-pdf&notes=separate-page` prints each slide's notes on a page of its own.
  const params = new URLSearchParams(location.search);
  const notesParam = params.get("notes");
  // The speaker view shows this page in iframes (?receiver): no page chrome there.
  if (params.has("receiver")) document.documentElement.classList.add("deck-receiver");
  if (params.has("print-pdf")) fitPrintSlides(1280, 720);
  const showNotes = notesParam === "separate-page" ? "separate-page" : notesParam === "true";
  const deck = new Reveal(root, {
    hash: true,
    history: false,
    slideNumber: "c/t",
    showSlideNumber: "all",
    progress: true,
    controls: true,
    transition,
    backgroundTransition: reduceMotion ? "none" : "fade",
    autoAnimate: !reduceMotion,
    center: false,
    // Clickers send PageDown/PageUp, which reveal already maps to next/prev
    // (fragments included), so no keyboard overrides are needed.
    // reveal accepts "separate-page" at run time; its type declares only boolean.
    showNotes: showNotes as boolean,
    // A hand-out wants each slide once, with all its steps shown.
    pdfSeparateFragments: false,
    // Print at the projector's 16:9 size so the PDF matches what the class saw.
    width: 1280,
    height: 720,
    plugins: [RevealNotes],
  });
  void deck.initialize().then(() => bindCodeSteps(deck));
  handBackKeysFromIslands(root);
}

/**
 * Reveal ignores keys while an editor or terminal on a slide has focus, so typing
 * never moves slides. Escape hands the keyboard back: focus moves from inside the
 * island to the island itself, and the next arrow key moves slides again.
 */
function handBackKeysFromIslands(root: HTMLElement): void {
  root.addEventListener(
    "keydown",
    (event) => {
      if (event.key !== "Escape") return;
      const island = (event.target as Element | null)?.closest<HTMLElement>("secrets-sandbox, secrets-terminal");
      if (!island || event.target === island) return;
      event.preventDefault();
      event.stopPropagation();
      island.tabIndex = -1;
      island.focus();
    },
    true,
  );
}

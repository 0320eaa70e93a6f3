import Reveal from "reveal.js";
import { bindCodeSteps } from "./code-steps";
import { bindClickerKeys } from "./clicker-keys";
import { bindDeckTheme } from "./deck-theme";
import { fitPrintSlides } from "./fit-print-slides";
import { bindIslandZoom } from "./island-zoom";

/**
 * Starts reveal.js on a built deck. Highlighting was done at build time, so no highlight plugin
 * ships. What only a presenter uses loads when asked for, so the class's browser starts with reveal
 * alone: the speaker view (reveal's notes plugin, a pacing timer) on S and drawing on D.
 * Everything stays on this site, so the deck works offline.
 */
export function startDeck(root: HTMLElement): void {
  // Users who ask their system for reduced motion get no slide or background transitions.
  const reduceMotion = matchMedia("(prefers-reduced-motion: reduce)").matches;
  const transition = reduceMotion ? "none" : ((root.dataset.transition ?? "fade") as "none" | "fade" | "slide");
  // Hand-outs: `?print-pdf&notes=separate-page` prints each slide's notes on a page of its own.
  const params = new URLSearchParams(location.search);
  const notesParam = params.get("notes");
  const receiver = params.has("receiver");
  // The speaker view shows this page in iframes (?receiver): no page chrome there.
  if (receiver) document.documentElement.classList.add("deck-receiver");
  // Static, not on demand: it must watch for reveal's print class before reveal measures the pages.
  if (params.has("print-pdf")) fitPrintSlides(1280, 720);
  const showNotes = notesParam === "separate-page" ? "separate-page" : notesParam === "true";
  const deck = new Reveal(root, {
    // The build puts every slide side by side, so the number shown (c/t) and the URL (#/c) are the
    // same one-based count: "slide 12" is #/12 in the address bar, on a phone and in the notes.
    hash: true,
    hashOneBasedIndex: true,
    // A shown step is not part of the address (#/2/1/0 read as three numbers): #/2 stays slide 2.
    fragmentInURL: false,
    history: false,
    slideNumber: "c/t",
    showSlideNumber: "all",
    progress: true,
    controls: true,
    transition,
    backgroundTransition: reduceMotion ? "none" : "fade",
    autoAnimate: !reduceMotion,
    // Slides are centred by CSS (.slide-body in deck-theme.css), not by reveal's center option,
    // which measures every slide's height at start-up and again whenever an island grows.
    center: false,
    // No scroll view on phones: reveal's scroll view (below 435 px) opened every link at slide 1 and
    // dropped its hash, never wrote one again, and rebuilding the deck as a scrolling page was most
    // of a phone's start-up work (Lighthouse mobile 89-92 with it, 98-99 without). A phone shows the
    // slides as a projector does, and swipes move them.
    scrollActivationWidth: null as unknown as number,
    // reveal accepts "separate-page" at run time; its type declares only boolean.
    showNotes: showNotes as boolean,
    // A hand-out wants each slide once, with all its steps shown.
    pdfSeparateFragments: false,
    // Print at the projector's 16:9 size so the PDF matches what the class saw.
    width: 1280,
    height: 720,
  });
  void deck.initialize().then(() => {
    bindCodeSteps(deck);
    if (receiver) return;
    const duration = Number(root.dataset.duration) || 0;
    const speaker = () => import("./speaker-view").then((m) => m.openSpeakerView(deck, duration));
    deck.addKeyBinding({ keyCode: 83, key: "S", description: "Speaker view (notes, pacing timer)" }, () => void speaker());
    // The speaker window survives a reload of this page and asks for it again: reconnect then.
    window.addEventListener("message", function reconnect(event) {
      if (typeof event.data !== "string" || !event.data.includes('"heartbeat"') || event.origin !== location.origin) return;
      window.removeEventListener("message", reconnect);
      void import("./speaker-view").then((m) => m.reconnectSpeakerView(deck, duration, event.source as Window));
    });
    deck.addKeyBinding({ keyCode: 68, key: "D", description: "Draw on the slide (D or Esc to stop)" }, () => {
      void import("./draw-overlay").then((m) => m.toggleDrawing(deck));
    });
    hideHintAfterFirstMove(deck);
  });
  bindClickerKeys(root, deck);
  handBackKeysFromIslands(root);
  bindDeckTheme();
  bindIslandZoom(root);
}

/**
 * The key hint is for whoever opens the deck, not for the class: it shows on the slide the deck
 * opened at and goes with the first move (the speaker view and `?` list the keys after that).
 */
function hideHintAfterFirstMove(deck: InstanceType<typeof Reveal>): void {
  const hint = document.querySelector<HTMLElement>(".deck-keys");
  if (!hint) return;
  deck.on("slidechanged", () => hint.classList.add("deck-keys-gone"));
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

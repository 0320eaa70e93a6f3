import RevealNotes from "reveal.js/plugin/notes";
import type { RevealApi } from "reveal.js";
import { pacing } from "./pacing";

/**
 * The speaker view, loaded on the first S (or when a speaker window left open asks to reconnect):
 * reveal's notes plugin, plus what it lacks for a class. Its window is same-origin, so this page
 * adds to it: a pacing line against the deck's declared duration, and a layout where the
 * "Upcoming" label sits above the preview instead of over the next slide's title.
 */
let plugin: { open: () => void } | undefined;
let watching = false;

function notes(deck: RevealApi): { open: () => void } {
  if (!plugin) {
    plugin = RevealNotes() as unknown as { open: () => void };
    deck.registerPlugin(plugin as never);
  }
  return plugin;
}

export function openSpeakerView(deck: RevealApi, durationMinutes: number): void {
  watchSpeakerWindow(deck, durationMinutes);
  notes(deck).open();
}

/** A speaker window from before a reload sent its heartbeat: the plugin reconnects it. */
export function reconnectSpeakerView(deck: RevealApi, durationMinutes: number, source: Window): void {
  watchSpeakerWindow(deck, durationMinutes);
  notes(deck);
  // The plugin listens for the next heartbeat itself; dressing the window now makes it look right at once.
  dress(source, deck, durationMinutes);
}

/** The speaker window tells this page it connected: that message names the window to dress. */
function watchSpeakerWindow(deck: RevealApi, durationMinutes: number): void {
  if (watching) return;
  watching = true;
  window.addEventListener("message", (event) => {
    if (event.origin !== location.origin || typeof event.data !== "string" || !event.data.includes('"connected"')) return;
    dress(event.source as Window, deck, durationMinutes);
  });
}

const SPEAKER_CSS = `
  /* The label goes above the preview: over it, it covered the next slide's title. */
  #upcoming-slide { padding-top: 40px; }
  #upcoming-slide .label { top: 6px; left: 6px; }
  .deck-pacing { padding: 10px 16px 14px; border-bottom: 1px solid rgba(200, 200, 200, 0.5); margin-bottom: 10px; }
  .deck-pacing .label { text-transform: uppercase; font-size: 0.66em; color: #555; margin: 0 0 4px; font-weight: normal; }
  .deck-pacing-text { margin: 0; font-size: 1.1em; line-height: 1.35; }
  .deck-pacing[data-state="ahead"] .deck-pacing-state { color: #0047b3; }
  .deck-pacing[data-state="on time"] .deck-pacing-state { color: #1a6b32; }
  .deck-pacing[data-state="behind"] .deck-pacing-state { color: #b3261e; }
  .deck-pacing-state { font-weight: 700; }
`;

function dress(speaker: Window, deck: RevealApi, durationMinutes: number): void {
  let doc: Document;
  try {
    doc = speaker.document;
  } catch {
    return; // not ours after all
  }
  if (!doc?.body || doc.querySelector(".deck-pacing")) return;
  const style = doc.createElement("style");
  style.textContent = SPEAKER_CSS;
  doc.head.append(style);
  if (!durationMinutes) return;

  const panel = doc.createElement("section");
  panel.className = "deck-pacing";
  panel.setAttribute("aria-label", "Pacing");
  const label = doc.createElement("h4");
  label.className = "label";
  label.textContent = `Pacing · ${durationMinutes} min planned`;
  const text = doc.createElement("p");
  text.className = "deck-pacing-text";
  text.setAttribute("aria-live", "off");
  panel.append(label, text);
  const controls = doc.querySelector("#speaker-controls");
  controls?.insertBefore(panel, controls.querySelector(".speaker-controls-notes"));

  // The clock starts when the speaker view opens; clicking the plugin's timer restarts both.
  let start = Date.now();
  doc.querySelector(".speaker-controls-time")?.addEventListener("click", () => {
    start = Date.now();
    update();
  });
  function update(): void {
    const now = pacing(Date.now() - start, durationMinutes, deck.getSlidePastCount() + 1, deck.getTotalSlides());
    panel.dataset.state = now.state;
    const [head, state] = [now.text.slice(0, now.text.lastIndexOf(" · ") + 3), now.text.slice(now.text.lastIndexOf(" · ") + 3)];
    text.textContent = head;
    const strong = doc.createElement("span");
    strong.className = "deck-pacing-state";
    strong.textContent = state;
    text.append(strong);
  }
  update();
  deck.on("slidechanged", update);
  const timer = speaker.setInterval(update, 1000);
  speaker.addEventListener("pagehide", () => {
    speaker.clearInterval(timer);
    deck.off("slidechanged", update);
  });
}

import type { RevealApi } from "reveal.js";

/**
 * Drawing on the slide, for pointing at a line of code in front of the class: D opens a canvas over
 * the deck, the pointer (mouse, pen or finger) draws, D or Esc closes it and the ink goes. While it
 * is closed there is no canvas and no key handler: nothing is taken from the slides or the islands.
 * (reveal.js-plugins' chalkboard was the other choice: it needs Font Awesome and image files found
 * through its script tag, and binds Delete, Backspace, C, B, X, Y and D at all times.)
 */
let overlay: { close: () => void } | undefined;

export function toggleDrawing(deck: RevealApi): void {
  if (overlay) overlay.close();
  else overlay = openDrawing(deck);
}

const INK_LIGHT = "#c2185b";
const INK_DARK = "#ff8ac4";

function openDrawing(deck: RevealApi): { close: () => void } {
  const layer = document.createElement("div");
  layer.className = "deck-draw";
  layer.setAttribute("role", "region");
  layer.setAttribute("aria-label", "Drawing on the slide");
  const canvas = document.createElement("canvas");
  canvas.className = "deck-draw-canvas";
  const bar = document.createElement("div");
  bar.className = "deck-draw-bar";
  const clear = button("Clear", () => wipe());
  const done = button("Stop drawing (D or Esc)", () => close());
  bar.append(clear, done);
  layer.append(canvas, bar);
  document.body.append(layer);

  const ctx = canvas.getContext("2d")!;
  const fit = () => {
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(innerWidth * ratio);
    canvas.height = Math.round(innerHeight * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.lineWidth = 4;
    ctx.strokeStyle = document.documentElement.dataset.deckTheme === "dark" ? INK_DARK : INK_LIGHT;
  };
  const wipe = () => ctx.clearRect(0, 0, canvas.width, canvas.height);
  fit();

  let drawing = false;
  canvas.addEventListener("pointerdown", (e) => {
    drawing = true;
    canvas.setPointerCapture(e.pointerId);
    ctx.beginPath();
    ctx.moveTo(e.clientX, e.clientY);
    e.preventDefault();
  });
  canvas.addEventListener("pointermove", (e) => {
    if (!drawing) return;
    ctx.lineTo(e.clientX, e.clientY);
    ctx.stroke();
  });
  const lift = () => (drawing = false);
  canvas.addEventListener("pointerup", lift);
  canvas.addEventListener("pointercancel", lift);

  // Only while open: Esc and D close (before reveal would open its overview), the clicker keys
  // still step the deck (handled at the window, see clicker-keys), and a slide change wipes the ink.
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== "Escape" && e.key.toLowerCase() !== "d") return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    e.stopPropagation();
    close();
  };
  document.addEventListener("keydown", onKey, true);
  window.addEventListener("resize", fit);
  deck.on("slidechanged", wipe);
  done.focus();

  function close(): void {
    document.removeEventListener("keydown", onKey, true);
    window.removeEventListener("resize", fit);
    deck.off("slidechanged", wipe);
    layer.remove();
    overlay = undefined;
  }
  return { close };
}

function button(text: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "deck-draw-btn";
  b.textContent = text;
  b.addEventListener("click", onClick);
  return b;
}

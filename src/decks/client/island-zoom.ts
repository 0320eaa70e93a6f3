/**
 * Live islands on slides start at the deck's code size (22.8 px on the 1280x720 canvas, as static
 * code) and a presenter can make them larger or smaller for the back of the room: the "A−"/"A+"
 * buttons above each island, or Ctrl+= / Ctrl+- (Ctrl+0 resets) while the focus is in it, which
 * then zooms the island instead of the whole page. CSS sizes the editor and the output from
 * --island-scale; a Docker terminal (xterm draws its own text) is told with an event.
 */
const STEPS = [0.7, 0.85, 1, 1.2, 1.4, 1.6];

export function bindIslandZoom(root: HTMLElement): void {
  for (const island of root.querySelectorAll<HTMLElement>(".live-island")) {
    const bar = document.createElement("div");
    bar.className = "island-zoom";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Text size");
    // The name starts with the visible text (WCAG 2.5.3: a voice user says what they see).
    const smaller = zoomButton("A−", "A− smaller text", () => step(island, -1));
    const larger = zoomButton("A+", "A+ larger text", () => step(island, 1));
    bar.append(smaller, larger);
    island.prepend(bar);
    island.addEventListener("keydown", (event) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const by = event.key === "=" || event.key === "+" ? 1 : event.key === "-" ? -1 : event.key === "0" ? 0 : undefined;
      if (by === undefined) return;
      event.preventDefault();
      event.stopPropagation();
      step(island, by);
    });
  }
}

function step(island: HTMLElement, by: number): void {
  const now = STEPS.indexOf(Number(island.dataset.scale ?? 1));
  const at = by === 0 ? STEPS.indexOf(1) : Math.min(STEPS.length - 1, Math.max(0, (now < 0 ? STEPS.indexOf(1) : now) + by));
  const scale = STEPS[at]!;
  island.dataset.scale = String(scale);
  island.style.setProperty("--island-scale", String(scale));
  for (const el of island.querySelectorAll("secrets-terminal")) el.dispatchEvent(new CustomEvent("island:font-scale", { detail: scale }));
}

function zoomButton(text: string, label: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "island-zoom-btn";
  b.textContent = text;
  b.setAttribute("aria-label", label);
  b.addEventListener("click", onClick);
  return b;
}

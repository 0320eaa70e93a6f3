/**
 * Hand-outs print one page per slide. reveal's print view measures each slide's height right after
 * it adds `reveal-print` to <html> and gives a taller slide several pages (a long sandbox's code
 * was cut mid-function across three). Just before that measurement, this scales the content of a
 * slide that would overflow so the whole slide fits its page: the code stays complete, only smaller.
 */
export function fitPrintSlides(width: number, height: number): void {
  const observer = new MutationObserver(() => {
    if (!document.documentElement.classList.contains("reveal-print")) return;
    observer.disconnect();
    for (const slide of document.querySelectorAll<HTMLElement>(".reveal .slides section:not(.stack)")) {
      const previous = slide.style.width;
      slide.style.width = `${width}px`;
      const tall = slide.scrollHeight;
      slide.style.width = previous;
      if (tall <= height) continue;
      const scale = Math.max(0.4, Math.floor((height / tall) * 100) / 100);
      for (const child of slide.children) {
        if (child instanceof HTMLElement && !child.matches("aside.notes")) child.style.zoom = String(scale);
      }
    }
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
}

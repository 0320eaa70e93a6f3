import type { RevealApi } from "reveal.js";

/**
 * Moves the highlighted lines of a code block as its step fragments are shown:
 * the build marks each line with data-line and the <pre> with data-steps
 * ("1|3,4|6"), and adds one empty fragment per step after the first.
 */
export function bindCodeSteps(deck: RevealApi): void {
  const update = (stepper: Element) => {
    const pre = stepper.querySelector<HTMLElement>("pre[data-steps]");
    if (!pre) return;
    const steps = (pre.dataset.steps ?? "").split("|").map((s) => new Set(s.split(",")));
    const shown = stepper.querySelectorAll(".code-step.visible").length;
    const current = steps[Math.min(shown, steps.length - 1)] ?? new Set<string>();
    for (const line of pre.querySelectorAll<HTMLElement>("[data-line]")) {
      line.classList.toggle("highlighted", current.has(line.dataset.line ?? ""));
    }
  };
  const onFragment = (event: Event) => {
    const fragment = (event as Event & { fragment?: Element }).fragment;
    const stepper = fragment?.closest(".code-stepper");
    if (stepper) update(stepper);
  };
  deck.on("fragmentshown", onFragment);
  deck.on("fragmenthidden", onFragment);
  deck.on("slidechanged", () => document.querySelectorAll(".code-stepper").forEach(update));
}

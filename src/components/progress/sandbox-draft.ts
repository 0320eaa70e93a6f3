import { browserStorage, DraftStore } from "../../progress/draft-store.ts";
import type { SandboxEditor } from "../sandbox/lazy-code-editor";

/**
 * A lesson sandbox keeps the learner's edits across visits: restored when the sandbox mounts, saved
 * on Run and when the page is hidden or left, forgotten on Reset. An exercise's workbench keeps its
 * own draft (the exercise panel), with the same store.
 */
export function keepSandboxDraft(sandbox: HTMLElement, editor: SandboxEditor, start: Record<string, string>): DraftStore {
  const drafts = new DraftStore(browserStorage(), `lesson:${sandbox.id}`, start);
  const say = (text: string) => {
    const status = sandbox.querySelector(".sandbox-status");
    if (status) status.textContent = text;
  };
  const read = drafts.read();
  if (read.kind === "restored") {
    editor.reset(read.files);
    say("Your edits from your last visit are back. Reset returns to the starting code.");
  } else if (read.kind === "broken") {
    say(`Your saved edits could not be read (the saved copy ${read.reason}), so the starting code is shown.`);
  }
  const save = () => drafts.save(editor.files());
  sandbox.addEventListener("sandbox:run", save);
  sandbox.addEventListener("sandbox:reset", () => drafts.clear());
  window.addEventListener("pagehide", save);
  document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && save());
  return drafts;
}

import type { ExerciseStatus, ProgressStore } from "../../progress/progress-store.ts";
import { PROGRESS_KEY } from "../../progress/progress-key.ts";

const LABEL: Record<ExerciseStatus, string> = { "not-started": "not started", attempted: "attempted", passed: "passed" };

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** True when a progress record exists: only then is the store (and zod, ~25 KB) worth loading. */
export function hasProgressRecord(): boolean {
  try {
    return storage()?.getItem(PROGRESS_KEY) != null;
  } catch {
    return false;
  }
}

export async function openProgressStore(): Promise<ProgressStore> {
  const { ProgressStore } = await import("../../progress/progress-store.ts");
  return new ProgressStore(storage());
}

function badge(className: string, text: string): HTMLSpanElement {
  const span = document.createElement("span");
  span.className = `progress-badge ${className}`;
  span.textContent = text;
  return span;
}

/**
 * Puts the learner's progress on the page, wherever the markup asks for it:
 * - `[data-exercise-id]`: an exercise link or label gets "passed" or "attempted";
 * - `[data-topic-exercises="a b"]`: a topic in the sidebar gets "1 of 2 passed";
 * - `[data-exercise-next]`: the "what next" links show once that exercise is passed.
 * Returns the counts over the exercise links, for the course map's summary.
 */
export function renderProgress(root: ParentNode, store: Pick<ProgressStore, "status">): { total: number; passed: number; attempted: number } {
  let passed = 0;
  let attempted = 0;
  const links = [...root.querySelectorAll<HTMLElement>("[data-exercise-id]")];
  for (const link of links) {
    const status = store.status(link.dataset.exerciseId!);
    if (status === "passed") passed += 1;
    if (status === "attempted") attempted += 1;
    link.querySelector(".progress-badge")?.remove();
    if (status !== "not-started") link.append(" ", badge(status, LABEL[status]));
  }
  for (const topic of root.querySelectorAll<HTMLElement>("[data-topic-exercises]")) {
    const ids = (topic.dataset.topicExercises ?? "").split(" ").filter(Boolean);
    const done = ids.filter((id) => store.status(id) === "passed").length;
    topic.querySelector(".progress-badge")?.remove();
    if (done > 0) topic.append(" ", badge(done === ids.length ? "passed" : "attempted", `${done} of ${ids.length} passed`));
  }
  for (const next of root.querySelectorAll<HTMLElement>("[data-exercise-next]")) {
    if (store.status(next.dataset.exerciseNext!) === "passed") next.hidden = false;
  }
  return { total: links.length, passed, attempted };
}

/** Shows progress on a lesson or exercise page, when there is any. */
export async function mountProgressBadges(root: Document): Promise<void> {
  // An exercise checked on this page: the badges follow without a reload (the first check makes the record).
  root.addEventListener("sandbox:checked", () => void openProgressStore().then((store) => renderProgress(root, store)));
  if (hasProgressRecord()) renderProgress(root, await openProgressStore());
}

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

// The store validates records with zod (~25 KB): loaded only when there is a record to show,
// or when the learner exports or imports, so a first visit to the course map stays tiny.
async function openStore(): Promise<ProgressStore> {
  const { ProgressStore } = await import("../../progress/progress-store.ts");
  return new ProgressStore(storage());
}

/** Decorates the course map with progress and wires export/import. */
export function mountProgressPanel(root: Document): void {
  const notice = root.querySelector<HTMLElement>("[data-progress-notice]");
  const say = (text: string) => {
    if (!notice) return;
    notice.textContent = text;
    notice.hidden = false;
  };

  const render = (store: ProgressStore) => {
    const links = [...root.querySelectorAll<HTMLElement>("[data-exercise-id]")];
    let passed = 0;
    let attempted = 0;
    for (const link of links) {
      const id = link.dataset.exerciseId!;
      const status = store.status(id);
      if (status === "passed") passed += 1;
      if (status === "attempted") attempted += 1;
      link.querySelector(".progress-badge")?.remove();
      if (status === "not-started") continue;
      const badge = document.createElement("span");
      badge.className = `progress-badge ${status}`;
      badge.textContent = LABEL[status];
      link.append(" ", badge);
    }
    const summary = root.querySelector("[data-progress-summary]");
    if (summary && links.length > 0) summary.textContent = `${passed} of ${links.length} exercises passed${attempted ? `, ${attempted} attempted` : ""}. Kept in this browser only.`;
  };

  let hasRecord = false;
  try {
    hasRecord = storage()?.getItem(PROGRESS_KEY) != null;
  } catch {
    /* storage disabled: nothing to show */
  }
  if (hasRecord) {
    void openStore().then((store) => {
      if (store.problem) say(store.problem.message);
      render(store);
    });
  }

  root.querySelector("[data-progress-export]")?.addEventListener("click", async () => {
    const store = await openStore();
    const blob = new Blob([store.export()], { type: "application/json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "secrets-lab-progress.json";
    a.click();
    URL.revokeObjectURL(a.href);
  });
  root.querySelector<HTMLInputElement>("[data-progress-import]")?.addEventListener("change", async (event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const store = await openStore();
    const result = store.import(await file.text());
    input.value = "";
    if (!result.ok) {
      say(`That file was not imported: ${result.problem.message} Your progress is unchanged.`);
      return;
    }
    say(`Imported progress for ${result.imported} exercise${result.imported === 1 ? "" : "s"}.`);
    render(await openStore());
  });
}

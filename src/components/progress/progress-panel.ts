import { ProgressStore, type ExerciseStatus } from "../../progress/progress-store.ts";

const LABEL: Record<ExerciseStatus, string> = { "not-started": "not started", attempted: "attempted", passed: "passed" };

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Decorates the course map with progress and wires export/import. */
export function mountProgressPanel(root: Document): void {
  let store = new ProgressStore(storage());
  const notice = root.querySelector<HTMLElement>("[data-progress-notice]");
  const say = (text: string) => {
    if (!notice) return;
    notice.textContent = text;
    notice.hidden = false;
  };
  if (store.problem) say(store.problem.message);

  const render = () => {
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
  render();

  root.querySelector("[data-progress-export]")?.addEventListener("click", () => {
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
    const result = store.import(await file.text());
    input.value = "";
    if (!result.ok) {
      say(`That file was not imported: ${result.problem.message} Your progress is unchanged.`);
      return;
    }
    store = new ProgressStore(storage());
    say(`Imported progress for ${result.imported} exercise${result.imported === 1 ? "" : "s"}.`);
    render();
  });
}

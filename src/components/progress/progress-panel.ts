import type { ProgressStore } from "../../progress/progress-store.ts";
import { hasProgressRecord, openProgressStore as openStore, renderProgress } from "./progress-badges";

/** Decorates the course map with progress and wires export/import. */
export function mountProgressPanel(root: Document): void {
  const notice = root.querySelector<HTMLElement>("[data-progress-notice]");
  const say = (text: string) => {
    if (!notice) return;
    notice.textContent = text;
    notice.hidden = false;
  };

  const render = (store: ProgressStore) => {
    const { total, passed, attempted } = renderProgress(root, store);
    const summary = root.querySelector("[data-progress-summary]");
    if (summary && total > 0) summary.textContent = `${passed} of ${total} exercises passed${attempted ? `, ${attempted} attempted` : ""}. Kept in this browser only.`;
  };

  if (hasProgressRecord()) {
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

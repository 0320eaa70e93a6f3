import { createTwoFilesPatch } from "diff";
import type { CheckResult, GradeReport } from "../../grading/index.ts";
import { ProgressStore } from "../../progress/progress-store.ts";
import type { SandboxEditor } from "./lazy-code-editor";
import type { SandboxConfig } from "./sandbox-config";
import { gradingServices } from "./grading-services";
import { DraftStore } from "../../progress/draft-store.ts";

type Exercise = NonNullable<SandboxConfig["exercise"]>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/**
 * The graded half of the workbench: Check (grades in its own isolated runtime and
 * records progress), hints one at a time, the solution as a diff with an undo, and
 * drafts kept in localStorage so a learner's code survives a reload.
 */
export function mountExercisePanel(options: { host: HTMLElement; toolbarActions: HTMLElement; after: HTMLElement; editor: SandboxEditor; config: SandboxConfig; exercise: Exercise }): void {
  const { host, editor, config, exercise } = options;
  const drafts = new DraftStore(safeStorage(), config.id, config.sources);
  const store = new ProgressStore(safeStorage());

  const checkBtn = el("button", { type: "button", className: "sandbox-btn check", textContent: "Check" });
  options.toolbarActions.prepend(checkBtn);

  const notice = el("p", { className: "sandbox-notice" });
  notice.setAttribute("role", "status");
  const results = el("section", { className: "sandbox-results" });
  results.setAttribute("aria-labelledby", `${host.id}-results-title`);
  results.hidden = true;
  const hintList = el("ol", { className: "sandbox-hints" });
  const hintBtn = el("button", { type: "button", className: "sandbox-btn" });
  const solutionBtn = el("button", { type: "button", className: "sandbox-btn", textContent: "Show the solution" });
  const undoBtn = el("button", { type: "button", className: "sandbox-btn", textContent: "Back to my code", hidden: true });
  const diffBox = el("div", { className: "sandbox-diff", hidden: true });
  const help = el("section", { className: "sandbox-help" }, el("h3", { textContent: "Stuck?" }), el("div", { className: "sandbox-help-actions" }, hintBtn, solutionBtn, undoBtn), hintList, diffBox);
  // Class mode (an instructor's switch) hides hints and the solution for the session.
  help.dataset.classHide = "";
  const download = mountDownloads(config, editor);
  options.after.after(notice, results, help, download);
  // The worked explanation, rendered at build time next to the workbench.
  const explanation = document.querySelector<HTMLTemplateElement>(`template[data-solution-for="${CSS.escape(config.id)}"]`);
  // "What next" (the next exercise, the lesson): shown once this exercise is passed.
  const whatNext = document.querySelector<HTMLElement>(`[data-exercise-next="${CSS.escape(config.id)}"]`);
  if (whatNext && store.status(config.id) === "passed") whatNext.hidden = false;

  // Drafts: restore the last code unless it equals the start, so a reload loses nothing. A draft that
  // cannot be read says so: "restored" over the starting files would hide that the work is gone.
  const draft = drafts.read();
  if (draft.kind === "restored") {
    editor.reset(draft.files);
    notice.textContent = "Your last code for this exercise was restored. Reset starts over.";
  } else if (draft.kind === "broken") {
    notice.textContent = `Your saved code for this exercise could not be read (the saved copy ${draft.reason}). The starting files are shown; your next Run or Check saves over it.`;
  }
  const saveDraft = () => drafts.save(editor.files());
  window.addEventListener("pagehide", saveDraft);
  document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && saveDraft());
  host.addEventListener("sandbox:run", saveDraft);

  let shownHints = 0;
  const updateHintButton = () => {
    const total = exercise.hintsHtml.length;
    hintBtn.textContent = shownHints < total ? `Show hint ${shownHints + 1} of ${total}` : "All hints shown";
    hintBtn.disabled = shownHints >= total;
  };
  hintBtn.addEventListener("click", () => {
    const li = el("li");
    li.innerHTML = exercise.hintsHtml[shownHints] ?? "";
    li.tabIndex = -1;
    hintList.append(li);
    shownHints += 1;
    updateHintButton();
    li.focus();
  });
  updateHintButton();

  // Solution with undo: the learner's code is parked, never overwritten for good.
  let parked: Record<string, string> | undefined;
  solutionBtn.addEventListener("click", () => {
    parked = editor.files();
    drafts.save(parked);
    editor.reset(exercise.scenario.solutionFiles);
    diffBox.replaceChildren(el("h4", { textContent: "What the solution changes in your code" }), ...renderDiff(parked, exercise.scenario.solutionFiles));
    if (explanation) {
      const worked = el("div", { className: "sandbox-explanation" }, explanation.content.cloneNode(true));
      // Code that scrolls sideways must be reachable by keyboard (WCAG 2.1.1).
      for (const pre of worked.querySelectorAll("pre")) pre.tabIndex = 0;
      diffBox.append(el("h4", { textContent: "The worked solution, and why" }), worked);
    }
    diffBox.hidden = false;
    solutionBtn.hidden = true;
    undoBtn.hidden = false;
    undoBtn.focus();
  });
  undoBtn.addEventListener("click", () => {
    if (parked) editor.reset(parked);
    parked = undefined;
    diffBox.hidden = true;
    undoBtn.hidden = true;
    solutionBtn.hidden = false;
    solutionBtn.focus();
  });
  host.addEventListener("sandbox:reset", () => {
    drafts.clear();
    notice.textContent = "Reset to the starting files.";
  });

  let checking = false;
  checkBtn.addEventListener("click", async () => {
    if (checking) return;
    checking = true;
    checkBtn.disabled = true;
    saveDraft();
    results.hidden = false;
    results.replaceChildren(el("h3", { id: `${host.id}-results-title`, textContent: "Checking…" }));
    try {
      const { grade } = await gradingServices();
      const report = await grade(exercise.scenario, editor.files());
      store.recordAttempt(config.id, report.passed);
      renderReport(results, report, `${host.id}-results-title`);
      if (report.passed && whatNext) {
        results.append(whatNext);
        whatNext.hidden = false;
      }
      host.dispatchEvent(new CustomEvent("sandbox:checked", { detail: report, bubbles: true }));
    } catch (error) {
      results.replaceChildren(el("h3", { id: `${host.id}-results-title`, textContent: "The check could not run" }), el("p", { textContent: error instanceof Error ? error.message : String(error) }));
    } finally {
      checking = false;
      checkBtn.disabled = false;
      results.querySelector("h3")?.setAttribute("tabindex", "-1");
      (results.querySelector("h3") as HTMLElement | null)?.focus();
    }
  });
}

function renderReport(root: HTMLElement, report: GradeReport, titleId: string): void {
  const passedCount = report.checks.filter((c) => c.passed).length;
  const title = el("h3", { id: titleId, textContent: report.passed ? `Passed: all ${report.checks.length} checks` : `${passedCount} of ${report.checks.length} checks passed` });
  root.classList.toggle("passed", report.passed);
  const list = el("ul", { className: "sandbox-checks" });
  for (const check of report.checks) list.append(renderCheck(check));
  root.replaceChildren(title, list);
}

function renderCheck(check: CheckResult): HTMLLIElement {
  const li = el("li", { className: check.passed ? "pass" : "fail" });
  li.append(el("span", { className: "mark", textContent: check.passed ? "✓" : "✗" }), el("span", { className: "visually-hidden", textContent: check.passed ? "Passed: " : "Failed: " }), el("strong", { textContent: check.title }));
  if (!check.passed) {
    const dl = el("dl");
    dl.append(el("dt", { textContent: "Expected" }), el("dd", { textContent: check.expected }), el("dt", { textContent: "What happened" }), el("dd", { textContent: check.actual }));
    if (check.leak) {
      dl.append(el("dt", { textContent: "Where it leaked" }), el("dd", { textContent: `${check.leak.location} (${check.leak.form})${check.leak.line ? `, ${check.leak.line.file}:${check.leak.line.line}` : ""}` }));
      dl.append(el("dt", { textContent: "Excerpt" }), el("dd", {}, el("code", { textContent: check.leak.excerpt })));
    }
    li.append(dl);
  }
  return li;
}

function renderDiff(mine: Record<string, string>, solution: Record<string, string>): HTMLElement[] {
  const names = [...new Set([...Object.keys(mine), ...Object.keys(solution)])].sort();
  return names.flatMap((name) => {
    const a = mine[name] ?? "";
    const b = solution[name] ?? "";
    if (a === b) return [];
    const patch = createTwoFilesPatch(`yours/${name}`, `solution/${name}`, a, b, "", "", { context: 2 });
    // Focusable: a long line scrolls sideways, and the keyboard must reach it (WCAG 2.1.1).
    const pre = el("pre", { className: "diff", tabIndex: 0 });
    for (const line of patch.split("\n").slice(2)) {
      const kind = line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : line.startsWith("@@") ? "hunk" : "ctx";
      const span = el("span", { className: `diff-${kind}`, textContent: line });
      if (kind === "add" || kind === "del") span.prepend(el("span", { className: "visually-hidden", textContent: kind === "add" ? "added: " : "removed: " }));
      pre.append(span, "\n");
    }
    return [el("p", { className: "diff-file", textContent: name }), pre];
  });
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** "Download files": the starting files or the learner's current code as a zip, to go on in an IDE. */
function mountDownloads(config: SandboxConfig, editor: SandboxEditor): HTMLElement {
  const mine = el("button", { type: "button", className: "sandbox-btn", textContent: "Download my code (.zip)" });
  const start = el("button", { type: "button", className: "sandbox-btn", textContent: "Download the starting files (.zip)" });
  const said = el("p", { className: "sandbox-download-status" });
  said.setAttribute("role", "status");
  const save = async (files: Record<string, string>, which: string) => {
    // fflate (about 8 KB gz) loads only when a learner downloads.
    const { zipExerciseFiles } = await import("../progress/exercise-zip");
    const name = `${config.id}${which === "start" ? "-start" : ""}.zip`;
    const blob = new Blob([zipExerciseFiles(config.id, files, config.env).slice()], { type: "application/zip" });
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 0);
    said.textContent = `Downloaded ${name}: ${Object.keys(files).length} file${Object.keys(files).length === 1 ? "" : "s"} and a README.`;
  };
  mine.addEventListener("click", () => void save(editor.files(), "mine"));
  start.addEventListener("click", () => void save(config.sources, "start"));
  return el(
    "section",
    { className: "sandbox-download" },
    el("h3", { textContent: "Continue in your editor" }),
    el("p", { textContent: `A zip of the files with a README: grade them in Node with npm run grade -- ${config.id} <folder>.` }),
    el("div", { className: "sandbox-help-actions" }, mine, start),
    said,
  );
}

import type { RunResult } from "../../runtime/index";
import { appFileSystem } from "../../runtime/app-files";
import { LazyCodeEditor } from "./lazy-code-editor";
import { OutputTerminal } from "./output-terminal";
import { KeyValuePanel } from "./key-value-panel";
import { pageServices, registerCompiled } from "./page-services";
import { SandboxSession } from "../../sandbox-session/index";
import { loadSandboxFacet } from "../../providers/page-facets";
import type { SandboxConfig } from "./sandbox-config";

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { className?: string } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

const EDITOR_HINT = "Ctrl+Enter (⌘+Enter) runs. In the editor, Tab indents: press Esc, then Tab, to move on.";

/**
 * Replaces the static code view of a <secrets-sandbox> with the live editor, terminal and panels.
 * Returns what to do when the element leaves the page (its session's worlds are dropped).
 */
export function mountSandbox(host: HTMLElement): (() => void) | undefined {
  const configEl = host.querySelector<HTMLScriptElement>("script.sandbox-config");
  if (!configEl?.textContent || host.querySelector(".sandbox-ui")) return undefined;
  const config = JSON.parse(configEl.textContent) as SandboxConfig;
  const large = host.classList.contains("large");
  const lines = Number(host.dataset.lines ?? 18);
  const uid = host.id || `sandbox-${config.id}`;

  const ui = el("div", { className: "sandbox-ui" });
  const tabs = el("div", { className: "sandbox-tabs", role: "tablist" });
  tabs.setAttribute("aria-label", "Files");
  const runBtn = el("button", { type: "button", className: "sandbox-btn primary", textContent: "Run" });
  runBtn.setAttribute("aria-keyshortcuts", "Control+Enter Meta+Enter");
  const stopBtn = el("button", { type: "button", className: "sandbox-btn", textContent: "Stop", disabled: true });
  const resetBtn = el("button", { type: "button", className: "sandbox-btn", textContent: "Reset" });
  const toolbar = el("div", { className: "sandbox-toolbar" }, tabs, el("div", { className: "sandbox-actions" }, runBtn, stopBtn, resetBtn));
  const editorHost = el("div", { className: "sandbox-editor", id: `${uid}-editor`, role: "tabpanel" });
  const hint = el("p", { className: "sandbox-hint", textContent: EDITOR_HINT });
  const panels = el("div", { className: "sandbox-panels" });
  const envDetails = el("details", { className: "sandbox-panel" }, el("summary", { textContent: `Environment (${Object.keys(config.env).length})` }));
  const filesDetails = el("details", { className: "sandbox-panel" }, el("summary", { textContent: `Files (${Object.keys(config.virtualFiles).length})` }));
  panels.append(envDetails, filesDetails);
  // A graded exercise's mid-run rotation: Run plays it as Check does, with the values shown here.
  // Loaded only on such a page (every lesson's sandbox shares this module).
  const rotationModule = config.exercise?.scenario.rotation ? import("../../grading/sandbox-rotation") : undefined;
  rotationModule?.catch(() => {}); // a failed load is reported by the Run that needs it
  // The providers this sandbox uses (an example's vault, the payments API...): their worlds, hosts and rotation.
  const session = new SandboxSession({
    runtime: pageServices().runtime,
    network: pageServices().network,
    providers: config.providers,
    loadFacet: loadSandboxFacet,
    ...(rotationModule
      ? {
          rotation: async () => {
            const played = await rotationModule;
            const rotation = played.exerciseRotation(config.exercise?.scenario, config.exercise?.rotationTargets);
            if (!rotation) return undefined;
            const { compiledCode } = pageServices();
            return { rotation, host: played.ROTATION_HOST, handler: played.rotationHandler, addCompiled: (path: string, text: string) => compiledCode.add(path, text, text) };
          },
        }
      : {}),
  });
  // Each provider's inspector panel (the vault's), loaded with its facet.
  for (const id of session.providerIds) {
    void loadSandboxFacet(id)
      .then((facet) => facet.mountInspector?.({ host, panels, uid, config: config.providers[id], world: () => session.world(id) }))
      .catch(() => {}); // a provider that cannot load is reported by the Run that needs it
  }
  const termLabel = el("p", { className: "sandbox-term-label", id: `${uid}-output-label`, textContent: "Output" });
  const termHost = el("div", { className: "sandbox-terminal" });
  termHost.setAttribute("role", "group");
  termHost.setAttribute("aria-labelledby", termLabel.id);
  const status = el("p", { className: "sandbox-status", role: "status", textContent: "Ready." });
  ui.append(toolbar, editorHost, hint, panels, termLabel, termHost, status);

  // The build-time highlighted code of each file: the editor shows it until CodeMirror loads.
  const rendered = new Map<string, HTMLElement>();
  for (const figure of host.querySelectorAll<HTMLElement>(".sandbox-static figure[data-file]")) {
    const pre = figure.querySelector("pre");
    if (pre && figure.dataset.file) rendered.set(figure.dataset.file, pre);
  }
  host.querySelector(".sandbox-static")?.remove();
  host.append(ui);

  const names = Object.keys(config.sources);
  const first = config.entry && names.includes(config.entry) ? config.entry : names[0]!;
  const run = () => void runProgram();
  const editor = new LazyCodeEditor(editorHost, config.sources, first, {
    onRun: run,
    label: "Code editor",
    lines,
    rendered,
    eager: Boolean(config.exercise),
    // Whoever focuses the code is about to edit it: fetch the transpiler for the edited run now.
    onEditStart: () => void pageServices().runtime.preload("transpiler"),
    onLoadError: () => (hint.textContent = "The full editor could not load; you can still edit the code here as plain text. Ctrl+Enter (⌘+Enter) runs."),
    onLoaded: () => (hint.textContent = EDITOR_HINT),
  });
  registerCompiled(config);
  const env = new KeyValuePanel(envDetails, { caption: "Environment variables (process.env)", key: "Name", value: "Value", multiline: false }, config.env);
  const files = new KeyValuePanel(filesDetails, { caption: "Files outside /app (path and content)", key: "Path", value: "Content", multiline: true }, config.virtualFiles);
  const terminal = new OutputTerminal(termHost, { fontSize: large ? 16 : 14, rows: large ? 14 : 12 });

  // File tabs: a WAI-ARIA tablist with arrow-key navigation.
  const tabButtons = names.map((name) => {
    const tab = el("button", { type: "button", className: "sandbox-tab", textContent: name, id: `${uid}-tab-${name.replace(/\W+/g, "-")}` });
    tab.setAttribute("role", "tab");
    tab.setAttribute("aria-controls", editorHost.id);
    tab.addEventListener("click", () => select(name));
    tab.addEventListener("keydown", (e) => {
      const i = names.indexOf(name);
      const next = e.key === "ArrowRight" ? names[(i + 1) % names.length] : e.key === "ArrowLeft" ? names[(i - 1 + names.length) % names.length] : undefined;
      if (next) {
        e.preventDefault();
        select(next);
        tabButtons.find((b) => b.textContent === next)?.focus();
      }
    });
    tabs.append(tab);
    return tab;
  });
  const select = (name: string) => {
    editor.show(name);
    for (const tab of tabButtons) {
      const on = tab.textContent === name;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      if (on) editorHost.setAttribute("aria-labelledby", tab.id);
    }
  };
  select(first);
  // The whole output as text, scrollback included, for tests and tools (xterm renders only visible rows).
  (host as HTMLElement & { outputText?: () => Promise<string> }).outputText = () => terminal.text();
  // Start the isolated iframe and a spare Worker now, so the first Run pays no start-up.
  void pageServices().runtime.warmUp();
  // The SDK bundles the starting files import (the Azure or AWS SDK) go to the spare Worker now, and
  // the providers' worlds are made now, so the first Run pays for neither.
  void pageServices().runtime.preloadFor(config.sources).catch(() => {});
  for (const id of session.providerIds) void session.world(id).catch(() => {}); // a world that fails is reported by Run

  let running = false;
  async function runProgram(): Promise<void> {
    if (running || !config.entry) return;
    running = true;
    runBtn.disabled = true;
    stopBtn.disabled = false;
    terminal.clear();
    // xterm only paints while visible: bring the output into view (the least scroll that does).
    termHost.scrollIntoView({ block: "nearest" });
    status.textContent = `Running ${config.entry}…`;
    const { runtime } = pageServices();
    const fs = appFileSystem(editor.files(), files.values());
    terminal.write("system", `$ node ${config.entry}\n`);
    let result: RunResult | undefined;
    let firstOutput = false;
    try {
      result = await session.run(
        { files: fs, entry: `/app/${config.entry}`, env: env.values(), timeoutMs: config.timeoutMs },
        {
          onOutput: (chunk) => {
            // The first output of a run is announced (with its time) for the benchmark and for tests.
            if (!firstOutput && chunk.stream !== "system") {
              firstOutput = true;
              host.dispatchEvent(new CustomEvent("sandbox:first-output", { detail: { at: performance.now() }, bubbles: true }));
            }
            terminal.write(chunk.stream, chunk.text);
          },
          onNotice: (text) => terminal.write("system", text),
        },
      );
    } catch (err) {
      terminal.write("system", `The sandbox could not run the program: ${err instanceof Error ? err.message : String(err)}\n`);
    } finally {
      running = false;
      runBtn.disabled = false;
      stopBtn.disabled = true;
    }
    status.textContent = result ? describe(result) : "The run did not complete.";
    host.dispatchEvent(new CustomEvent("sandbox:run", { detail: result, bubbles: true }));
  }

  runBtn.addEventListener("click", run);
  // Ctrl/Cmd+Enter runs from anywhere in the sandbox (the editor handles its own and prevents default).
  host.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) {
      e.preventDefault();
      run();
    }
  });
  stopBtn.addEventListener("click", () => pageServices().runtime.stop());
  resetBtn.addEventListener("click", () => {
    editor.reset(config.sources);
    env.set(config.env);
    files.set(config.virtualFiles);
    terminal.clear();
    session.reset();
    status.textContent = "Reset to the starting files and environment.";
    host.dispatchEvent(new CustomEvent("sandbox:reset"));
  });
  // Nothing to run (a Dockerfile exercise): Check is the only action.
  if (!config.entry) {
    runBtn.hidden = true;
    stopBtn.hidden = true;
  }
  if (config.exercise) {
    const exercise = config.exercise;
    void import("./exercise-panel").then(({ mountExercisePanel }) =>
      mountExercisePanel({ host, toolbarActions: runBtn.parentElement!, after: status, editor, config, exercise }),
    );
  }
  return () => session.dispose();
}

function describe(result: RunResult): string {
  const ms = Math.round(result.timings.totalMs);
  switch (result.status) {
    case "ok":
      return `Exited with code 0 in ${ms} ms.`;
    case "error":
      return `Exited with code ${result.exitCode} in ${ms} ms.`;
    case "timeout":
      return `Stopped: still running at the time limit (${ms} ms).`;
    case "killed":
      return `Stopped by you after ${ms} ms.`;
  }
}

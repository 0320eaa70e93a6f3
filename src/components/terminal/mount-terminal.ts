/**
 * Replaces a <secrets-terminal>'s static transcript with the live terminal: the xterm
 * view, the suggested-command buttons, Reset, and a polite live region that reads out
 * each command's output. What a line does is the terminal core's (src/terminals/); this
 * file only wires it to the DOM.
 */
import type { TerminalScenario } from "../../schemas/terminal-scenario";
import { ShellTerminal } from "../../terminals/shell-terminal";
import { ScenarioSetupError, startTerminalSession, type TerminalSession } from "../../terminals/terminal-session";
import { TerminalView } from "./terminal-view";
import { runtimeAppRunner } from "../../terminals/runtime-app-runner";

/** What Terminal.astro serialises into the page: the scenario already validated, defaults applied. */
export interface TerminalConfig {
  id: string;
  scenario: TerminalScenario;
  /** Provider id -> config, for the providers whose CLIs this terminal has (`aws`). */
  providers: Record<string, unknown>;
}

// `node app.js` in a container runs in the page's shared runtime. Imported on first use, so the
// terminal's own chunk stays free of the runtime and pages that never run an app never load it.
const appRunner = runtimeAppRunner(async () => (await import("../sandbox/page-services")).pageServices().runtime);
/**
 * The hosts `curl` reaches from one terminal host: the payments API, a fresh mock per host (as a
 * sandbox gets its own world; Reset starts a new one), loaded on the first request.
 */
function terminalNetwork(): (request: Request) => Promise<Response> {
  let network: Promise<{ handle(request: Request): Promise<Response> }> | undefined;
  return async (request) => {
    network ??= (async () => {
      const [{ SimulatedNetwork }, { sandbox: payments }] = await Promise.all([import("../../runtime/index"), import("../../providers/payments/sandbox")]);
      const world = await payments.createWorld({ config: undefined });
      return new SimulatedNetwork(world.hosts);
    })();
    return (await network).handle(request);
  };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/**
 * A host from the scenario; if its setup fails (a broken scenario: vitest should have
 * caught it), the learner still gets a working empty host and a note saying why.
 */
async function startOrExplain(scenario: TerminalScenario, providers: Record<string, unknown>): Promise<{ session: TerminalSession; notice?: string }> {
  // The CLIs the scenario's providers add (`aws`), each loaded with its provider's facet.
  const commands = Object.keys(providers).length > 0 ? await (await import("../../providers/page-facets")).terminalClis(providers) : [];
  try {
    return { session: await startTerminalSession(scenario, { appRunner, network: terminalNetwork(), commands }) };
  } catch (err) {
    const why = err instanceof ScenarioSetupError ? `"${err.command}" exited with ${err.result.exitCode}` : String(err);
    const session = await startTerminalSession({ ...scenario, setup: [], swarm: false }, { appRunner, network: terminalNetwork(), commands });
    return { session, notice: `This scenario's setup failed (${why}); you have an empty host instead.` };
  }
}

export async function mountTerminal(host: HTMLElement): Promise<void> {
  const configEl = host.querySelector<HTMLScriptElement>("script.terminal-config");
  if (!configEl?.textContent || host.querySelector(".terminal-ui")) return;
  // Validated at build time; not parsed again here, which keeps zod out of the page's JavaScript.
  const { id, scenario, providers } = JSON.parse(configEl.textContent) as TerminalConfig;
  const uid = host.id || `terminal-${id}`;
  const large = host.classList.contains("large");
  const rows = Number(host.dataset.rows) || (large ? 12 : 14);
  const first = await startOrExplain(scenario, providers);
  if (host.querySelector(".terminal-ui")) return; // mounted meanwhile

  const hint = el("p", { className: "terminal-hint", id: `${uid}-hint`, textContent: "Click the terminal (or Tab to it) and type. Tab completes, Up/Down recall commands, Ctrl+C cancels. To move on with the keyboard: Esc, then Tab." });
  const resetBtn = el("button", { type: "button", className: "terminal-btn", textContent: "Reset" });
  const resetDesc = el("span", { id: `${uid}-reset-desc`, className: "terminal-sr-only", textContent: "Start the simulated host over from the scenario" });
  resetBtn.setAttribute("aria-describedby", resetDesc.id);
  const toolbar = el("div", { className: "terminal-toolbar" }, hint, el("div", { className: "terminal-actions" }, resetBtn, resetDesc));
  const screenHost = el("div", { className: "terminal-screen" });
  screenHost.setAttribute("role", "group");
  screenHost.setAttribute("aria-label", "Shell");
  screenHost.setAttribute("aria-describedby", hint.id);
  const live = el("div", { className: "terminal-sr-only terminal-live" });
  live.setAttribute("aria-live", "polite");
  const ui = el("div", { className: "terminal-ui" }, toolbar, screenHost);
  host.querySelector(".terminal-static")?.remove();
  host.append(ui);

  const fontSize = large ? 22 : 14;
  const view = new TerminalView(screenHost, { fontSize, rows, label: `Terminal input: ${scenario.title}` });
  // A deck's text-size buttons scale the island (src/decks/client/island-zoom.ts): xterm draws its own text.
  host.addEventListener("island:font-scale", (e) => view.setFontSize(Math.round(fontSize * ((e as CustomEvent<number>).detail || 1))));
  const preset = Number(host.closest<HTMLElement>(".live-island")?.dataset.scale);
  if (preset) view.setFontSize(Math.round(fontSize * preset));
  const shell = new ShellTerminal(view, first.session, {
    // Replace, not append: the region reads out the latest command's output only.
    announce: (text) => (live.textContent = text),
    onCommand: (line, result) => host.dispatchEvent(new CustomEvent("terminal:command", { detail: { line, ...result }, bubbles: true })),
  });
  view.onData((data) => shell.input(data));
  shell.start(first.notice ?? `${scenario.title}: a simulated Docker host. Type help for help.`);

  if (scenario.suggested.length > 0) {
    const label = el("p", { className: "terminal-suggest-label", id: `${uid}-suggest`, textContent: "Commands to try (each button types its command at the prompt):" });
    const list = el("ul", { className: "terminal-suggestions" });
    list.setAttribute("aria-labelledby", label.id);
    for (const command of scenario.suggested) {
      const chip = el("button", { type: "button", className: "terminal-chip" }, el("code", { textContent: command }));
      chip.addEventListener("click", () => {
        shell.type(command);
        // xterm only paints while visible, and the learner's next key is Enter.
        screenHost.scrollIntoView({ block: "nearest" });
        view.focus();
      });
      list.append(el("li", {}, chip));
    }
    ui.append(label, list);
  }
  ui.append(live);

  resetBtn.addEventListener("click", () => {
    resetBtn.disabled = true;
    let notice = "Reset: a fresh host from the scenario.";
    void shell
      .replaceSession(async () => {
        const next = await startOrExplain(scenario, providers);
        notice = next.notice ?? notice;
        return { session: next.session, notice };
      })
      .finally(() => {
        resetBtn.disabled = false;
        live.textContent = notice;
      });
  });
  host.dataset.ready = "true";
}

/**
 * The frame every provider's inspector panel shares (DOM; loaded only with an inspector): a
 * `<details>` in the sandbox's panel row that follows the sandbox's own world, rendered when opened,
 * live while a run talks to the service (one repaint per frame), and bound to the fresh world after
 * Reset; plus the accessible table the panels are made of. A provider supplies its title and rows.
 */
import type { InspectorTarget, SandboxWorld } from "./sandbox-types.ts";

export interface InspectorPanel<W extends SandboxWorld> {
  /** What the panel is: "Vault", "AWS". */
  name: string;
  /** The summary line before the world exists (from the build's config), and once it does. */
  summary(world: W | undefined): string;
  /** The panel's content for the world's current state. */
  render(world: W): Node[];
  /** Calls `changed` on every change the panel shows (an audit entry, an event); returns how to stop. */
  subscribe(world: W, changed: () => void): () => void;
}

export function mountInspectorPanel<W extends SandboxWorld>(target: InspectorTarget<W>, panel: InspectorPanel<W>): void {
  const { host, panels } = target;
  const summary = el("summary", panel.summary(undefined));
  const body = el("div", "");
  body.className = "vault-inspector";
  const details = document.createElement("details");
  details.className = "sandbox-panel";
  details.append(summary, body);
  panels.append(details);

  let world: W | undefined;
  let unsubscribe: (() => void) | undefined;
  let scheduled = false;
  const render = (): void => {
    scheduled = false;
    if (!world) return;
    summary.textContent = panel.summary(world);
    if (details.open) body.replaceChildren(...panel.render(world));
  };
  // A run may log dozens of requests in a burst: one repaint per frame is enough.
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(render);
  };
  const refresh = async (): Promise<void> => {
    const current = await target.world();
    if (current !== world) {
      unsubscribe?.();
      world = current;
      unsubscribe = panel.subscribe(current, schedule);
    }
    schedule();
  };
  const report = (error: unknown): void => {
    body.replaceChildren(el("p", `The ${panel.name} panel could not be shown: ${error instanceof Error ? error.message : String(error)}`));
  };
  details.addEventListener("toggle", () => {
    if (details.open) refresh().catch(report);
  });
  host.addEventListener("sandbox:run", () => void refresh().catch(report));
  host.addEventListener("sandbox:reset", () => {
    // Reset dropped the old world; the next refresh binds to the fresh one.
    unsubscribe?.();
    unsubscribe = undefined;
    world = undefined;
    if (details.open) refresh().catch(report);
    else summary.textContent = panel.summary(undefined);
  });
}

/** A captioned table with column headers and the first cell of each row as its row header; `empty` (a sentence) when there are no rows. */
export function table(caption: string, columns: string[], rows: string[][], empty: string): HTMLElement {
  if (rows.length === 0) {
    const note = el("p", empty);
    note.className = "vault-inspector-empty";
    return note;
  }
  const t = document.createElement("table");
  t.className = "vault-table";
  t.createCaption().textContent = caption;
  const headRow = t.createTHead().insertRow();
  for (const column of columns) {
    const th = el("th", column);
    th.scope = "col";
    headRow.append(th);
  }
  const tbody = t.createTBody();
  for (const cells of rows) {
    const row = tbody.insertRow();
    cells.forEach((text, i) => {
      if (i === 0) {
        const th = el("th", text);
        th.scope = "row";
        row.append(th);
      } else row.insertCell().textContent = text;
    });
  }
  // Wide tables scroll inside the panel; focusable so the keyboard can scroll them too.
  const scroller = el("div", "");
  scroller.className = "vault-table-scroll";
  scroller.tabIndex = 0;
  scroller.setAttribute("role", "region");
  scroller.setAttribute("aria-label", caption);
  scroller.append(t);
  return scroller;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}

/** `2025-01-01 00:00:00 UTC`: simulated clocks, so local time zones would only confuse. */
export function time(unixSeconds: number): string {
  return `${new Date(Math.floor(unixSeconds) * 1000).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

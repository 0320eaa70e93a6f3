import type { AuditEntry, VaultEngine, VaultSnapshot } from "../../vault/index.ts";
import type { AzureWorldConfig } from "../../runtime/azure/host/index.ts";
import type { InspectorTarget } from "../sandbox-types.ts";
import type { AzureSandboxWorld } from "./sandbox.ts";

/**
 * The Vault panel of a sandbox whose example has a mock Key Vault: what the portal's secret list
 * shows (names, attributes, versions, deleted items; never a value) and the vault's audit log, as
 * accessible tables. It follows the sandbox's own world: rendered when opened, live while a run
 * talks to the vault (audit.subscribe), and again after Reset gives the sandbox a fresh world.
 * Loaded with the vault engine, only on pages whose sandboxes declare a vault.
 */

/** The log keeps every entry; the panel shows the most recent ones. */
const MAX_AUDIT_ROWS = 100;

export function mountVaultInspector(target: InspectorTarget<AzureSandboxWorld>): void {
  const { host, panels } = target;
  const config = target.config as AzureWorldConfig;
  const summary = el("summary", `Vault (${declaredSecretCount(config.scenario)} secrets)`);
  const body = el("div", "");
  body.className = "vault-inspector";
  const details = document.createElement("details");
  details.className = "sandbox-panel";
  details.append(summary, body);
  panels.append(details);

  let engine: VaultEngine | undefined;
  let unsubscribe: (() => void) | undefined;
  let scheduled = false;

  const render = (): void => {
    scheduled = false;
    if (!engine) return;
    const snapshots = engine.vaultNames().map((name) => engine!.snapshot(name));
    summary.textContent = `Vault (${snapshots.reduce((n, s) => n + s.secrets.length, 0)} secrets)`;
    if (details.open) body.replaceChildren(...snapshots.flatMap((s) => renderVault(s, engine!.audit.entries(s.vault))));
  };
  // A run may log dozens of requests in a burst: one repaint per frame is enough.
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(render);
  };
  const refresh = async (): Promise<void> => {
    const world = await target.world();
    if (world.engine !== engine) {
      unsubscribe?.();
      engine = world.engine;
      unsubscribe = engine.audit.subscribe(schedule);
    }
    schedule();
  };
  const report = (error: unknown): void => {
    body.replaceChildren(el("p", `The vault could not be shown: ${error instanceof Error ? error.message : String(error)}`));
  };

  details.addEventListener("toggle", () => {
    if (details.open) refresh().catch(report);
  });
  host.addEventListener("sandbox:run", () => void refresh().catch(report));
  host.addEventListener("sandbox:reset", () => {
    // Reset dropped the old world; the next refresh binds to the fresh one.
    unsubscribe?.();
    unsubscribe = undefined;
    engine = undefined;
    if (details.open) refresh().catch(report);
    else summary.textContent = `Vault (${declaredSecretCount(config.scenario)} secrets)`;
  });
}

function renderVault(snapshot: VaultSnapshot, audit: readonly AuditEntry[]): Node[] {
  const name = snapshot.vault;
  const heading = el("p", "");
  heading.className = "vault-inspector-name";
  heading.append(el("strong", `${name}.vault.azure.net`), ` · vault time ${time(snapshot.now)}`);

  const secrets = table(
    `Secrets in ${name} (latest version; values are never shown)`,
    ["Name", "Enabled", "Expires", "Content type", "Tags", "Versions"],
    snapshot.secrets.map((secret) => {
      const latest = secret.versions.at(-1);
      return [
        secret.name,
        latest ? yesNo(latest.enabled) : "",
        latest?.exp !== undefined ? `${time(latest.exp)}${latest.expired ? " (expired)" : ""}` : "never",
        latest?.contentType ?? "",
        tags(latest?.tags),
        String(secret.versions.length),
      ];
    }),
    `No secrets in ${name}.`,
  );
  const versions = table(
    `Versions in ${name}, oldest first`,
    ["Secret", "Version", "Created", "Enabled", "Expires", "Latest"],
    snapshot.secrets.flatMap((secret) =>
      secret.versions.map((v, i) => [
        secret.name,
        shortVersion(v.version),
        time(v.created),
        yesNo(v.enabled),
        v.exp !== undefined ? time(v.exp) : "never",
        i === secret.versions.length - 1 ? "latest" : "",
      ]),
    ),
    `No versions in ${name}.`,
  );
  const deleted = table(
    `Deleted secrets in ${name} (recoverable until purged)`,
    ["Name", "Deleted", "Scheduled purge"],
    snapshot.deleted.map((d) => [d.name, time(d.deletedDate), time(d.scheduledPurgeDate)]),
    `No deleted secrets in ${name}.`,
  );
  const shown = audit.slice(-MAX_AUDIT_ROWS);
  const log = table(
    audit.length > shown.length ? `Audit log of ${name}, the last ${shown.length} of ${audit.length} requests` : `Audit log of ${name}, oldest first`,
    ["Time", "Identity", "Operation", "Secret", "Version", "Status"],
    shown.map((e) => [time(e.time), e.identity, e.operation, e.secretName ?? "", e.version ? shortVersion(e.version) : "", e.errorCode ? `${e.status} ${e.errorCode}` : String(e.status)]),
    `Audit log of ${name}: no requests yet. Run the program to see them.`,
  );
  log.classList.add("vault-audit");
  return [heading, secrets, versions, deleted, log];
}

/** A captioned table with column headers and the first cell of each row as its row header; `empty` (a sentence) when there are no rows. */
function table(caption: string, columns: string[], rows: string[][], empty: string): HTMLElement {
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

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}

/** `2025-01-01 00:00:00 UTC`: the vault's clock is simulated, so local time zones would only confuse. */
function time(unixSeconds: number): string {
  return `${new Date(Math.floor(unixSeconds) * 1000).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

function yesNo(value: boolean): string {
  return value ? "yes" : "no";
}

function shortVersion(version: string): string {
  return `${version.slice(0, 8)}…`;
}

function tags(value: Record<string, string> | undefined): string {
  return value ? Object.entries(value).map(([k, v]) => `${k}=${v}`).join(", ") : "";
}

/** Secrets the scenario declares (not deleted), for the summary before the engine has loaded. */
function declaredSecretCount(scenario: unknown): number {
  const vaults = (scenario as { vaults?: Array<{ secrets?: Array<{ deleted?: boolean }> }> }).vaults ?? [];
  return vaults.reduce((n, vault) => n + (vault.secrets ?? []).filter((secret) => !secret.deleted).length, 0);
}

import type { AuditEntry, VaultEngine, VaultSnapshot } from "../../vault/index.ts";
import type { AzureWorldConfig } from "../../runtime/azure/host/index.ts";
import type { InspectorTarget } from "../sandbox-types.ts";
import type { AzureSandboxWorld } from "./sandbox.ts";
import { el, mountInspectorPanel, table, time } from "../inspector-panel.ts";

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
  const config = target.config as AzureWorldConfig;
  const count = (engine: VaultEngine): number => engine.vaultNames().reduce((n, name) => n + engine.snapshot(name).secrets.length, 0);
  mountInspectorPanel(target, {
    name: "Vault",
    summary: (world) => `Vault (${world ? count(world.engine) : declaredSecretCount(config.scenario)} secrets)`,
    render: ({ engine }) =>
      engine
        .vaultNames()
        .map((name) => engine.snapshot(name))
        .flatMap((snapshot) => renderVault(snapshot, engine.audit.entries(snapshot.vault))),
    subscribe: ({ engine }, changed) => engine.audit.subscribe(changed),
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

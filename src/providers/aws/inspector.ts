/**
 * The AWS panel of a sandbox whose example has an AWS account: what the console's Secrets Manager
 * list shows (names, stages per version, rotation, deletion; never a value), the roles and the
 * policies that decide who may read what, and the CloudTrail-style event log (who called what, on
 * which resource, and what came of it), as accessible tables that follow the sandbox's own world.
 */
import type { AwsEngine, AwsEvent } from "../../aws/index.ts";
import { el, mountInspectorPanel, table, time } from "../inspector-panel.ts";
import type { InspectorTarget } from "../sandbox-types.ts";
import type { AwsSandboxWorld } from "./sandbox.ts";

/** The log keeps every event; the panel shows the most recent ones. */
const MAX_EVENT_ROWS = 100;

export function mountAwsInspector(target: InspectorTarget<AwsSandboxWorld>): void {
  const declared = ((target.config as { scenario?: { secrets?: unknown[] }; secrets?: unknown[] }).scenario ?? (target.config as { secrets?: unknown[] })).secrets?.length ?? 0;
  mountInspectorPanel(target, {
    name: "AWS",
    summary: (world) => `AWS (${world ? world.engine.secrets.list().filter((s) => s.deletedDate === undefined).length : declared} secrets)`,
    render: ({ engine }) => renderAccount(engine),
    subscribe: ({ engine }, changed) => engine.events.subscribe(changed),
  });
}

function renderAccount(engine: AwsEngine): Node[] {
  const heading = el("p", "");
  heading.className = "vault-inspector-name";
  heading.append(el("strong", `Account ${engine.accountId}, ${engine.region}`), ` · AWS time ${time(engine.clock.now())}`);
  const role = engine.instanceRole ?? engine.taskRole;
  if (role) heading.append(` · this machine runs as the role ${role.role.name}`);

  const secrets = engine.secrets.list();
  const list = table(
    "Secrets Manager secrets (values are never shown)",
    ["Name", "Versions", "Rotation", "Encryption key", "Deletion"],
    secrets.map((s) => [
      s.name,
      String(s.versions.size),
      s.rotationEnabled ? `on${s.rotationRules?.AutomaticallyAfterDays ? `, every ${s.rotationRules.AutomaticallyAfterDays} days` : ""}` : "off",
      s.kmsKeyId ?? "aws/secretsmanager",
      s.deletedDate !== undefined ? `scheduled for ${s.deletionDate !== undefined ? time(s.deletionDate) : "deletion"}` : "",
    ]),
    "No secrets in this account.",
  );
  const versions = table(
    "Versions and their staging labels, oldest first",
    ["Secret", "Version", "Created", "Stages"],
    secrets.flatMap((s) => [...s.versions.values()].sort((a, b) => a.createdDate - b.createdDate).map((v) => [s.name, `${v.versionId.slice(0, 8)}…`, time(v.createdDate), v.stages.join(", ") || "(none: deprecated)"])),
    "No versions.",
  );
  const roles = table(
    "IAM roles and what their policies allow",
    ["Role", "Allows", "Trusted by"],
    engine.iam.roles().map((r) => [r.name, allowed(r.policies), trusted(r.trustPolicy)]),
    "No roles in this account.",
  );
  const events = engine.events.events();
  const shown = events.slice(-MAX_EVENT_ROWS);
  const log = table(
    events.length > shown.length ? `Event log, the last ${shown.length} of ${events.length} calls` : "Event log (CloudTrail), oldest first",
    ["Time", "Principal", "Action", "Resource", "Result"],
    shown.map((e) => [e.eventTime, shortArn(e.principalArn), e.eventName, e.resource ? shortArn(e.resource) : "", result(e)]),
    "Event log: no calls yet. Run the program to see them.",
  );
  log.classList.add("vault-audit");
  return [heading, list, versions, roles, log];
}

type Statement = { Effect?: string; Action?: string | string[]; Resource?: string | string[]; Principal?: unknown };

function statements(policy: unknown): Statement[] {
  const list = (policy as { Statement?: Statement | Statement[] } | undefined)?.Statement;
  return Array.isArray(list) ? list : list ? [list] : [];
}

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** `Allow secretsmanager:GetSecretValue on …:secret:payments/db-*`, one per statement. */
function allowed(policies: readonly unknown[]): string {
  const lines = policies.flatMap(statements).map((s) => `${s.Effect ?? "Allow"} ${asList(s.Action).join(", ")} on ${asList(s.Resource).map(shortArn).join(", ") || "*"}`);
  return lines.join("; ") || "nothing";
}

function trusted(policy: unknown): string {
  const principals = statements(policy).map((s) => s.Principal);
  return principals.map((p) => (typeof p === "string" ? p : JSON.stringify(p))).join("; ");
}

/** An ARN without the partition and account, which are the same for every row. */
function shortArn(arn: string): string {
  return arn.replace(/^arn:aws:([a-z0-9-]+):[a-z0-9-]*:\d{12}:/, "$1:");
}

function result(event: AwsEvent): string {
  return event.result === "success" ? "success" : `failed${event.errorCode ? `: ${event.errorCode}` : ""}`;
}

/**
 * `docker config create|ls|inspect|rm`: swarm configs, as docker/cli's config package prints them
 * (ID NAME CREATED UPDATED; inspect with Spec.Data base64 as Go marshals []byte; --pretty with the
 * data in clear, since a config is not a secret).
 */
import { GoTimeValue, goTimeString, since } from "../../engine/clock.ts";
import { FsError } from "../../fs/file-system.ts";
import { resolvePath } from "../../fs/path.ts";
import type { SwarmConfig } from "../../swarm/swarm.ts";
import { eachRefResult, forEachRef, result, rowsResult, type DockerSubcommand } from "../command.ts";
import { flagBool, flagList, flagString, type ParseResult } from "../flags.ts";
import { renderRows } from "../format/render-rows.ts";
import { renderInspect } from "./image-commands.ts";
import { labelsFrom } from "./labels.ts";
import { DaemonErrors } from "../../engine/errors.ts";

/** Go's encoding/json for a []byte: standard base64 of the UTF-8 bytes. */
export function base64Bytes(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function configInspectJson(c: SwarmConfig): Record<string, unknown> {
  return { ID: c.id, Version: { Index: c.version }, CreatedAt: new GoTimeValue(c.createdAt), UpdatedAt: new GoTimeValue(c.updatedAt), Spec: { Name: c.name, Labels: c.labels, Data: base64Bytes(c.data) } };
}

export const configCreateCommand: DockerSubcommand = {
  path: "docker config create",
  usage: "docker config create [OPTIONS] CONFIG file|-",
  short: "Create a config from a file or STDIN",
  args: { min: 2, max: 2 },
  flags: [
    { name: "label", short: "l", kind: "list", description: "Config labels" },
    { name: "template-driver", kind: "string", description: "Template driver" },
  ],
  run(p, ctx) {
    const [name, file] = p.positionals as [string, string];
    let data: string;
    if (file === "-") data = ctx.stdin;
    else {
      try {
        data = ctx.fs.readFile(resolvePath(ctx.cwd, file));
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        return result("", `Error reading content from "${file}": open ${file}: ${e.text.toLowerCase()}\n`, 1);
      }
    }
    return result(`${ctx.engine.swarm.createConfig(name, data, labelsFrom(flagList(p, "label"))).id}\n`);
  },
};

/** moby's newListConfigsFilters: "name" is a prefix, "names" the exact name. */
export const SWARM_OBJECT_FILTERS: Record<string, (c: { id: string; name: string; labels: Record<string, string> }, v: string) => boolean> = {
  id: (c, v) => c.id.startsWith(v),
  name: (c, v) => c.name.startsWith(v),
  names: (c, v) => c.name === v,
  label: (c, v) => {
    const [k, val] = v.split("=");
    return k! in c.labels && (val === undefined || c.labels[k!] === val);
  },
};

/** swarmkit's list filters: each key may repeat (any value), every key must match. */
export function filterByKeys<T>(filters: readonly string[], allowed: Record<string, (item: T, v: string) => boolean>, items: readonly T[]): ParseResult<T[]> {
  const byKey = new Map<string, string[]>();
  for (const f of filters) {
    const eq = f.indexOf("=");
    const key = eq === -1 ? f : f.slice(0, eq);
    if (!(key in allowed)) return { ok: false, error: key };
    byKey.set(key, [...(byKey.get(key) ?? []), eq === -1 ? "" : f.slice(eq + 1)]);
  }
  return { ok: true, value: items.filter((item) => [...byKey].every(([k, values]) => values.some((v) => allowed[k]!(item, v)))) };
}

export const configLsCommand: DockerSubcommand = {
  path: "docker config ls",
  usage: "docker config ls [OPTIONS]",
  short: "List configs",
  args: { max: 0 },
  flags: [
    { name: "filter", short: "f", kind: "list", description: "Filter output based on conditions provided" },
    { name: "format", kind: "string", description: "Format output using a custom template" },
    { name: "quiet", short: "q", kind: "bool", description: "Only display IDs" },
  ],
  run(p, ctx) {
    const now = ctx.engine.clock.now();
    const filtered = filterByKeys(flagList(p, "filter"), SWARM_OBJECT_FILTERS, ctx.engine.swarm.listConfigs());
    if (!filtered.ok) throw DaemonErrors.invalidFilter(filtered.error);
    if (flagBool(p, "quiet")) return result(filtered.value.map((c) => `${c.id}\n`).join(""));
    const rows = filtered.value.map((c) => ({
      ID: c.id,
      Name: c.name,
      CreatedAt: since(c.createdAt, now),
      UpdatedAt: since(c.updatedAt, now),
      Labels: Object.entries(c.labels).map(([k, v]) => `${k}=${v}`).sort().join(","),
      Label: (k: unknown) => c.labels[String(k)] ?? "",
    }));
    return rowsResult(
      renderRows({
        rows,
        format: flagString(p, "format"),
        defaultFormat: "table {{.ID}}\t{{.Name}}\t{{.CreatedAt}}\t{{.UpdatedAt}}",
        headers: { ID: "ID", Name: "NAME", CreatedAt: "CREATED", UpdatedAt: "UPDATED", Labels: "LABELS" },
        typeName: "*config.configContext",
      }),
    );
  },
};

export const configInspectCommand: DockerSubcommand = {
  path: "docker config inspect",
  usage: "docker config inspect [OPTIONS] CONFIG [CONFIG...]",
  short: "Display detailed information on one or more configs",
  args: { min: 1 },
  flags: [
    { name: "format", short: "f", kind: "string", description: "Format output using a custom template" },
    { name: "pretty", kind: "bool", description: "Print the information in a human friendly format" },
  ],
  async run(p, ctx) {
    const { values, stderr } = await forEachRef(p.positionals, (ref) => ctx.engine.swarm.getConfig(ref));
    if (flagBool(p, "pretty") || flagString(p, "format") === "pretty") {
      // docker/cli's configInspectPrettyTemplate, one block per config.
      const out = values
        .map((c) => {
          const labels = Object.keys(c.labels).length ? `Labels:\n${Object.entries(c.labels).sort().map(([k, v]) => ` - ${k}${v ? `=${v}` : ""}\n`).join("")}` : "";
          return `ID:\t\t\t${c.id}\nName:\t\t\t${c.name}\n${labels}Created at:            \t${goTimeString(c.createdAt)}\nUpdated at:            \t${goTimeString(c.updatedAt)}\nData:\n${c.data}\n`;
        })
        .join("\n");
      return result(out, stderr, stderr ? 1 : 0);
    }
    return renderInspect(values.map(configInspectJson), flagString(p, "format"), stderr);
  },
};

export const configRmCommand: DockerSubcommand = {
  path: "docker config rm",
  usage: "docker config rm CONFIG [CONFIG...]",
  short: "Remove one or more configs",
  args: { min: 1 },
  flags: [],
  run(p, ctx) {
    return eachRefResult(p.positionals, (ref) => ctx.engine.swarm.removeConfig(ref));
  },
};

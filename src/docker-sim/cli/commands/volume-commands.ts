/** `docker volume create|ls|inspect|rm`: the local driver's named and anonymous volumes. */
import { goTime } from "../../engine/clock.ts";
import { eachRefResult, forEachRef, result, rowsResult, type DockerSubcommand } from "../command.ts";
import { flagBool, flagList, flagString } from "../flags.ts";
import { renderRows } from "../format/render-rows.ts";
import { renderInspect } from "./image-commands.ts";
import { labelsFrom } from "./labels.ts";

export const volumeCreateCommand: DockerSubcommand = {
  path: "docker volume create",
  usage: "docker volume create [OPTIONS] [VOLUME]",
  short: "Create a volume",
  args: { max: 1 },
  flags: [
    { name: "driver", short: "d", kind: "string", description: 'Specify volume driver name (default "local")' },
    { name: "label", kind: "list", description: "Set metadata for a volume" },
    { name: "name", kind: "string", description: "Specify volume name", hidden: true },
    { name: "opt", short: "o", kind: "list", description: "Set driver specific options" },
  ],
  run(p, ctx) {
    return result(`${ctx.engine.containers.createVolume(p.positionals[0] ?? flagString(p, "name"), labelsFrom(flagList(p, "label")))}\n`);
  },
};

export const volumeLsCommand: DockerSubcommand = {
  path: "docker volume ls",
  usage: "docker volume ls [OPTIONS]",
  short: "List volumes",
  args: { max: 0 },
  flags: [
    { name: "filter", short: "f", kind: "list", description: "Provide filter values (e.g. \"dangling=true\")" },
    { name: "format", kind: "string", description: "Format output using a custom template" },
    { name: "quiet", short: "q", kind: "bool", description: "Only display volume names" },
  ],
  run(p, ctx) {
    const store = ctx.engine.containers;
    let names = store.volumeNames();
    for (const f of flagList(p, "filter")) {
      const [k, v = ""] = [f.slice(0, f.indexOf("=")), f.slice(f.indexOf("=") + 1)];
      if (k === "name") names = names.filter((n) => n.includes(v));
      else if (k === "dangling") names = names.filter((n) => (store.volumeUsers(n).length === 0) === (v === "true" || v === "1"));
      else if (k === "label") names = names.filter((n) => v.split("=")[0]! in store.volumeInfo(n).labels);
      else if (k !== "driver" || v !== "local") names = k === "driver" ? [] : names;
    }
    if (flagBool(p, "quiet")) return result(names.map((n) => `${n}\n`).join(""));
    const rows = names.map((n) => ({ Driver: "local", Name: n, Scope: "local", Mountpoint: `/var/lib/docker/volumes/${n}/_data`, Labels: Object.entries(store.volumeInfo(n).labels).map(([k, v]) => `${k}=${v}`).join(",") }));
    return rowsResult(
      renderRows({
        rows,
        format: flagString(p, "format"),
        defaultFormat: "table {{.Driver}}\t{{.Name}}",
        headers: { Driver: "DRIVER", Name: "VOLUME NAME", Scope: "SCOPE", Mountpoint: "MOUNTPOINT", Labels: "LABELS" },
        typeName: "*volume.volumeContext",
      }),
    );
  },
};

export const volumeInspectCommand: DockerSubcommand = {
  path: "docker volume inspect",
  usage: "docker volume inspect [OPTIONS] VOLUME [VOLUME...]",
  short: "Display detailed information on one or more volumes",
  args: { min: 1 },
  flags: [{ name: "format", short: "f", kind: "string", description: "Format output using a custom template" }],
  async run(p, ctx) {
    const { values, stderr } = await forEachRef(p.positionals, (ref) => ctx.engine.containers.volumeInfo(ref));
    const docs = values.map((v) => ({
      CreatedAt: goTime(v.created),
      Driver: "local",
      Labels: Object.keys(v.labels).length ? v.labels : v.anonymous ? { "com.docker.volume.anonymous": "" } : null,
      Mountpoint: `/var/lib/docker/volumes/${v.name}/_data`,
      Name: v.name,
      Options: null,
      Scope: "local",
    }));
    return renderInspect(docs, flagString(p, "format"), stderr);
  },
};

export const volumeRmCommand: DockerSubcommand = {
  path: "docker volume rm",
  usage: "docker volume rm [OPTIONS] VOLUME [VOLUME...]",
  short: "Remove one or more volumes",
  args: { min: 1 },
  flags: [{ name: "force", short: "f", kind: "bool", description: "Force the removal of one or more volumes" }],
  run(p, ctx) {
    return eachRefResult(p.positionals, (ref) => {
      if (flagBool(p, "force") && !ctx.engine.containers.volumeNames().includes(ref)) return;
      ctx.engine.containers.removeVolume(ref);
    });
  },
};

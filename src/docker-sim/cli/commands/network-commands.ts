/**
 * `docker network create|ls|inspect|rm` over the engine's NetworkStore, with docker/cli's flags,
 * columns (NETWORK ID, NAME, DRIVER, SCOPE) and moby's inspect document.
 */
import { goTime } from "../../engine/clock.ts";
import { DaemonError } from "../../engine/errors.ts";
import type { Network } from "../../networks/network-store.ts";
import { eachRefResult, forEachRef, result, rowsResult, type DockerSubcommand } from "../command.ts";
import { flagBool, flagList, flagString } from "../flags.ts";
import { renderRows } from "../format/render-rows.ts";
import { renderInspect } from "./image-commands.ts";
import { labelsFrom } from "./labels.ts";

export function networkInspectJson(n: Network): Record<string, unknown> {
  const noIpam = n.driver === "host" || n.driver === "null";
  return {
    Name: n.name,
    Id: n.id,
    Created: goTime(n.created),
    Scope: n.scope,
    Driver: n.driver,
    EnableIPv4: true,
    EnableIPv6: false,
    IPAM: { Driver: "default", Options: n.predefined ? null : {}, Config: noIpam ? null : [{ Subnet: n.subnet, Gateway: n.gateway }] },
    Internal: n.internal,
    Attachable: n.attachable,
    Ingress: n.ingress,
    ConfigFrom: { Network: "" },
    ConfigOnly: false,
    Containers: Object.fromEntries([...n.endpoints.values()].map((e) => [e.containerId, { Name: e.name, EndpointID: e.endpointId, MacAddress: e.mac, IPv4Address: e.ipv4, IPv6Address: "" }])),
    Options: n.options,
    Labels: n.labels,
    ...(n.ingress ? { Peers: [{ Name: "docker-desktop-peer", IP: "192.168.65.3" }] } : {}),
  };
}

export const networkCreateCommand: DockerSubcommand = {
  path: "docker network create",
  usage: "docker network create [OPTIONS] NETWORK",
  short: "Create a network",
  args: { min: 1, max: 1 },
  flags: [
    { name: "attachable", kind: "bool", description: "Enable manual container attachment" },
    { name: "driver", short: "d", kind: "string", description: 'Driver to manage the Network (default "bridge")' },
    { name: "gateway", kind: "list", description: "IPv4 or IPv6 Gateway for the master subnet" },
    { name: "internal", kind: "bool", description: "Restrict external access to the network" },
    { name: "label", kind: "list", description: "Set metadata on a network" },
    { name: "opt", short: "o", kind: "list", description: "Set driver specific options" },
    { name: "scope", kind: "string", description: "Control the network's scope" },
    { name: "subnet", kind: "list", description: "Subnet in CIDR format that represents a network segment" },
  ],
  run(p, ctx) {
    const subnet = flagList(p, "subnet")[0];
    const gateway = flagList(p, "gateway")[0];
    if (gateway && !subnet) return result("", "every ip-range or gateway must have a corresponding subnet\n", 1);
    const n = ctx.engine.networks.create(
      p.positionals[0]!,
      { driver: flagString(p, "driver"), attachable: flagBool(p, "attachable"), internal: flagBool(p, "internal"), labels: labelsFrom(flagList(p, "label")), subnet, gateway },
      ctx.engine.swarm.active,
    );
    return result(`${n.id}\n`);
  },
};

const FILTERS: Record<string, (n: Network, v: string) => boolean> = {
  driver: (n, v) => n.driver === v,
  id: (n, v) => n.id.startsWith(v),
  // moby matches a network name on any part of it.
  name: (n, v) => n.name.includes(v),
  scope: (n, v) => n.scope === v,
  type: (n, v) => (v === "builtin" ? n.predefined || n.ingress || n.name === "docker_gwbridge" : !(n.predefined || n.ingress || n.name === "docker_gwbridge")),
  label: (n, v) => {
    const [k, val] = v.split("=");
    return k! in n.labels && (val === undefined || n.labels[k!] === val);
  },
};

export const networkLsCommand: DockerSubcommand = {
  path: "docker network ls",
  usage: "docker network ls [OPTIONS]",
  short: "List networks",
  args: { max: 0 },
  flags: [
    { name: "filter", short: "f", kind: "list", description: 'Provide filter values (e.g. "driver=bridge")' },
    { name: "format", kind: "string", description: "Format output using a custom template" },
    { name: "no-trunc", kind: "bool", description: "Do not truncate the output" },
    { name: "quiet", short: "q", kind: "bool", description: "Only display network IDs" },
  ],
  run(p, ctx) {
    const byKey = new Map<string, string[]>();
    for (const f of flagList(p, "filter")) {
      const eq = f.indexOf("=");
      if (eq === -1) return result("", `bad format of filter (expected name=value)\n`, 125);
      const key = f.slice(0, eq);
      if (!(key in FILTERS)) throw new DaemonError("invalid", `invalid filter '${key}'`);
      if (key === "type" && !["builtin", "custom"].includes(f.slice(eq + 1))) throw new DaemonError("invalid", `invalid filter: 'type'='${f.slice(eq + 1)}'`);
      byKey.set(key, [...(byKey.get(key) ?? []), f.slice(eq + 1)]);
    }
    const trunc = !flagBool(p, "no-trunc");
    const list = ctx.engine.networks.list().filter((n) => [...byKey].every(([k, values]) => values.some((v) => FILTERS[k]!(n, v))));
    const id = (n: Network): string => (trunc ? n.id.slice(0, 12) : n.id);
    if (flagBool(p, "quiet")) return result(list.map((n) => `${id(n)}\n`).join(""));
    const rows = list.map((n) => ({
      ID: id(n),
      Name: n.name,
      Driver: n.driver,
      Scope: n.scope,
      IPv4: "true",
      IPv6: "false",
      Internal: String(n.internal),
      Labels: Object.entries(n.labels).map(([k, v]) => `${k}=${v}`).sort().join(","),
      Label: (k: unknown) => n.labels[String(k)] ?? "",
      CreatedAt: n.created.toISOString().replace("T", " ").replace(/\.\d+Z$/, " +0000 UTC"),
    }));
    return rowsResult(
      renderRows({
        rows,
        format: flagString(p, "format"),
        defaultFormat: "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}",
        headers: { ID: "NETWORK ID", Name: "NAME", Driver: "DRIVER", Scope: "SCOPE", IPv4: "IPV4", IPv6: "IPV6", Internal: "INTERNAL", Labels: "LABELS", CreatedAt: "CREATED AT" },
        typeName: "*network.networkContext",
      }),
    );
  },
};

export const networkInspectCommand: DockerSubcommand = {
  path: "docker network inspect",
  usage: "docker network inspect [OPTIONS] NETWORK [NETWORK...]",
  short: "Display detailed information on one or more networks",
  args: { min: 1 },
  flags: [
    { name: "format", short: "f", kind: "string", description: "Format output using a custom template" },
    { name: "verbose", short: "v", kind: "bool", description: "Verbose output for diagnostics" },
  ],
  async run(p, ctx) {
    const { values, stderr } = await forEachRef(p.positionals, (ref) => ctx.engine.networks.get(ref));
    return renderInspect(values.map(networkInspectJson), flagString(p, "format"), stderr);
  },
};

export const networkRmCommand: DockerSubcommand = {
  path: "docker network rm",
  usage: "docker network rm NETWORK [NETWORK...]",
  short: "Remove one or more networks",
  args: { min: 1 },
  flags: [{ name: "force", short: "f", kind: "bool", description: "Do not error if the network does not exist" }],
  run(p, ctx) {
    const force = flagBool(p, "force");
    return eachRefResult(p.positionals, (ref) => {
      if (force && !ctx.engine.networks.find(ref)) return "";
      ctx.engine.networks.remove(ref);
    });
  },
};

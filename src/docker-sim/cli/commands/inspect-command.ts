/** `docker inspect`: containers first, then images, networks, then swarm objects, as the CLI searches. */
import { result, type DockerSubcommand } from "../command.ts";
import { flagString } from "../flags.ts";
import { containerInspect, imageInspect } from "./inspect-json.ts";
import { renderInspect } from "./image-commands.ts";
import { secretInspectJson, serviceInspectJson } from "./swarm-commands.ts";
import { networkInspectJson } from "./network-commands.ts";
import { configInspectJson } from "./config-commands.ts";

export const inspectCommand: DockerSubcommand = {
  path: "docker inspect",
  usage: "docker inspect [OPTIONS] NAME|ID [NAME|ID...]",
  short: "Return low-level information on Docker objects",
  args: { min: 1 },
  flags: [
    { name: "format", short: "f", kind: "string", description: "Format output using a custom template" },
    { name: "size", short: "s", kind: "bool", description: "Display total file sizes if the type is container" },
    { name: "type", kind: "string", description: "Only inspect objects of the given type" },
  ],
  run(p, ctx) {
    const type = flagString(p, "type");
    const docs: Record<string, unknown>[] = [];
    let stderr = "";
    for (const ref of p.positionals) {
      const c = !type || type === "container" ? ctx.engine.containers.find(ref) : undefined;
      if (c) {
        docs.push(containerInspect(c));
        continue;
      }
      const img = !type || type === "image" ? ctx.engine.images.find(ref) : undefined;
      if (img) {
        docs.push(imageInspect(img));
        continue;
      }
      const net = !type || type === "network" ? ctx.engine.networks.find(ref) : undefined;
      if (net) {
        docs.push(networkInspectJson(net));
        continue;
      }
      if (ctx.engine.swarm.active) {
        const svc = !type || type === "service" ? ctx.engine.swarm.findService(ref) : undefined;
        if (svc) {
          docs.push(serviceInspectJson(svc));
          continue;
        }
        const sec = !type || type === "secret" ? ctx.engine.swarm.findSecret(ref) : undefined;
        if (sec) {
          docs.push(secretInspectJson(sec));
          continue;
        }
        const cfg = !type || type === "config" ? ctx.engine.swarm.findConfig(ref) : undefined;
        if (cfg) {
          docs.push(configInspectJson(cfg));
          continue;
        }
      }
      stderr += `Error: No such object: ${ref}\n`;
    }
    if (docs.length === 0 && !flagString(p, "format")) return result("[]\n", stderr, 1);
    return renderInspect(docs, flagString(p, "format"), stderr);
  },
};

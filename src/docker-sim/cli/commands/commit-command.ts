/**
 * `docker commit CONTAINER [REPOSITORY[:TAG]]`: the container's writable layer becomes a new image
 * layer over its image's. Mounts are not in that layer (tmpfs secrets, binds, volumes), nor are
 * the files the daemon bind-mounts itself (/etc/hostname, /etc/hosts, /etc/resolv.conf): which is
 * why the swarm tutorial's committed redis has no /run/secrets.
 */
import { fakeDigest } from "../../engine/ids.ts";
import { diffSize, type Layer } from "../../fs/layer.ts";
import type { Image, ImageConfig } from "../../images/image.ts";
import { isValidReference } from "../../images/image.ts";
import { result, type DockerSubcommand } from "../command.ts";
import { flagList, flagString } from "../flags.ts";

const DAEMON_FILES = new Set(["/etc/hostname", "/etc/hosts", "/etc/resolv.conf"]);

/** `--change` takes Dockerfile instructions; the ones that only set config are applied. */
function applyChange(config: ImageConfig, change: string): string | undefined {
  const m = /^\s*(\w+)\s+(.*)$/s.exec(change);
  if (!m) return `dockerfile parse error on line 1: unknown instruction: ${change.toUpperCase()}`;
  const keyword = m[1]!.toUpperCase();
  const rest = m[2]!.trim();
  const argv = (): string[] => {
    if (rest.startsWith("[")) {
      try {
        return (JSON.parse(rest) as unknown[]).map(String);
      } catch {
        // not JSON: shell form below
      }
    }
    return ["/bin/sh", "-c", rest];
  };
  switch (keyword) {
    case "CMD":
      config.Cmd = argv();
      return undefined;
    case "ENTRYPOINT":
      config.Entrypoint = argv();
      return undefined;
    case "ENV": {
      const eq = rest.indexOf("=");
      const [k, v] = eq === -1 ? [rest.split(/\s+/)[0]!, rest.split(/\s+/).slice(1).join(" ")] : [rest.slice(0, eq), rest.slice(eq + 1).replace(/^"(.*)"$/, "$1")];
      config.Env = [...config.Env.filter((e) => !e.startsWith(`${k}=`)), `${k}=${v}`];
      return undefined;
    }
    case "WORKDIR":
      config.WorkingDir = rest;
      return undefined;
    case "USER":
      config.User = rest;
      return undefined;
    case "LABEL": {
      const eq = rest.indexOf("=");
      config.Labels = { ...(config.Labels ?? {}), [rest.slice(0, eq)]: rest.slice(eq + 1).replace(/^"(.*)"$/, "$1") };
      return undefined;
    }
    case "EXPOSE":
      config.ExposedPorts = { ...(config.ExposedPorts ?? {}), [rest.includes("/") ? rest : `${rest}/tcp`]: {} };
      return undefined;
    default:
      return `${keyword} is not a valid change command`;
  }
}

export const commitCommand: DockerSubcommand = {
  path: "docker container commit",
  usage: "docker container commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
  short: "Create a new image from a container's changes",
  args: { min: 1, max: 2 },
  flags: [
    { name: "author", short: "a", kind: "string", description: 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' },
    { name: "change", short: "c", kind: "list", description: "Apply Dockerfile instruction to the created image" },
    { name: "message", short: "m", kind: "string", description: "Commit message" },
    { name: "pause", short: "p", kind: "bool", description: "Pause container during commit (default true)" },
  ],
  run(p, ctx) {
    const [ref, repo] = p.positionals as [string, string?];
    if (repo !== undefined && !isValidReference(repo)) return result("", "invalid reference format\n", 1);
    const c = ctx.engine.containers.get(ref);
    const files = new Map([...c.fs.upper].filter(([path]) => !DAEMON_FILES.has(path)));
    const serial = [...files].map(([path, e]) => `${path}:${e ? `${e.mode}:${e.uid}:${e.content}` : "-"}`).join("\n");
    const layer: Layer = { diffId: `sha256:${fakeDigest(`commit|${c.id}|${serial}`)}`, files, size: diffSize(files) };
    const config: ImageConfig = {
      ...c.image.config,
      Env: [...c.config.Env],
      Cmd: c.config.Cmd,
      Entrypoint: c.config.Entrypoint,
      WorkingDir: c.config.WorkingDir,
      User: c.config.User,
      Labels: { ...c.config.Labels },
    };
    for (const change of flagList(p, "change")) {
      const error = applyChange(config, change);
      if (error) return result("", `Error response from daemon: ${error}\n`, 1);
    }
    const now = ctx.engine.clock.now();
    const image: Image = {
      id: `sha256:${fakeDigest(`image|${layer.diffId}|${now.toISOString()}|${JSON.stringify(config)}`)}`,
      repoTags: [],
      repoDigests: [],
      created: now,
      config,
      layers: [...c.image.layers, layer],
      history: [...c.image.history, { created: now, createdBy: [c.path, ...c.args].join(" "), comment: flagString(p, "message") ?? "", emptyLayer: false, size: layer.size }],
      architecture: c.image.architecture,
      os: c.image.os,
    };
    ctx.engine.images.add(image, repo);
    return result(`${image.id}\n`);
  },
};

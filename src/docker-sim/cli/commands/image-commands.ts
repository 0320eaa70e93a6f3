/** Image commands: build, images, history, pull, rmi, image inspect. */
import { checkReport } from "../../build/lint.ts";
import { DockerfileParseError } from "../../build/dockerfile-parser.ts";
import { goDate, since } from "../../engine/clock.ts";
import { humanSize } from "../../engine/units.ts";
import { FsError, collectFiles } from "../../fs/file-system.ts";
import { basename, resolvePath } from "../../fs/path.ts";
import { imageSize, isValidReference, normalizeReference, parseReference } from "../../images/image.ts";
import { shortId } from "../../containers/container.ts";
import { eachRefResult, forEachRef, result, rowsResult, type DockerSubcommand } from "../command.ts";
import { DaemonError, DaemonErrors, daemonErrorLine } from "../../engine/errors.ts";
import { flagBool, flagList, flagString } from "../flags.ts";
import { goJson } from "../format/json.ts";
import { compileGoTemplate } from "../../../lib/cli/go-template.ts";
import { dockerTemplateFuncs } from "../format/template-funcs.ts";
import { renderRows } from "../format/render-rows.ts";
import { ellipsis } from "../format/table.ts";
import { imageInspect } from "./inspect-json.ts";

export const buildCommand: DockerSubcommand = {
  path: "docker build",
  usage: "docker buildx build [OPTIONS] PATH | URL | -",
  short: "Start a build",
  args: { min: 1, max: 1 },
  flags: [
    { name: "build-arg", kind: "list", description: "Set build-time variables" },
    { name: "check", kind: "bool", description: "Shorthand for \"--call=check\"" },
    { name: "file", short: "f", kind: "string", description: 'Name of the Dockerfile (default: "PATH/Dockerfile")' },
    { name: "no-cache", kind: "bool", description: "Do not use cache when building the image" },
    { name: "platform", kind: "string", description: "Set target platform for build" },
    { name: "progress", kind: "string", description: 'Set type of progress output ("auto", "none", "plain", "quiet", "rawjson", "tty")' },
    { name: "pull", kind: "bool", description: "Always attempt to pull all referenced images" },
    { name: "quiet", short: "q", kind: "bool", description: "Suppress the build output and print image ID on success" },
    { name: "secret", kind: "list", description: 'Secret to expose to the build (format: "id=mysecret[,src=/local/secret]")' },
    { name: "tag", short: "t", kind: "list", description: 'Image identifier (format: "[name/]name[:tag]")' },
    { name: "target", kind: "string", description: "Set the target build stage to build" },
  ],
  async run(p, ctx) {
    const fail = (msg: string): ReturnType<DockerSubcommand["run"]> => result("", `ERROR: failed to build: ${msg}\n`, 1);
    for (const t of flagList(p, "tag")) {
      if (!isValidReference(t)) {
        return fail(`invalid tag "${t}": ${/[A-Z]/.test(t) ? "repository name must be lowercase" : "invalid reference format"}`);
      }
    }
    const contextDir = resolvePath(ctx.cwd, p.positionals[0]!);
    if (ctx.fs.stat(contextDir)?.kind !== "dir") return fail(`unable to prepare context: path "${p.positionals[0]}" not found`);
    const fileFlag = flagString(p, "file");
    const dockerfilePath = fileFlag ? resolvePath(ctx.cwd, fileFlag) : `${contextDir === "/" ? "" : contextDir}/Dockerfile`;
    let dockerfile: string;
    try {
      dockerfile = ctx.fs.readFile(dockerfilePath);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      return fail(`failed to solve: failed to read dockerfile: open ${fileFlag ?? "Dockerfile"}: no such file or directory`);
    }
    if (flagBool(p, "check")) {
      const dockerfileName = fileFlag ? basename(fileFlag) : "Dockerfile";
      try {
        const report = checkReport(dockerfile, dockerfileName);
        return result(report.stdout, "", report.exitCode);
      } catch (e) {
        if (e instanceof DockerfileParseError) return fail(`failed to solve: ${e.message}`);
        throw e;
      }
    }
    const context = new Map<string, string>();
    for (const [path, content] of collectFiles(ctx.fs, contextDir)) context.set(path.slice(contextDir === "/" ? 1 : contextDir.length + 1), content);

    const buildArgs = new Map<string, string>();
    for (const a of flagList(p, "build-arg")) {
      const eq = a.indexOf("=");
      if (eq !== -1) buildArgs.set(a.slice(0, eq), a.slice(eq + 1));
      else if (ctx.env.has(a)) buildArgs.set(a, ctx.env.get(a)!);
    }
    const secrets = new Map<string, string>();
    for (const s of flagList(p, "secret")) {
      const fields = new Map(s.split(",").map((kv) => [kv.slice(0, kv.indexOf("=") === -1 ? kv.length : kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)] as [string, string]));
      const id = fields.get("id") ?? basename(fields.get("src") ?? fields.get("source") ?? "");
      if (!id) return fail("secret ID missing");
      const src = fields.get("src") ?? fields.get("source");
      const envName = fields.get("env");
      if (envName !== undefined || fields.get("type") === "env") {
        const v = ctx.env.get(envName ?? id);
        if (v !== undefined) secrets.set(id, v);
        continue;
      }
      if (src === undefined && ctx.env.has(id)) {
        // A bare id=NAME reads the environment variable of that name first.
        secrets.set(id, ctx.env.get(id)!);
        continue;
      }
      const path = src ?? id;
      try {
        secrets.set(id, ctx.fs.readFile(resolvePath(ctx.cwd, path)));
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        return fail(`failed to stat ${path}: stat ${path}: no such file or directory`);
      }
    }
    const outcome = await ctx.engine.build({
      dockerfile,
      dockerfileName: fileFlag ? basename(fileFlag) : "Dockerfile",
      context,
      tags: flagList(p, "tag"),
      buildArgs,
      secrets,
      target: flagString(p, "target"),
      noCache: flagBool(p, "no-cache"),
    });
    ctx.engine.lastBuild = outcome;
    if (flagBool(p, "quiet")) {
      return outcome.ok ? result(`${outcome.image!.id}\n`) : result("", outcome.progress.slice(outcome.progress.indexOf("ERROR:")), 1);
    }
    return result("", outcome.progress, outcome.ok ? 0 : 1);
  },
};

export const imagesCommand: DockerSubcommand = {
  path: "docker images",
  usage: "docker images [OPTIONS] [REPOSITORY[:TAG]]",
  short: "List images",
  args: { max: 1 },
  flags: [
    { name: "all", short: "a", kind: "bool", description: "Show all images (default hides intermediate images)" },
    { name: "format", kind: "string", description: "Format output using a custom template" },
    { name: "no-trunc", kind: "bool", description: "Don't truncate output" },
    { name: "quiet", short: "q", kind: "bool", description: "Only show image IDs" },
  ],
  run(p, ctx) {
    const now = ctx.engine.clock.now();
    const trunc = !flagBool(p, "no-trunc");
    const filter = p.positionals[0];
    const rows: { Repository: string; Tag: string; ID: string; CreatedAt: string; CreatedSince: string; Size: string }[] = [];
    const created = new Map<object, number>();
    for (const img of ctx.engine.images.list()) {
      const tags = img.repoTags.length ? img.repoTags : ["<none>:<none>"];
      for (const t of tags) {
        const colon = t.lastIndexOf(":");
        const repo = t.slice(0, colon);
        if (filter && repo !== parseReference(filter).repo) continue;
        if (filter && filter.includes(":") && t !== normalizeReference(filter)) continue;
        const row = { Repository: repo, Tag: t.slice(colon + 1), ID: trunc ? shortId(img.id) : img.id, CreatedAt: goDate(img.created), CreatedSince: since(img.created, now), Size: humanSize(imageSize(img)) };
        created.set(row, img.created.getTime());
        rows.push(row);
      }
    }
    rows.sort((a, b) => created.get(b)! - created.get(a)! || a.Repository.localeCompare(b.Repository) || a.Tag.localeCompare(b.Tag));
    if (flagBool(p, "quiet")) return result([...new Set(rows.map((r) => r.ID))].map((id) => `${id}\n`).join(""));
    return rowsResult(
      renderRows({
        rows,
        format: flagString(p, "format"),
        defaultFormat: "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}",
        headers: { Repository: "REPOSITORY", Tag: "TAG", ID: "IMAGE ID", CreatedAt: "CREATED AT", CreatedSince: "CREATED", Size: "SIZE", Digest: "DIGEST" },
        typeName: "*formatter.imageContext",
      }),
    );
  },
};

export const historyCommand: DockerSubcommand = {
  path: "docker history",
  usage: "docker history [OPTIONS] IMAGE",
  short: "Show the history of an image",
  args: { min: 1, max: 1 },
  flags: [
    { name: "format", kind: "string", description: "Format output using a custom template" },
    { name: "human", short: "H", kind: "bool", description: "Print sizes and dates in human readable format (default true)" },
    { name: "no-trunc", kind: "bool", description: "Don't truncate output" },
    { name: "quiet", short: "q", kind: "bool", description: "Only show image IDs" },
  ],
  run(p, ctx) {
    const img = ctx.engine.images.get(p.positionals[0]!);
    const now = ctx.engine.clock.now();
    const trunc = !flagBool(p, "no-trunc");
    const rows = [...img.history].reverse().map((h, i) => ({
      ID: i === 0 ? (trunc ? shortId(img.id) : img.id) : "<missing>",
      CreatedSince: since(h.created, now),
      CreatedAt: goDate(h.created),
      CreatedBy: trunc ? ellipsis(h.createdBy.replace(/\t/g, " "), 45) : h.createdBy.replace(/\t/g, " "),
      Size: humanSize(h.size),
      Comment: h.comment,
    }));
    if (flagBool(p, "quiet")) return result(rows.map((r) => `${r.ID}\n`).join(""));
    return rowsResult(
      renderRows({
        rows,
        format: flagString(p, "format"),
        defaultFormat: "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}",
        headers: { ID: "IMAGE", CreatedSince: "CREATED", CreatedAt: "CREATED AT", CreatedBy: "CREATED BY", Size: "SIZE", Comment: "COMMENT" },
        typeName: "*history.historyContext",
      }),
    );
  },
};

export const pullCommand: DockerSubcommand = {
  path: "docker pull",
  usage: "docker pull [OPTIONS] NAME[:TAG|@DIGEST]",
  short: "Download an image from a registry",
  args: { min: 1, max: 1 },
  flags: [{ name: "quiet", short: "q", kind: "bool", description: "Suppress verbose output" }],
  run(p, ctx) {
    const ref = p.positionals[0]!;
    const defaultTag = ref.includes(":") ? "" : "Using default tag: latest\n";
    let pulled: ReturnType<typeof ctx.engine.images.pull>;
    try {
      pulled = ctx.engine.images.pull(ref);
    } catch (e) {
      if (e instanceof DaemonError) return result(defaultTag, daemonErrorLine(e), 1);
      throw e;
    }
    if (flagBool(p, "quiet")) return result(`${pulled.progress.at(-1)}\n`);
    return result(`${ref.includes(":") ? "" : "Using default tag: latest\n"}${pulled.progress.join("\n")}\n`);
  },
};

export const rmiCommand: DockerSubcommand = {
  path: "docker rmi",
  usage: "docker rmi [OPTIONS] IMAGE [IMAGE...]",
  short: "Remove one or more images",
  args: { min: 1 },
  flags: [{ name: "force", short: "f", kind: "bool", description: "Force removal of the image" }],
  run(p, ctx) {
    return eachRefResult(p.positionals, (ref) => {
      const img = ctx.engine.images.find(ref);
      if (!img) throw DaemonErrors.noSuchImage(normalizeReference(ref));
      const user = ctx.engine.containers.list(true).find((c) => c.image === img);
      if (user && !flagBool(p, "force")) throw DaemonErrors.imageInUse(ref, shortId(user.id), shortId(img.id));
      const tag = normalizeReference(ref);
      if (img.repoTags.includes(tag) && img.repoTags.length > 1) {
        ctx.engine.images.untag(img, tag);
        return `Untagged: ${tag}\n`;
      }
      const untagged = img.repoTags.map((t) => `Untagged: ${t}\n`).join("");
      ctx.engine.images.remove(img);
      return `${untagged}Deleted: ${img.id}\n`;
    });
  },
};

export const tagCommand: DockerSubcommand = {
  path: "docker tag",
  usage: "docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
  short: "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
  args: { min: 2, max: 2 },
  flags: [],
  run(p, ctx) {
    const [source, target] = p.positionals as [string, string];
    // The client parses the target before it asks the daemon anything.
    if (!isValidReference(target)) {
      const lower = /[A-Z]/.test(target) && isValidReference(target.toLowerCase());
      const why = lower ? `invalid reference format: repository name (library/${parseReference(target).repo}) must be lowercase` : "invalid reference format";
      return result("", `Error parsing reference: "${target}" is not a valid repository/tag: ${why}\n`, 1);
    }
    // A tag moves: the image that held it before loses it (and shows as <none> if it had no other).
    ctx.engine.images.add(ctx.engine.images.get(source), target);
    return result("");
  },
};

export const imageInspectCommand: DockerSubcommand = {
  path: "docker image inspect",
  usage: "docker image inspect [OPTIONS] IMAGE [IMAGE...]",
  short: "Display detailed information on one or more images",
  args: { min: 1 },
  flags: [{ name: "format", short: "f", kind: "string", description: "Format output using a custom template" }],
  async run(p, ctx) {
    const { values, stderr } = await forEachRef(p.positionals, (ref) => {
      const img = ctx.engine.images.find(ref);
      if (!img) throw DaemonErrors.noSuchImage(normalizeReference(ref));
      return imageInspect(img);
    });
    return renderInspect(values, flagString(p, "format"), stderr);
  },
};

/** Shared by `docker inspect` and the typed inspects: JSON array, or one template line per object. */
export function renderInspect(docs: readonly unknown[], format: string | undefined, stderr: string): ReturnType<DockerSubcommand["run"]> {
  if (format === "json") return result(`${JSON.stringify(docs)}\n`, stderr, stderr ? 1 : 0);
  if (format) {
    const compiled = compileGoTemplate(format, { funcs: dockerTemplateFuncs });
    // docker/cli's inspect: a template that does not parse is a StatusError with code 64.
    if (!compiled.ok) return result("", `template parsing error: ${compiled.error}\n`, 64);
    let out = "";
    for (const d of docs) {
      // The raw-JSON fallback runs with missingkey=error, so a misspelt field is an error, not "<no value>".
      const r = compiled.value.execute(d, { missingKey: "error" });
      if (!r.ok) stderr += `template parsing error: ${r.error}\n`;
      else out += `${r.value}\n`;
    }
    return result(out || (stderr ? "" : "\n"), stderr, stderr ? 1 : 0);
  }
  return result(`${goJson(docs)}\n`, stderr, stderr ? 1 : 0);
}


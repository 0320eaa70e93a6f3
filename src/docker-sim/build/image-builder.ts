/**
 * A BuildKit-style builder. It walks the parsed Dockerfile stage by stage and records, for each
 * instruction, what real BuildKit records: config changes (ENV, CMD, WORKDIR...), a history entry
 * with the same `CreatedBy` text, and a layer for RUN/COPY/WORKDIR. Secret mounts are mounted for
 * the one RUN that asks for them and never reach a layer, the history or the config.
 *
 * Progress is rendered like `docker build --progress=plain`, on what the CLI prints as stderr.
 */
import { AccessFs } from "../fs/access-fs.ts";
import { LayeredFs, type FsMount } from "../fs/layered-fs.ts";
import { diffSize, type Layer, type LayerDiff } from "../fs/layer.ts";
import { MemoryFs } from "../fs/memory-fs.ts";
import { collectFiles } from "../fs/file-system.ts";
import { resolvePath } from "../fs/path.ts";
import type { Clock } from "../engine/clock.ts";
import { DaemonError } from "../engine/errors.ts";
import { fakeDigest } from "../engine/ids.ts";
import { humanSize } from "../engine/units.ts";
import type { HistoryEntry, Image, ImageConfig } from "../images/image.ts";
import { normalizeReference, parseReference } from "../images/image.ts";
import type { ImageStore } from "../images/image-store.ts";
import { resolveUser } from "../containers/process-user.ts";
import { findGroup, findUser } from "../fs/accounts.ts";
import { ShellInterpreter } from "../shell/interpreter.ts";
import { containerCommands } from "../shell/registries.ts";
import { createRegistry } from "../shell/types.ts";
import type { NpmInstallRecord } from "../shell/commands/npm.ts";
import { formatWarnings, secretsUsedInArgOrEnv, type BuildWarning } from "./build-checks.ts";
import { contextSize, filterContext, selectSources, type BuildContext } from "./build-context.ts";
import { DockerfileParseError, expandBuildWord, parseDockerfile, splitKeyValues, type DockerfileInstruction, type ParsedDockerfile } from "./dockerfile-parser.ts";
import { parseRunMount, type SecretMountSpec } from "./run-mounts.ts";

export interface BuildRequest {
  /** Dockerfile text. */
  dockerfile: string;
  /** Name shown in progress and error excerpts (default "Dockerfile"). */
  dockerfileName?: string;
  /** Context files, relative path -> content (before .dockerignore). */
  context: BuildContext;
  tags: readonly string[];
  buildArgs?: ReadonlyMap<string, string>;
  /** Secret id -> value, already read by the client from `--secret` sources. */
  secrets?: ReadonlyMap<string, string>;
  target?: string;
  noCache?: boolean;
}

export interface BuildOutcome {
  ok: boolean;
  image: Image | undefined;
  /** Everything `docker build` prints (BuildKit writes it to stderr). */
  progress: string;
  warnings: BuildWarning[];
  /** What every simulated `npm ci`/`npm install` found, step by step. */
  npmInstalls: NpmInstallRecord[];
  /** Secret ids that RUN steps mounted. */
  secretsMounted: string[];
}

interface StageState {
  name: string | undefined;
  index: number;
  layers: Layer[];
  history: HistoryEntry[];
  config: ImageConfig;
  /** ARGs declared in this stage, in order, with their values. */
  args: { key: string; value: string | undefined }[];
  cmdSet: boolean;
  cacheKey: string;
}

interface CachedStep {
  layer: Layer | undefined;
  history: HistoryEntry;
  output: string[];
}

/** What an instruction handler works on: the stage being built and the build around it. */
interface StageRun {
  request: BuildRequest;
  io: BuildIo;
  state: StageState;
  /** Finished stages, by index (for `COPY --from`). */
  results: (StageState | undefined)[];
  stageNames: (string | undefined)[];
  /** The context after .dockerignore. */
  filtered: BuildContext;
  buildArgs: ReadonlyMap<string, string>;
  metaArgs: ReadonlyMap<string, string | undefined>;
  secrets: ReadonlyMap<string, string>;
  now: () => Date;
  /** ENV, then ARG values in scope. */
  lookup: (key: string) => string | undefined;
  /** A config-only step: a history entry without a layer. */
  configStep: (ins: DockerfileInstruction, createdBy: string) => void;
  /** The progress label of the next layer step, `[stage 2/5] COPY ...`. */
  label: (ins: DockerfileInstruction) => string;
  /** The context is transferred once, at the first COPY that reads it. */
  contextLoaded: boolean;
}

interface BuildIo {
  name: string;
  log: string[];
  startVertex: (label: string) => number;
  done: (v: number, secs?: string) => void;
  warnings: BuildWarning[];
  npmInstalls: NpmInstallRecord[];
  secretsMounted: string[];
}

class BuildFailure extends Error {
  constructor(
    message: string,
    readonly instruction?: DockerfileInstruction,
    readonly stepLabel?: string,
    readonly output: string[] = [],
  ) {
    super(message);
    this.name = "BuildFailure";
  }
}

const STEP_KEYWORDS = new Set(["FROM", "RUN", "COPY", "ADD", "WORKDIR"]);

function goQuoteSlice(items: readonly string[]): string {
  return `[${items.map((s) => JSON.stringify(s)).join(" ")}]`;
}

function envLookup(env: readonly string[], key: string): string | undefined {
  for (const e of env) {
    const eq = e.indexOf("=");
    if (e.slice(0, eq) === key) return e.slice(eq + 1);
  }
  return undefined;
}

function setEnv(env: string[], key: string, value: string): string[] {
  const out = env.filter((e) => e.slice(0, e.indexOf("=")) !== key);
  const idx = env.findIndex((e) => e.slice(0, e.indexOf("=")) === key);
  if (idx === -1) out.push(`${key}=${value}`);
  else out.splice(idx, 0, `${key}=${value}`);
  return out;
}

/** BuildKit's excerpt of the Dockerfile around a failing instruction. */
function excerpt(name: string, lines: readonly string[], from: number, to: number): string {
  const first = Math.max(1, from - 2);
  const last = Math.min(lines.length, to + 2);
  let out = `${name}:${from === to ? from : `${from}-${to}`}\n--------------------\n`;
  for (let n = first; n <= last; n++) {
    const marker = n >= from && n <= to ? ">>>" : "   ";
    out += `${`${String(n).padStart(4)} | ${marker} ${lines[n - 1] ?? ""}`.trimEnd()}\n`;
  }
  return `${out}--------------------\n`;
}

export class ImageBuilder {
  private readonly cache = new Map<string, CachedStep>();
  private readonly images: ImageStore;
  private readonly clock: Clock;

  constructor(images: ImageStore, clock: Clock) {
    this.images = images;
    this.clock = clock;
  }

  async build(request: BuildRequest): Promise<BuildOutcome> {
    const name = request.dockerfileName ?? "Dockerfile";
    const log: string[] = [];
    let vertex = 0;
    const warnings: BuildWarning[] = [];
    const npmInstalls: NpmInstallRecord[] = [];
    const secretsMounted: string[] = [];
    const startVertex = (label: string): number => {
      vertex++;
      log.push(`#${vertex} ${label}`);
      return vertex;
    };
    const done = (v: number, secs = "0.0"): void => {
      log.push(`#${v} DONE ${secs}s`, "");
    };
    const finish = (ok: boolean, image: Image | undefined, errorText = ""): BuildOutcome => {
      let progress = `#0 building with "default" instance using docker driver\n\n${log.join("\n")}${log.length ? "\n" : ""}${errorText}`;
      const warn = formatWarnings(warnings);
      if (warn) progress += `${ok ? "" : ""}\n${warn}`;
      return { ok, image, progress, warnings, npmInstalls, secretsMounted };
    };

    const v1 = startVertex(`[internal] load build definition from ${name}`);
    log.push(`#${v1} transferring dockerfile: ${humanSize(new TextEncoder().encode(request.dockerfile).length)} done`);
    done(v1);

    let parsed: ParsedDockerfile;
    try {
      parsed = parseDockerfile(request.dockerfile);
    } catch (e) {
      if (!(e instanceof DockerfileParseError)) throw e;
      const where = e.line > 0 ? excerpt(name, request.dockerfile.split("\n"), e.line, e.line) : "";
      const msg = e.line > 0 ? `dockerfile parse error on line ${e.line}: ${e.message}` : e.message;
      return finish(false, undefined, `${where}ERROR: failed to build: failed to solve: ${msg}\n`);
    }

    try {
      const image = await this.run(request, parsed, {
        name,
        log,
        startVertex,
        done,
        warnings,
        npmInstalls,
        secretsMounted,
      });
      return finish(true, image);
    } catch (e) {
      if (!(e instanceof BuildFailure)) throw e;
      let text = "";
      if (e.stepLabel) {
        text += `------\n > ${e.stepLabel}:\n${e.output.map((l) => `${l}\n`).join("")}------\n`;
      }
      if (e.instruction) text += excerpt(name, parsed.lines, e.instruction.line, e.instruction.endLine);
      text += `ERROR: failed to build: failed to solve: ${e.message}\n`;
      return finish(false, undefined, text);
    }
  }

  private async run(
    request: BuildRequest,
    parsed: ParsedDockerfile,
    io: BuildIo,
  ): Promise<Image> {
    const buildArgs = request.buildArgs ?? new Map<string, string>();
    const secrets = request.secrets ?? new Map<string, string>();
    const now = (): Date => this.clock.now();

    // Split into the global scope (ARGs before the first FROM) and stages.
    const metaArgs = new Map<string, string | undefined>();
    const stages: { from: DockerfileInstruction; body: DockerfileInstruction[] }[] = [];
    for (const ins of parsed.instructions) {
      if (ins.keyword === "FROM") {
        stages.push({ from: ins, body: [] });
        continue;
      }
      if (stages.length === 0) {
        if (ins.keyword !== "ARG") throw new BuildFailure(`dockerfile parse error on line ${ins.line}: no build stage in current context`, ins);
        for (const { key, value } of splitKeyValues(ins.args)) {
          metaArgs.set(key, buildArgs.get(key) ?? (value === undefined ? undefined : expandBuildWord(value, (k) => metaArgs.get(k))));
        }
        continue;
      }
      stages.at(-1)!.body.push(ins);
    }

    const stageNames = stages.map((s) => {
      const m = /\s+as\s+(\S+)\s*$/i.exec(s.from.args);
      return m ? m[1]!.toLowerCase() : undefined;
    });
    let finalIndex = stages.length - 1;
    if (request.target) {
      finalIndex = stageNames.indexOf(request.target.toLowerCase());
      if (finalIndex === -1) throw new BuildFailure(`target stage "${request.target}" could not be found`);
    }

    // Only the stages the target depends on are built, as BuildKit does.
    const needed = new Set<number>();
    const need = (i: number): void => {
      if (needed.has(i)) return;
      needed.add(i);
      const st = stages[i]!;
      const baseRef = st.from.args.replace(/\s+as\s+\S+\s*$/i, "").trim();
      const baseIdx = stageNames.indexOf(baseRef.toLowerCase());
      if (baseIdx !== -1 && baseIdx < i) need(baseIdx);
      for (const ins of st.body) {
        const from = ins.flags.find((f) => f.name === "from")?.value;
        if (!from) continue;
        const idx = /^[0-9]+$/.test(from) ? Number(from) : stageNames.indexOf(from.toLowerCase());
        if (idx !== -1 && idx < i) need(idx);
      }
    };
    need(finalIndex);

    const multiStage = stages.length > 1;
    const results: (StageState | undefined)[] = [];
    const filtered = filterContext(request.context);
    let contextLoaded = false;
    let metadataShown = new Set<string>();
    const dockerignoreVertex = io.startVertex("[internal] load .dockerignore");
    io.log.push(`#${dockerignoreVertex} transferring context: ${humanSize(new TextEncoder().encode(request.context.get(".dockerignore") ?? "").length || 2)} done`);
    io.done(dockerignoreVertex);

    for (let si = 0; si < stages.length; si++) {
      if (!needed.has(si)) continue;
      const { from, body } = stages[si]!;
      const stageLabel = multiStage ? `${stageNames[si] ?? `stage-${si}`} ` : "";
      const steps = 1 + body.filter((b) => STEP_KEYWORDS.has(b.keyword)).length;
      let stepNo = 0;
      const label = (ins: DockerfileInstruction): string => `[${stageLabel}${++stepNo}/${steps}] ${ins.original}`;

      // FROM
      const fromRef = expandBuildWord(from.args.replace(/\s+as\s+\S+\s*$/i, "").trim(), (k) => metaArgs.get(k));
      if (!fromRef) throw new BuildFailure(`dockerfile parse error on line ${from.line}: FROM requires either one or three arguments`, from);
      const baseStageIdx = stageNames.indexOf(fromRef.toLowerCase());
      let state: StageState;
      if (baseStageIdx !== -1 && baseStageIdx < si) {
        const b = results[baseStageIdx]!;
        state = { ...b, name: stageNames[si], index: si, layers: [...b.layers], history: [...b.history], config: structuredCloneConfig(b.config), args: [], cmdSet: false };
        const v = io.startVertex(`[${stageLabel}1/${steps}] FROM ${fromRef}`);
        stepNo = 1;
        io.done(v);
      } else if (fromRef === "scratch") {
        state = { name: stageNames[si], index: si, layers: [], history: [], config: { Env: [], Cmd: null, Entrypoint: null, WorkingDir: "", User: "", Labels: null }, args: [], cmdSet: false, cacheKey: "scratch" };
        stepNo = 1;
      } else {
        const base = this.resolveBase(fromRef, from);
        const canonical = `docker.io/library/${normalizeReference(fromRef)}`;
        if (!metadataShown.has(canonical)) {
          metadataShown = new Set([...metadataShown, canonical]);
          const mv = io.startVertex(`[internal] load metadata for ${canonical}`);
          io.done(mv);
        }
        const v = io.startVertex(`[${stageLabel}1/${steps}] FROM ${canonical}@${base.repoDigests[0]?.split("@")[1] ?? base.id}`);
        stepNo = 1;
        io.done(v);
        state = {
          name: stageNames[si],
          index: si,
          layers: [...base.layers],
          history: base.history.map((h) => ({ ...h })),
          config: structuredCloneConfig(base.config),
          args: [],
          cmdSet: false,
          cacheKey: base.id,
        };
      }

      const argValue = (key: string): string | undefined => state.args.find((a) => a.key === key)?.value;
      const lookup = (key: string): string | undefined => envLookup(state.config.Env, key) ?? argValue(key);
      const configStep = (ins: DockerfileInstruction, createdBy: string): void => {
        state.history.push({ created: now(), createdBy, comment: "buildkit.dockerfile.v0", emptyLayer: true, size: 0 });
        state.cacheKey = fakeDigest(`${state.cacheKey}|${ins.keyword}|${createdBy}`);
      };
      const run: StageRun = { request, io, state, results, stageNames, filtered, buildArgs, metaArgs, secrets, now, lookup, configStep, label, contextLoaded };
      for (const ins of body) {
        const handler = this.handlers[ins.keyword] ?? this.handlers.default!;
        await handler(ins, run);
        contextLoaded = run.contextLoaded;
      }
      results[si] = state;
    }

    const final = results[finalIndex]!;
    const diffIds = final.layers.map((l) => l.diffId);
    const id = `sha256:${fakeDigest(JSON.stringify({ config: final.config, diffIds, history: final.history.map((h) => h.createdBy) }))}`;
    const existing = this.images.find(id);
    const image: Image = existing ?? {
      id,
      repoTags: [],
      repoDigests: [],
      created: final.history.at(-1)?.created ?? now(),
      config: final.config,
      layers: final.layers,
      history: final.history,
      architecture: "amd64",
      os: "linux",
    };
    const ev = io.startVertex("exporting to image");
    io.log.push(`#${ev} exporting layers done`, `#${ev} writing image ${id} done`);
    for (const t of request.tags) {
      this.images.add(image, t);
      io.log.push(`#${ev} naming to docker.io/library/${normalizeReference(t)} done`);
    }
    if (request.tags.length === 0) this.images.add(image);
    io.done(ev);
    return image;
  }

  /** One handler per Dockerfile instruction; anything else is recorded in history only. */
  private readonly handlers: Record<string, (ins: DockerfileInstruction, r: StageRun) => void | Promise<void>> = {
    ARG: (i, r) => this.arg(i, r),
    ENV: (i, r) => this.env(i, r),
    LABEL: (i, r) => this.labels(i, r),
    EXPOSE: (i, r) => this.expose(i, r),
    USER: (i, r) => this.user(i, r),
    STOPSIGNAL: (i, r) => this.stopSignal(i, r),
    CMD: (i, r) => this.cmdOrEntrypoint(i, r),
    ENTRYPOINT: (i, r) => this.cmdOrEntrypoint(i, r),
    WORKDIR: (i, r) => this.workdir(i, r),
    COPY: (i, r) => this.copy(i, r),
    ADD: (i, r) => this.copy(i, r),
    RUN: (i, r) => this.runStep(i, r),
    default: (i, r) => this.recordOnly(i, r),
  };

  /** ARG: a build arg in scope for the rest of the stage; `--build-arg` wins over its default. */
  private arg(ins: DockerfileInstruction, r: StageRun): void {
    const { io, state, lookup, configStep, buildArgs, metaArgs } = r;
    const parts: string[] = [];
    for (const { key, value } of splitKeyValues(ins.args)) {
      const w = secretsUsedInArgOrEnv("ARG", key, ins.line);
      if (w) io.warnings.push(w);
      let v: string | undefined;
      if (buildArgs.has(key)) v = buildArgs.get(key);
      else if (value !== undefined) v = expandBuildWord(value, lookup);
      else if (metaArgs.has(key)) v = metaArgs.get(key);
      state.args = [...state.args.filter((a) => a.key !== key), { key, value: v }];
      parts.push(v === undefined ? key : `${key}=${v}`);
    }
    configStep(ins, `ARG ${parts.join(" ")}`);
  }

  /** ENV: config only; both the `K=V` and the legacy `K value` forms. */
  private env(ins: DockerfileInstruction, r: StageRun): void {
    const { io, state, lookup, configStep } = r;
    let pairs = splitKeyValues(ins.args);
    if (pairs.length > 0 && pairs[0]!.value === undefined) {
      // Legacy form: ENV KEY value with spaces
      const sp = ins.args.search(/\s/);
      if (sp === -1) throw new BuildFailure(`dockerfile parse error on line ${ins.line}: ENV names can not be blank`, ins);
      pairs = [{ key: ins.args.slice(0, sp), value: ins.args.slice(sp).trim() }];
    }
    const parts: string[] = [];
    for (const { key, value } of pairs) {
      const w = secretsUsedInArgOrEnv("ENV", key, ins.line);
      if (w) io.warnings.push(w);
      const v = expandBuildWord(value ?? "", lookup);
      state.config.Env = setEnv(state.config.Env, key, v);
      parts.push(`${key}=${v}`);
    }
    configStep(ins, `ENV ${parts.join(" ")}`);
  }

  /** LABEL: merged into the image labels. */
  private labels(ins: DockerfileInstruction, r: StageRun): void {
    const { state, lookup, configStep } = r;
    const labels = { ...(state.config.Labels ?? {}) };
    const parts: string[] = [];
    for (const { key, value } of splitKeyValues(ins.args)) {
      labels[key] = expandBuildWord(value ?? "", lookup);
      parts.push(`${key}=${labels[key]}`);
    }
    state.config.Labels = labels;
    configStep(ins, `LABEL ${parts.join(" ")}`);
  }

  /** EXPOSE: ports recorded, as `map[80/tcp:{}]` in history. */
  private expose(ins: DockerfileInstruction, r: StageRun): void {
    const { state, configStep } = r;
    const ports = { ...(state.config.ExposedPorts ?? {}) };
    for (const p of ins.args.split(/\s+/).filter(Boolean)) ports[p.includes("/") ? p : `${p}/tcp`] = {};
    state.config.ExposedPorts = ports;
    configStep(ins, `EXPOSE map[${Object.keys(ports).map((p) => `${p}:{}`).join(" ")}]`);
  }

  /** USER: later RUN steps and the container run as this user. */
  private user(ins: DockerfileInstruction, r: StageRun): void {
    const { state, lookup, configStep } = r;
    state.config.User = expandBuildWord(ins.args, lookup);
    configStep(ins, `USER ${state.config.User}`);
  }

  /** STOPSIGNAL: config only. */
  private stopSignal(ins: DockerfileInstruction, r: StageRun): void {
    const { state, configStep } = r;
    state.config.StopSignal = ins.args;
    configStep(ins, `STOPSIGNAL ${ins.args}`);
  }

  /** CMD and ENTRYPOINT: a new ENTRYPOINT drops a CMD inherited from the base image. */
  private cmdOrEntrypoint(ins: DockerfileInstruction, r: StageRun): void {
    const { state, configStep } = r;
    const argv = ins.json ?? ["/bin/sh", "-c", ins.args];
    if (ins.keyword === "CMD") {
      state.config.Cmd = argv;
      state.cmdSet = true;
    } else {
      state.config.Entrypoint = argv;
      // A new ENTRYPOINT drops a CMD inherited from the base image.
      if (!state.cmdSet) state.config.Cmd = null;
    }
    configStep(ins, `${ins.keyword} ${goQuoteSlice(argv)}`);
  }

  /** WORKDIR: a layer with the directory, and the working directory of later steps. */
  private async workdir(ins: DockerfileInstruction, r: StageRun): Promise<void> {
    const { io, state, lookup, label, request, now } = r;
    const dir = resolvePath(state.config.WorkingDir || "/", expandBuildWord(ins.args, lookup));
    state.config.WorkingDir = dir;
    const stepLabel = label(ins);
    const key = fakeDigest(`${state.cacheKey}|WORKDIR|${dir}`);
    await this.step(io, stepLabel, key, request.noCache, state, async () => {
      const fs = new LayeredFs(state.layers, [], now);
      fs.mkdir(dir, { parents: true });
      return { layer: this.layerFrom(fs.upper), createdBy: `WORKDIR ${dir}`, output: [] };
    });
  }

  /** COPY and ADD: files from the context (or `--from` a stage or image), `--chown`, `--chmod`. */
  private async copy(ins: DockerfileInstruction, r: StageRun): Promise<void> {
    const { io, state, lookup, label, request, now, filtered, results, stageNames } = r;
    const stepLabel = label(ins);
    const args = ins.json ?? ins.args.split(/\s+/).filter(Boolean);
    if (args.length < 2) {
      throw new BuildFailure(`dockerfile parse error on line ${ins.line}: ${ins.keyword} requires at least two arguments, but only one was provided. Destination could not be determined`, ins);
    }
    const sources = args.slice(0, -1).map((s) => expandBuildWord(s, lookup));
    const destRaw = expandBuildWord(args.at(-1)!, lookup);
    const fromFlag = ins.flags.find((f) => f.name === "from")?.value;
    const chown = ins.flags.find((f) => f.name === "chown")?.value;
    const chmod = ins.flags.find((f) => f.name === "chmod")?.value;
    let sourceFiles: ReadonlyMap<string, string> = filtered;
    let fromAbsolute = false;
    if (fromFlag) {
      const idx = /^[0-9]+$/.test(fromFlag) ? Number(fromFlag) : stageNames.indexOf(fromFlag.toLowerCase());
      const src = idx !== -1 ? results[idx] : undefined;
      let layers: Layer[];
      if (src) layers = src.layers;
      else layers = this.resolveBase(fromFlag, ins).layers;
      const files = collectFiles(new LayeredFs(layers, [], now), "/");
      sourceFiles = new Map([...files].map(([p, c]) => [p.slice(1), c]));
      fromAbsolute = true;
    } else if (!r.contextLoaded) {
      r.contextLoaded = true;
      const cv = io.startVertex("[internal] load build context");
      io.log.push(`#${cv} transferring context: ${humanSize(contextSize(filtered))} done`);
      io.done(cv);
    }
    const selections: { files: Map<string, string>; single: boolean }[] = [];
    for (const s of sources) {
      const sel = selectSources(sourceFiles, s);
      if (!sel) {
        const shown = fromAbsolute ? s : `/${s.replace(/^\.?\//, "")}`;
        throw new BuildFailure(`failed to compute cache key: failed to calculate checksum of ref ${fakeDigest(s).slice(0, 25)}::${fakeDigest(shown).slice(0, 25)}: "${shown}": not found`, ins, stepLabel);
      }
      selections.push({ files: sel, single: sourceFiles.has(s.replace(/^\.?\/+/, "").replace(/^\/+/, "")) });
    }
    const destAbs = resolvePath(state.config.WorkingDir || "/", destRaw);
    const destIsDir = destRaw.endsWith("/") || destRaw === "." || sources.length > 1 || selections.some((x) => !x.single);
    const owner = chown ? this.owner(chown, state.layers, ins) : { uid: 0, gid: 0 };
    const mode = chmod ? parseInt(chmod, 8) : undefined;
    const contentKey = selections.map((x) => [...x.files].map(([p, c]) => `${p}=${fakeDigest(c)}`).join(",")).join(";");
    const key = fakeDigest(`${state.cacheKey}|COPY|${destAbs}|${chown ?? ""}|${chmod ?? ""}|${contentKey}`);
    await this.step(io, stepLabel, key, request.noCache, state, async () => {
      const fs = new LayeredFs(state.layers, [], now);
      for (const sel of selections) {
        for (const [rel, content] of sel.files) {
          const target = destIsDir ? resolvePath(destAbs, rel) : destAbs;
          fs.writeFile(target, content, { parents: true, uid: owner.uid, gid: owner.gid, mode });
        }
      }
      return { layer: this.layerFrom(fs.upper), createdBy: `${ins.keyword} ${sources.join(" ")} ${destRaw} # buildkit`, output: [] };
    });
  }

  /** RUN: the command in the stage's file system, as the stage's USER, with its secret mounts for this step only. */
  private async runStep(ins: DockerfileInstruction, r: StageRun): Promise<void> {
    const { io, state, label, request, now, secrets } = r;
    const stepLabel = label(ins);
    const mounts: SecretMountSpec[] = [];
    for (const f of ins.flags) {
      if (f.name === "mount") {
        const parsedMount = parseRunMount(f.value);
        if (!parsedMount.ok) throw new BuildFailure(`dockerfile parse error on line ${ins.line}: ${parsedMount.error}`, ins);
        if (parsedMount.value.type === "secret") mounts.push(parsedMount.value);
      } else if (f.name !== "network" && f.name !== "security") {
        throw new BuildFailure(`dockerfile parse error on line ${ins.line}: unknown flag: ${f.name}`, ins);
      }
    }
    const argv = ins.json ?? ["/bin/sh", "-c", ins.args];
    // Build args in scope prefix the command in history: "RUN |1 NPM_TOKEN=... /bin/sh -c ...".
    const argPairs = state.args.map((a) => `${a.key}=${envLookup(state.config.Env, a.key) ?? a.value ?? ""}`);
    const createdBy = `RUN ${argPairs.length ? `|${argPairs.length} ${argPairs.join(" ")} ` : ""}${argv.join(" ")} # buildkit`;
    // Secret values are deliberately not part of the cache key (docs: build/cache/invalidation).
    const key = fakeDigest(`${state.cacheKey}|${createdBy}|${mounts.map((m) => `${m.id}>${m.target ?? ""}>${m.env ?? ""}`).join(",")}`);
    await this.step(io, stepLabel, key, request.noCache, state, async () => {
      const fsMounts: FsMount[] = [];
      const env = new Map<string, string>();
      for (const e of state.config.Env) env.set(e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1));
      for (const a of state.args) if (!env.has(a.key) && a.value !== undefined) env.set(a.key, a.value);
      for (const m of mounts) {
        const value = secrets.get(m.id);
        if (value === undefined) {
          if (m.required) throw new BuildFailure(`secret ${m.id}: not found`, ins, stepLabel);
          continue;
        }
        io.secretsMounted.push(m.id);
        if (m.target) {
          const tmp = new MemoryFs(now);
          tmp.writeFile("/secret", value, { mode: m.mode, uid: m.uid, gid: m.gid });
          fsMounts.push({ target: m.target, fs: tmp, sourcePath: "/secret", readOnly: true });
        }
        if (m.env) env.set(m.env, value);
      }
      const fs = new LayeredFs(state.layers, fsMounts, now);
      const registry = createRegistry(containerCommands((r) => io.npmInstalls.push(r)));
      const cwd = state.config.WorkingDir || "/";
      if (!fs.stat(cwd)) fs.mkdir(cwd, { parents: true });
      // The step runs as the stage's USER, looked up in the stage's own /etc/passwd: after
      // `USER node`, a secret mounted 0400 for root cannot be read unless the mount sets uid.
      const user = resolveUser(state.config.User, fs);
      if (!user.ok) throw new BuildFailure(user.error, ins, stepLabel);
      const stepFs = user.value.uid === 0 ? fs : new AccessFs(fs, user.value);
      const shell = new ShellInterpreter({ fs: stepFs, commands: registry, flavor: "busybox", cwd, env, user: user.value });
      const result = ins.json
        ? await runArgv(shell, ins.json)
        : await shell.run(ins.args);
      const output = `${result.stdout}${result.stderr}`.split("\n").filter((l, i, arr) => l !== "" || i < arr.length - 1).filter((l) => l !== "");
      const timed = output.map((l, i) => `${(0.312 + i * 0.004).toFixed(3)} ${l}`);
      if (result.exitCode !== 0) {
        throw new BuildFailure(`process "${argv.join(" ")}" did not complete successfully: exit code: ${result.exitCode}`, ins, stepLabel, timed);
      }
      return { layer: this.layerFrom(fs.upper), createdBy, output: timed };
    });
  }

  /** HEALTHCHECK, SHELL, VOLUME, ONBUILD, MAINTAINER: recorded, not modelled. */
  private recordOnly(ins: DockerfileInstruction, r: StageRun): void {
    const { configStep } = r;
    // HEALTHCHECK, SHELL, VOLUME, ONBUILD, MAINTAINER: recorded, not modelled.
    configStep(ins, `${ins.keyword} ${ins.args}`);
  }

  /** Run one layer-producing step, or reuse its cached result. */
  private async step(
    io: { log: string[]; startVertex: (label: string) => number; done: (v: number, secs?: string) => void },
    stepLabel: string,
    key: string,
    noCache: boolean | undefined,
    state: StageState,
    exec: () => Promise<{ layer: Layer; createdBy: string; output: string[] }>,
  ): Promise<void> {
    const v = io.startVertex(stepLabel);
    const cached = noCache ? undefined : this.cache.get(key);
    if (cached) {
      io.log.push(`#${v} CACHED`, "");
      state.history.push(cached.history);
      if (cached.layer) state.layers.push(cached.layer);
      state.cacheKey = key;
      return;
    }
    try {
      const { layer, createdBy, output } = await exec();
      for (const line of output) io.log.push(`#${v} ${line}`);
      const history: HistoryEntry = { created: this.clock.now(), createdBy, comment: "buildkit.dockerfile.v0", emptyLayer: false, size: layer.size };
      state.history.push(history);
      state.layers.push(layer);
      state.cacheKey = key;
      this.cache.set(key, { layer, history, output });
      io.done(v, output.length ? "0.5" : "0.0");
    } catch (e) {
      if (e instanceof BuildFailure) {
        for (const line of e.output) io.log.push(`#${v} ${line}`);
        io.log.push(`#${v} ERROR: ${e.message}`, "");
      }
      throw e;
    }
  }

  private layerFrom(upper: LayerDiff): Layer {
    const files = new Map(upper);
    let extra = 0;
    // Give simulated node_modules a believable weight in `docker history`.
    for (const path of files.keys()) if (/\/node_modules\/[^/]+(\/[^/]+)?\/package\.json$/.test(path)) extra += 1_843_200;
    const serial = [...files].map(([p, e]) => `${p}:${e ? `${e.mode}:${e.uid}:${e.content}` : "-"}`).join("\n");
    return { diffId: `sha256:${fakeDigest(serial)}`, files, size: diffSize(files) + extra };
  }

  private resolveBase(ref: string, ins: DockerfileInstruction): Image {
    const local = this.images.find(ref);
    if (local) return local;
    try {
      return this.images.pull(ref).image;
    } catch (e) {
      if (!(e instanceof DaemonError)) throw e;
      const canonical = `docker.io/library/${normalizeReference(ref)}`;
      const { repo, tag } = parseReference(ref);
      throw new BuildFailure(`${repo}:${tag}: failed to resolve source metadata for ${canonical}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`, ins);
    }
  }

  /**
   * `--chown=user:group` as BuildKit resolves it: names in the stage's own /etc/passwd and
   * /etc/group (fs/accounts.ts), numbers as they are; no group means the user's primary group.
   */
  private owner(spec: string, layers: Layer[], ins: DockerfileInstruction): { uid: number; gid: number } {
    const [u = "", g] = spec.split(":");
    const fs = new LayeredFs(layers);
    const numeric = (s: string): boolean => /^[0-9]+$/.test(s);
    const user = u ? findUser(fs, u) : undefined;
    if (u && !user && !numeric(u)) throw new BuildFailure(`unable to convert uid/gid chown string to host mapping: can't find uid for user ${u}: no such user: ${u}`, ins);
    const uid = user ? user.uid : Number(u || 0);
    if (g === undefined || g === "") return { uid, gid: user ? user.gid : uid };
    const group = findGroup(fs, g);
    if (!group && !numeric(g)) throw new BuildFailure(`unable to convert uid/gid chown string to host mapping: can't find gid for group ${g}: no such group: ${g}`, ins);
    return { uid, gid: group ? group.gid : Number(g) };
  }

}

function structuredCloneConfig(c: ImageConfig): ImageConfig {
  return {
    ...c,
    Env: [...c.Env],
    Cmd: c.Cmd ? [...c.Cmd] : null,
    Entrypoint: c.Entrypoint ? [...c.Entrypoint] : null,
    Labels: c.Labels ? { ...c.Labels } : null,
    ...(c.ExposedPorts ? { ExposedPorts: { ...c.ExposedPorts } } : {}),
  };
}

/** Exec-form RUN: no shell, argv straight to the command. */
async function runArgv(shell: ShellInterpreter, argv: readonly string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
  return shell.run(quoted);
}

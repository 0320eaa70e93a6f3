/**
 * The leak surfaces of one run, as texts to scan, for one secret. Each text knows its surface and a
 * learner-facing location. What is left out is the secret's rightful place, and only that:
 * - the request header named by an `api-received-secret` check for this secret, on that API only;
 * - the vault versions the scenario itself filled with this secret;
 * - virtual files the grader planted (or rotated), while they still hold exactly what was planted.
 * Everything else a run left behind is a surface.
 */
import type { LeakSurface, SecretDestination } from "../schemas/exercise-scenario.ts";
import type { RunEvidence } from "./evidence.ts";
import { referencesSecret } from "./placeholders.ts";
import type { BuiltImage } from "./types.ts";

export interface SurfaceText {
  surface: LeakSurface;
  location: string;
  text: string;
  /** Error output whose stack frames can point at a learner line. */
  hasStackTraces?: boolean;
  /** Why a secret here is a leak, for learners, when the place alone does not make it plain. */
  note?: string;
}

/** The header name a destination uses, lower case. */
export function destinationHeader(where: SecretDestination): string {
  return where === "authorization-bearer" ? "authorization" : where.header.toLowerCase();
}

function exemptHeaders(evidence: RunEvidence, secret: string): Map<string, Set<string>> {
  const byApi = new Map<string, Set<string>>();
  for (const check of evidence.scenario.checks) {
    if ((check.kind === "api-received-secret" || check.kind === "rotation-picked-up") && check.secret === secret) {
      const set = byApi.get(check.api) ?? new Set<string>();
      set.add(destinationHeader(check.where));
      byApi.set(check.api, set);
    }
  }
  return byApi;
}

/** `vault/secret` names (lower case) whose versions the scenario filled with `secret`. */
function vaultHomes(evidence: RunEvidence, secret: string): Set<string> {
  const homes = new Set<string>();
  const vaults = (evidence.scenario.vault?.["vaults"] ?? []) as Array<{ name: string; secrets?: Array<{ name: string; versions?: Array<{ value?: unknown }> }> }>;
  for (const vault of vaults) {
    for (const item of vault.secrets ?? []) {
      if ((item.versions ?? []).some((v) => typeof v.value === "string" && referencesSecret(v.value, secret))) homes.add(`${vault.name}/${item.name}`.toLowerCase());
    }
  }
  return homes;
}

function requestSurfaces(evidence: RunEvidence, secret: string): SurfaceText[] {
  const exempt = exemptHeaders(evidence, secret);
  const texts: SurfaceText[] = [];
  for (const exchange of evidence.world.exchanges) {
    const request = `${exchange.method} ${exchange.url}`;
    texts.push({ surface: "request-url", location: `the URL of ${request}`, text: exchange.url });
    const skip = exchange.api ? exempt.get(exchange.api) : undefined;
    const headers = Object.entries(exchange.headers)
      .filter(([name]) => !skip?.has(name.toLowerCase()))
      .map(([name, value]) => `${name}: ${value}`)
      .join("\n");
    if (headers) texts.push({ surface: "request-headers", location: `the headers of ${request}`, text: headers });
    if (exchange.body) texts.push({ surface: "request-body", location: `the body of ${request}`, text: exchange.body });
  }
  return texts;
}

function vaultSurfaces(evidence: RunEvidence, secret: string): SurfaceText[] {
  const engine = evidence.world.vault;
  if (!engine) return [];
  const homes = vaultHomes(evidence, secret);
  const own = new Set(evidence.canaries.of(secret).map((canary) => canary.value));
  const texts: SurfaceText[] = [];
  for (const name of engine.vaultNames()) {
    const snapshot = engine.snapshot(name);
    const items = [...snapshot.secrets.map((s) => ({ name: s.name, versions: s.versions })), ...snapshot.deleted.map((d) => ({ name: d.name, versions: [d.latest] }))];
    for (const item of items) {
      const home = homes.has(`${name}/${item.name}`.toLowerCase());
      const where = `vault ${name}, secret ${item.name}`;
      texts.push({ surface: "vault", location: `the name of ${where}`, text: item.name });
      for (const version of item.versions) {
        if (version.tags) texts.push({ surface: "vault", location: `the tags of ${where}`, text: Object.entries(version.tags).map(([k, v]) => `${k}=${v}`).join("\n") });
        if (version.contentType) texts.push({ surface: "vault", location: `the content type of ${where}`, text: version.contentType });
        // The value is the secret's home when the scenario put it there, and only with the value it planted.
        if (!(home && own.has(version.value))) texts.push({ surface: "vault", location: `the value of ${where}`, text: version.value });
      }
    }
  }
  return texts;
}

function dockerSurfaces(evidence: RunEvidence): SurfaceText[] {
  const docker = evidence.docker;
  if (!docker) return [];
  const texts: SurfaceText[] = [];
  for (const command of docker.commands) {
    if (!command.skipped) texts.push({ surface: "docker-output", location: `the output of \`${command.command}\``, text: `${command.stdout}\n${command.stderr}` });
  }
  for (const image of docker.images) {
    texts.push({ surface: "docker-history", location: `docker history of ${image.ref}`, text: image.history.stdout });
    texts.push({ surface: "docker-inspect", location: `docker image inspect ${image.ref} (image config)`, text: image.inspect.stdout });
  }
  for (const container of docker.containers) {
    texts.push({ surface: "docker-inspect", location: `docker inspect ${container.name}`, text: container.inspect.stdout });
    texts.push({ surface: "container-logs", location: `docker logs ${container.name}`, text: `${container.logs.stdout}\n${container.logs.stderr}` });
    texts.push({ surface: "proc-environ", location: `/proc/1/environ in ${container.name}`, text: container.environ.stdout.replace(/\0/g, "\n") });
  }
  texts.push(...imageLayerSurfaces(docker.builtImages));
  return texts;
}

/** A history step as the Dockerfile line it came from: `RUN rm .npmrc`, not `RUN /bin/sh -c rm .npmrc # buildkit`. */
export function layerInstruction(createdBy: string, max = 60): string {
  const line = createdBy
    .replace(/\s+# buildkit$/, "")
    .replace(/^RUN (?:\|\d+ .*?)?\/bin\/sh -c /, "RUN ")
    .replace(/\s+/g, " ")
    .trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

function isWithin(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir === "/" ? "/" : `${dir}/`);
}

/**
 * Every file of every layer, once per layer (an image rebuilt from cache shares its layers), each
 * with a note saying what a later layer did to it: the lesson is that it is still there.
 */
function imageLayerSurfaces(images: readonly BuiltImage[]): SurfaceText[] {
  const texts: SurfaceText[] = [];
  const seen = new Set<string>();
  for (const image of images) {
    const name = image.tags[0] ?? `the untagged image ${image.id.replace(/^sha256:/, "").slice(0, 12)}`;
    image.layers.forEach((layer, index) => {
      if (seen.has(layer.diffId)) return;
      seen.add(layer.diffId);
      const step = `layer ${index + 1} (${layerInstruction(layer.createdBy)})`;
      for (const [path, text] of Object.entries(layer.files)) {
        texts.push({ surface: "image-layers", location: `${step} of ${name}: ${path}`, text, note: layerNote(image, index, path) });
      }
    });
  }
  return texts;
}

function layerNote(image: BuiltImage, index: number, path: string): string {
  const fix = "Keep the secret out of every layer: mount it for the one step that needs it (RUN --mount=type=secret) and do not write it to a file of the image.";
  for (let later = index + 1; later < image.layers.length; later++) {
    const layer = image.layers[later]!;
    const step = `layer ${later + 1} (${layerInstruction(layer.createdBy)})`;
    const deleted = layer.deleted.some((gone) => isWithin(path, gone));
    if (deleted) {
      return `${capitalizeFirst(step)} deletes ${path}, but deleting a file in a later layer does not remove it from the image: every layer ships with the image, and anyone who can pull it gets the file back with docker save, which unpacks each layer. ${fix}`;
    }
    if (path in layer.files) {
      return `${capitalizeFirst(step)} overwrites ${path}, but overwriting a file in a later layer does not remove the old copy from the image: every layer ships with the image, and docker save unpacks each one. ${fix}`;
    }
  }
  return `The file is in the image: anyone who can pull it reads the secret (docker run, or docker save for every layer). ${fix}`;
}

function capitalizeFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Every surface text of the run for `secret`, filtered to `surfaces`. */
export function collectSurfaces(evidence: RunEvidence, secret: string, surfaces: readonly LeakSurface[] | "all"): SurfaceText[] {
  const texts: SurfaceText[] = [];
  const program = evidence.program;
  if (program) {
    texts.push({ surface: "stdout", location: "the program's output (stdout)", text: program.stdout });
    texts.push({ surface: "stderr", location: "the program's error output (stderr)", text: program.stderr, hasStackTraces: true });
    const planted = { ...evidence.world.virtualFiles };
    for (const [path, text] of Object.entries(program.writtenFiles)) {
      const absolute = path.startsWith("/") ? path : `/app/${path}`;
      if (planted[absolute] === text || evidence.world.rotatedFiles[absolute] === text) continue;
      texts.push({ surface: "files", location: `the file ${absolute} the program wrote`, text });
    }
  }
  texts.push(...requestSurfaces(evidence, secret), ...vaultSurfaces(evidence, secret), ...dockerSurfaces(evidence));
  return surfaces === "all" ? texts : texts.filter((t) => surfaces.includes(t.surface));
}

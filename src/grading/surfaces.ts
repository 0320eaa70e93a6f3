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

export interface SurfaceText {
  surface: LeakSurface;
  location: string;
  text: string;
  /** Error output whose stack frames can point at a learner line. */
  hasStackTraces?: boolean;
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
  return texts;
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

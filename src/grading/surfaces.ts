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
  surface: LeakSurface | (string & {});
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

/** Headers that are the secret's rightful place, by mock API label: every provider's say. */
function exemptHeaders(evidence: RunEvidence, secret: string): Map<string, Set<string>> {
  const byApi = new Map<string, Set<string>>();
  for (const world of evidence.world.providers.values()) {
    for (const { api, header } of world.rightfulHeaders?.(secret) ?? []) {
      const set = byApi.get(api) ?? new Set<string>();
      set.add(header);
      byApi.set(api, set);
    }
  }
  return byApi;
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
  texts.push(...requestSurfaces(evidence, secret));
  for (const world of evidence.world.providers.values()) texts.push(...(world.surfaces?.(secret, evidence) ?? []));
  return surfaces === "all" ? texts : texts.filter((t) => surfaces.includes(t.surface));
}

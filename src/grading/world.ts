/**
 * The simulated world of one grading run, built from the scenario with canaries in place of the
 * secrets: each provider the scenario uses builds its part (mock APIs, vaults, a Docker host...)
 * and plugs its hosts into the grader's network (every request recorded); env and virtual files
 * are filled in; the rotation hooks are set. Requests to a host that does not exist are recorded
 * too: a secret sent there is a leak. `dispose()` unplugs the hosts.
 */
import type { ExerciseScenario } from "../schemas/exercise-scenario.ts";
import type { RequestHandler, SimulatedNetwork } from "../runtime/index.ts";
import { providersOf } from "../providers/registry.ts";
import type { GradingFacet, ProviderGradingWorld } from "../providers/types.ts";
import type { CanarySet } from "./canary.ts";
import { fillPlaceholders, type PlaceholderValues } from "./placeholders.ts";
import { ROTATION_HOST, rotatedVirtualFiles } from "./rotation.ts";
import { GradingSetupError, type GradingDeps } from "./types.ts";

export { ROTATION_HOST, rotationHarness } from "./rotation.ts";

/** How long the rotation waits for a program that sends no request at all. */
const READY_FALLBACK_MS = 3_000;

/** A request some host received (or a host that does not exist was sent), in arrival order. */
export interface RecordedExchange {
  /** Arrival order across all hosts; compares with the rotation's. */
  seq: number;
  host: string;
  /** Set when the host is one of the scenario's mock APIs. */
  api?: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The status answered; 0 when no such host exists (the program's fetch failed). */
  status: number;
}

export interface GradingWorld {
  env: Record<string, string>;
  /** Absolute path -> content, as planted. */
  virtualFiles: Record<string, string>;
  /** Absolute path -> content after the rotation (only files that change). */
  rotatedFiles: Record<string, string>;
  /** The world of each provider the scenario uses, by provider id. */
  providers: ReadonlyMap<string, ProviderGradingWorld>;
  /** The grading facet of each provider the scenario uses or whose checks it has, by id. */
  facets: ReadonlyMap<string, GradingFacet<never, unknown, { kind: string }>>;
  exchanges: RecordedExchange[];
  /** The sequence number at which the rotation happened, once it has. */
  rotation: { seq: number; atMs: number } | undefined;
  /** Marks time zero of the program for `rotation.atMs`. */
  markProgramStart(): void;
  /** Placeholder values with the canaries of this run. */
  values: PlaceholderValues;
  beforeProgram(): Promise<void>;
  afterProgram(): Promise<void>;
  dispose(): void;
}

/** Values for `{{secret:...}}` from the canaries, and for every other kind from the provider that fills it. */
function placeholderValues(canaries: CanarySet, worlds: () => ReadonlyMap<string, ProviderGradingWorld>, pick: "initial" | "rotated", rotatedSecret?: string): PlaceholderValues {
  const other = (kind: string, name: string): string => {
    for (const world of worlds().values()) {
      const fill = world.placeholders?.[kind];
      if (fill) return fill(name);
    }
    throw new GradingSetupError([`{{${kind}:${name}}} needs the provider that fills it (a 'vault' for vault-token)`]);
  };
  return {
    secret: (name) => (pick === "rotated" && name === rotatedSecret ? canaries.rotated(name)! : canaries.initial(name)).value,
    vaultToken: (identity) => other("vault-token", identity),
  };
}

/**
 * `down`: hosts that refuse every connection in this run (a run variant's "the provider is down"):
 * the request is recorded (it left the program) and the program's fetch fails as Node's does.
 */
export async function buildWorld(scenario: ExerciseScenario, canaries: CanarySet, deps: GradingDeps, learnerFiles: Record<string, string>, down: readonly string[] = []): Promise<GradingWorld> {
  const network: SimulatedNetwork = deps.network;
  const rotatedSecret = scenario.rotation?.secret;
  const worlds = new Map<string, ProviderGradingWorld>();
  const facets = new Map<string, GradingFacet<never, unknown, { kind: string }>>();
  const values = placeholderValues(canaries, () => worlds, "initial");
  const rotatedValues = placeholderValues(canaries, () => worlds, "rotated", rotatedSecret);

  const exchanges: RecordedExchange[] = [];
  let seq = 0;
  let programStart = 0;
  const hosts: string[] = [];
  const world: GradingWorld = {
    env: {},
    virtualFiles: {},
    rotatedFiles: {},
    providers: worlds,
    facets,
    exchanges,
    rotation: undefined,
    markProgramStart: () => {
      programStart = performance.now();
    },
    values,
    beforeProgram: async () => {
      for (const part of worlds.values()) await part.beforeProgram?.();
    },
    afterProgram: async () => {
      for (const part of worlds.values()) await part.afterProgram?.();
    },
    dispose: () => {
      clearTimeout(fallback);
      spoke();
      for (const host of hosts) network.removeHost(host);
      network.onUnknownHost = undefined;
      for (const part of worlds.values()) part.dispose?.();
    },
  };

  // Every host records what it received, with one sequence shared by all hosts and the rotation,
  // so checks can tell "before" from "after". The sequence number is taken before the handler
  // runs: requests arrive in the order the program sent them.
  // The rotation waits for the program's first request to an API a check compares before and after
  // it (the harness asks /ready): on a slow or loaded machine the program may not have used the old
  // value by `atMs`. Only those APIs count: a program reads its vault first, and a rotation landing
  // between the vault read and the first charge failed a correct program at load 14. A program that
  // never sends one is rotated after READY_FALLBACK_MS all the same.
  const comparedApis = new Set<string>(scenario.checks.flatMap((check) => (check.kind === "rotation-picked-up" ? [check.api] : [])));
  let spoke: () => void = () => {};
  const programSpoke = new Promise<void>((resolve) => (spoke = resolve));
  let fallback: ReturnType<typeof setTimeout> | undefined;
  const record = async (request: Request, host: string, api: string | undefined, answer: () => Promise<number>): Promise<void> => {
    if (api !== undefined && comparedApis.has(api)) spoke();
    const number = ++seq;
    const body = request.method === "GET" || request.method === "HEAD" ? "" : await request.clone().text().catch(() => "");
    const status = await answer();
    exchanges.push({ seq: number, host, ...(api ? { api } : {}), method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body, status });
    exchanges.sort((a, b) => a.seq - b.seq);
  };
  const refused = new Set(down.map((host) => host.toLowerCase()));
  const plug = (host: string, handler: RequestHandler, api?: string): void => {
    hosts.push(host);
    if (refused.has(host.toLowerCase())) {
      // Down: recorded (the request left the program), then fetch fails as Node's does when refused.
      network.addHost(host, async (request) => {
        await record(request, host, api, async () => 0);
        throw new TypeError("fetch failed", { cause: new Error(`connect ECONNREFUSED ${new URL(request.url).host}`) });
      });
      return;
    }
    network.addHost(host, async (request) => {
      let response: Response | undefined;
      await record(request, host, api, async () => (response = await handler(request)).status);
      return response!;
    });
  };
  // A secret sent to a host that does not exist still left the program: it is a surface too.
  network.onUnknownHost = (request) => record(request, new URL(request.url).hostname, undefined, async () => 0);

  // Each provider's part, in registry order; a provider whose checks the scenario has but whose
  // fields it does not give (a static Dockerfile check) gets its facet loaded, not a world.
  for (const provider of providersOf(scenario)) {
    const facet = (await provider.grading?.())?.grading;
    if (!facet) continue;
    facets.set(provider.id, facet);
    const fragment = Object.fromEntries(Object.keys(provider.scenarioFields).map((field) => [field, (scenario as Record<string, unknown>)[field]]));
    const part = await facet.createWorld?.({ fragment: fragment as never, scenario, values, rotatedValues, plug, learnerFiles, deps });
    if (part) worlds.set(provider.id, part);
  }
  // A host that is down but no provider's (a third-party API the program calls) is refused all the same.
  for (const host of refused) if (!hosts.some((h) => h.toLowerCase() === host)) plug(host, async () => new Response(null, { status: 503 }));
  // Filled once every provider is there: `{{vault-token:...}}` is minted by the vault.
  world.env = Object.fromEntries(Object.entries(scenario.env).map(([name, value]) => [name, fillPlaceholders(value, values)]));
  world.virtualFiles = Object.fromEntries(Object.entries(scenario.virtualFiles).map(([path, text]) => [path, fillPlaceholders(text, values)]));
  if (rotatedSecret) world.rotatedFiles = rotatedVirtualFiles(scenario.virtualFiles, rotatedSecret, rotatedValues);

  if (rotatedSecret && scenario.rotation) {
    hosts.push(ROTATION_HOST);
    network.addHost(ROTATION_HOST, async (request) => {
      if (new URL(request.url).pathname === "/ready") {
        // Asked only when a check compares requests before and after the rotation (run-program.ts).
        fallback ??= setTimeout(spoke, READY_FALLBACK_MS);
        await programSpoke;
        return new Response(null, { status: 204 });
      }
      if (!world.rotation) {
        world.rotation = { seq: ++seq, atMs: Math.round(performance.now() - programStart) };
        for (const part of worlds.values()) part.rotate?.();
      }
      return new Response(null, { status: 204 });
    });
  }
  return world;
}

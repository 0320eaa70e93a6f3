/**
 * The simulated world of one grading run, built from the scenario with canaries in place of the
 * secrets: mock APIs and vaults plugged into the grader's network (every request recorded), env and
 * virtual files filled in, and the rotation hooks. `dispose()` unplugs the hosts.
 */
import type { ExerciseScenario, MockApiName } from "../schemas/exercise-scenario.ts";
import { createPaymentsApi, PAYMENTS_API_HOST, type RequestHandler, type SimulatedNetwork } from "../runtime/index.ts";
import { createEngineFromScenario, ScenarioError, type VaultEngine } from "../vault/index.ts";
import { createAzureHosts } from "../runtime/azure/host/index.ts";
import type { CanarySet } from "./canary.ts";
import { fillPlaceholders, fillPlaceholdersDeep, type PlaceholderValues } from "./placeholders.ts";
import { ROTATION_HOST, rotatedVirtualFiles, rotateVault } from "./rotation.ts";
import { GradingSetupError } from "./types.ts";

export { ROTATION_HOST, rotationHarness } from "./rotation.ts";

/** A request some mock host received, in arrival order. */
export interface RecordedExchange {
  /** Arrival order across all hosts; compares with the rotation's. */
  seq: number;
  host: string;
  /** Set when the host is one of the scenario's mock APIs. */
  api?: MockApiName;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  status: number;
}

const API_HOSTS: Record<MockApiName, string> = { payments: PAYMENTS_API_HOST };
const KEY_VAULT_SCOPE = "https://vault.azure.net/.default";

export interface GradingWorld {
  env: Record<string, string>;
  /** Absolute path -> content, as planted. */
  virtualFiles: Record<string, string>;
  /** Absolute path -> content after the rotation (only files that change). */
  rotatedFiles: Record<string, string>;
  vault: VaultEngine | undefined;
  exchanges: RecordedExchange[];
  /** The sequence number at which the rotation happened, once it has. */
  rotation: { seq: number; atMs: number } | undefined;
  /** Marks time zero of the program for `rotation.atMs`. */
  markProgramStart(): void;
  /** Placeholder values with the canaries of this run. */
  values: PlaceholderValues;
  dispose(): void;
}

function placeholderValues(canaries: CanarySet, vault: () => VaultEngine | undefined, pick: "initial" | "rotated", rotatedSecret?: string): PlaceholderValues {
  return {
    secret: (name) => (pick === "rotated" && name === rotatedSecret ? canaries.rotated(name)! : canaries.initial(name)).value,
    vaultToken: (identity) => {
      const engine = vault();
      if (!engine) throw new GradingSetupError([`{{vault-token:${identity}}} needs a 'vault'`]);
      return engine.identities.issueToken(identity, [KEY_VAULT_SCOPE]).token;
    },
  };
}

export function buildWorld(scenario: ExerciseScenario, canaries: CanarySet, network: SimulatedNetwork): GradingWorld {
  const rotatedSecret = scenario.rotation?.secret;
  let engine: VaultEngine | undefined;
  const values = placeholderValues(canaries, () => engine, "initial");
  const rotatedValues = placeholderValues(canaries, () => engine, "rotated", rotatedSecret);

  if (scenario.vault) {
    try {
      engine = createEngineFromScenario(
        fillPlaceholdersDeep(scenario.vault, {
          ...values,
          vaultToken: () => {
            throw new GradingSetupError(["{{vault-token:...}} cannot be used inside the vault itself"]);
          },
        }),
      );
    } catch (error) {
      if (error instanceof ScenarioError) throw new GradingSetupError(error.problems.map((p) => `vault.${p}`));
      throw error;
    }
  }

  const exchanges: RecordedExchange[] = [];
  let seq = 0;
  let programStart = 0;
  const world: GradingWorld = {
    env: Object.fromEntries(Object.entries(scenario.env).map(([name, value]) => [name, fillPlaceholders(value, values)])),
    virtualFiles: Object.fromEntries(Object.entries(scenario.virtualFiles).map(([path, text]) => [path, fillPlaceholders(text, values)])),
    rotatedFiles: {},
    vault: engine,
    exchanges,
    rotation: undefined,
    markProgramStart: () => {
      programStart = performance.now();
    },
    values,
    dispose: () => {
      for (const host of hosts) network.removeHost(host);
    },
  };
  if (rotatedSecret) world.rotatedFiles = rotatedVirtualFiles(scenario.virtualFiles, rotatedSecret, rotatedValues);

  // Every mock host records what it received, with one sequence shared by all hosts and the
  // rotation, so checks can tell "before" from "after". The sequence number is taken before the
  // handler runs: requests arrive in the order the program sent them.
  const hosts: string[] = [];
  const plug = (host: string, handler: RequestHandler, api?: MockApiName): void => {
    hosts.push(host);
    network.addHost(host, async (request) => {
      const number = ++seq;
      const body = request.method === "GET" || request.method === "HEAD" ? "" : await request.clone().text();
      const response = await handler(request);
      exchanges.push({ seq: number, host, ...(api ? { api } : {}), method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body, status: response.status });
      exchanges.sort((a, b) => a.seq - b.seq);
      return response;
    });
  };
  for (const api of scenario.mockApis) plug(API_HOSTS[api], createPaymentsApi().handler, api);
  if (engine) {
    // The same hosts as the sandbox's Azure world: the vaults, Entra ID, and IMDS when the machine
    // runs as a managed identity, so `new SecretClient(url, new DefaultAzureCredential())` signs in
    // here as it does on Run. All recorded: a canary in a token request's URL or body is a leak too.
    let azureHosts: Record<string, RequestHandler>;
    try {
      azureHosts = createAzureHosts(engine, scenario.machine ?? {});
    } catch (error) {
      throw new GradingSetupError([`machine: ${error instanceof Error ? error.message : String(error)}`]);
    }
    for (const [host, handler] of Object.entries(azureHosts)) plug(host, handler);
  }
  if (rotatedSecret && scenario.rotation) {
    const vaultEngine = engine;
    const vaultTemplate = scenario.vault;
    hosts.push(ROTATION_HOST);
    network.addHost(ROTATION_HOST, async () => {
      if (!world.rotation) {
        world.rotation = { seq: ++seq, atMs: Math.round(performance.now() - programStart) };
        if (vaultEngine && vaultTemplate) rotateVault(vaultEngine, vaultTemplate, rotatedSecret, rotatedValues);
      }
      return new Response(null, { status: 204 });
    });
  }
  return world;
}

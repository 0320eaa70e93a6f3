import type { WorkerRuntime } from "../../runtime/index";
import { CompiledCode, SimulatedNetwork, createPaymentsApi, PAYMENTS_API_HOST, type PaymentsApi, type RequestHandler } from "../../runtime/index";
import { createLocalRuntime } from "../../runtime/browser";
import type { AzureWorld, AzureWorldConfig } from "../../runtime/azure/host/index";
import type { SandboxConfig } from "./sandbox-config";

/**
 * What every sandbox on a page shares: one simulated network (so the payments
 * API's request log and the vault's state outlive a run) and one runtime (one
 * isolated iframe hosting the Workers).
 */
export interface PageServices {
  network: SimulatedNetwork;
  payments: PaymentsApi;
  runtime: WorkerRuntime;
  /** Build-time code of every sandbox's starting files on this page. */
  compiledCode: CompiledCode;
}

let services: PageServices | undefined;

export function pageServices(): PageServices {
  if (!services) {
    const payments = createPaymentsApi();
    const network = new SimulatedNetwork({ [PAYMENTS_API_HOST]: payments.handler });
    const compiledCode = new CompiledCode();
    services = { network, payments, compiledCode, runtime: createLocalRuntime({ network, compiledCode }) };
  }
  return services;
}

/** Puts a host on the page network until the returned function is called (a run's own host, e.g. the rotation). */
export function servePageHost(host: string, handler: RequestHandler): () => void {
  const { network } = pageServices();
  network.addHost(host, handler);
  return () => network.removeHost(host);
}

/** Lets runs of this sandbox's files, as shown, use the code compiled at build time. */
export function registerCompiled(config: SandboxConfig): void {
  const { compiledCode } = pageServices();
  for (const [name, code] of Object.entries(config.compiled ?? {})) {
    const source = config.sources[name];
    if (source !== undefined) compiledCode.add(`/app/${name}`, source, code, true);
  }
}

/**
 * Azure worlds (mock vault + sign-in hosts), one per sandbox that declares a vault, so two
 * examples on one page cannot see each other's secrets and each keeps its state across runs.
 * Runs are one at a time on the shared runtime, so the running sandbox's world is the one on the
 * network. The vault engine loads only on pages whose examples use it.
 */
const worlds = new Map<string, AzureWorld>();
let activeWorld: AzureWorld | undefined;

/** This sandbox's Azure world, created on first use but not put on the network (the vault inspector reads it). */
export async function azureWorld(sandboxId: string, config: AzureWorldConfig): Promise<AzureWorld> {
  let world = worlds.get(sandboxId);
  if (!world) {
    const { createAzureWorld } = await import("../../runtime/azure/host/index");
    world = worlds.get(sandboxId) ?? createAzureWorld(config);
    worlds.set(sandboxId, world);
  }
  return world;
}

/** Puts this sandbox's Azure world on the page network (creating it on first use); call before a run. */
export async function useAzureWorld(sandboxId: string, config: AzureWorldConfig): Promise<AzureWorld> {
  const { network } = pageServices();
  const world = await azureWorld(sandboxId, config);
  if (activeWorld !== world) {
    activeWorld?.uninstall(network);
    world.install(network);
    activeWorld = world;
  }
  return world;
}

/** Forgets this sandbox's vault state (Reset): the next run starts from the example's scenario again. */
export function resetAzureWorld(sandboxId: string): void {
  const world = worlds.get(sandboxId);
  if (!world) return;
  if (activeWorld === world) {
    world.uninstall(pageServices().network);
    activeWorld = undefined;
  }
  worlds.delete(sandboxId);
}

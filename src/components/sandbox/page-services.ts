import type { WorkerRuntime } from "../../runtime/index";
import { CompiledCode, SimulatedNetwork } from "../../runtime/index";
import { createLocalRuntime } from "../../runtime/browser";
import type { SandboxConfig } from "./sandbox-config";

/**
 * What every sandbox on a page shares: one simulated network and one runtime (one isolated iframe
 * hosting the Workers). Each sandbox's session puts its providers' hosts on the network while it
 * runs (src/sandbox-session).
 */
export interface PageServices {
  network: SimulatedNetwork;
  runtime: WorkerRuntime;
  /** Build-time code of every sandbox's starting files on this page. */
  compiledCode: CompiledCode;
}

let services: PageServices | undefined;

export function pageServices(): PageServices {
  if (!services) {
    const network = new SimulatedNetwork();
    const compiledCode = new CompiledCode();
    services = { network, compiledCode, runtime: createLocalRuntime({ network, compiledCode }) };
  }
  return services;
}

/** Lets runs of this sandbox's files, as shown, use the code compiled at build time. */
export function registerCompiled(config: SandboxConfig): void {
  const { compiledCode } = pageServices();
  for (const [name, code] of Object.entries(config.compiled ?? {})) {
    const source = config.sources[name];
    if (source !== undefined) compiledCode.add(`/app/${name}`, source, code, true);
  }
}

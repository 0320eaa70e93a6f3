import type { WorkerRuntime } from "../../runtime/index";
import { SimulatedNetwork, createPaymentsApi, PAYMENTS_API_HOST, type PaymentsApi } from "../../runtime/index";
import { createLocalRuntime } from "../../runtime/browser";

/**
 * What every sandbox on a page shares: one simulated network (so the payments
 * API's request log and the vault's state outlive a run) and one runtime (one
 * isolated iframe hosting the Workers).
 */
export interface PageServices {
  network: SimulatedNetwork;
  payments: PaymentsApi;
  runtime: WorkerRuntime;
}

let services: PageServices | undefined;

export function pageServices(): PageServices {
  if (!services) {
    const payments = createPaymentsApi();
    const network = new SimulatedNetwork({ [PAYMENTS_API_HOST]: payments.handler });
    services = { network, payments, runtime: createLocalRuntime({ network }) };
  }
  return services;
}

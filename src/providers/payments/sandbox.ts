/** The payments API in a sandbox: a mock per sandbox, its request log kept across that sandbox's runs. */
import { createPaymentsApi, PAYMENTS_API_HOST } from "../../runtime/index.ts";
import type { SandboxFacet } from "../sandbox-types.ts";

export const sandbox: SandboxFacet = {
  createWorld: () => ({ hosts: { [PAYMENTS_API_HOST]: createPaymentsApi().handler } }),
};

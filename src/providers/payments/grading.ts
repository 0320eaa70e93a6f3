/** The payments API in a grading run: one fresh mock per API the scenario lists, every request recorded. */
import { createPaymentsApi, PAYMENTS_API_HOST } from "../../runtime/index.ts";
import { destinationHeader } from "../../grading/surfaces.ts";
import { defineGrading } from "../grading-types.ts";
import type { ChecksOf, FragmentOf } from "../types.ts";
import { apiReceivedSecretCheck } from "./checks/api-received-secret.ts";
import { rotationPickedUpCheck } from "./checks/rotation-picked-up.ts";
import type { MockApiName, paymentsProvider } from "./index.ts";

const API_HOSTS: Record<MockApiName, string> = { payments: PAYMENTS_API_HOST };

export const grading = defineGrading<FragmentOf<typeof paymentsProvider>, undefined, ChecksOf<typeof paymentsProvider>>({
  createWorld({ fragment, scenario, plug }) {
    for (const api of fragment.mockApis) plug(API_HOSTS[api], createPaymentsApi().handler, api);
    return {
      state: undefined,
      // The header a check says the secret belongs in is its rightful place, on that API only.
      rightfulHeaders: (secret) =>
        scenario.checks.flatMap((check) =>
          (check.kind === "api-received-secret" || check.kind === "rotation-picked-up") && check.secret === secret ? [{ api: check.api, header: destinationHeader(check.where) }] : [],
        ),
    };
  },
  checks: { "api-received-secret": apiReceivedSecretCheck, "rotation-picked-up": rotationPickedUpCheck },
});

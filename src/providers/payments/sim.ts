/** The payments API on 127.0.0.1: what a developer's app calls with its `sk_test_...` key. */
import { createPaymentsApi } from "../../runtime/index.ts";
import type { SimFacet } from "../types.ts";

export const sim: SimFacet = {
  defaultPort: 4010,
  createServer: () => ({
    handler: createPaymentsApi().handler,
    maxBodyBytes: 64 * 1024,
    environment: (baseUrl) => ({ PAYMENTS_API_URL: baseUrl }),
    notes: () => ["Payments API: POST /v1/charges with Authorization: Bearer sk_test_..."],
  }),
};

/**
 * The payments API provider: a mock external API (`api.payments.example`) that a program calls with
 * its key, and the worked example of a provider (README, "Adding a provider"). It owns the scenario
 * field `mockApis` and the two checks that ask what the API received.
 */
import { z } from "astro/zod";
import { checkBase, SecretDestinationSchema, SecretRefSchema } from "../../schemas/scenario-parts.ts";
import type { Provider } from "../types.ts";

/** Mock external APIs a scenario can put on the simulated network. */
export const MOCK_APIS = ["payments"] as const;
export type MockApiName = (typeof MOCK_APIS)[number];
export const API_LABELS: Record<MockApiName, string> = { payments: "payments API" };

const paymentsFields = {
    /** The mock APIs on the grader's network (each request recorded). */
    mockApis: z.array(z.enum(MOCK_APIS)).default([]),
  };

const paymentsChecks = [
    /** A mock API received the secret exactly where it belongs, at least once. */
    z.strictObject({
      ...checkBase,
      kind: z.literal("api-received-secret"),
      api: z.enum(MOCK_APIS),
      secret: SecretRefSchema,
      where: SecretDestinationSchema.default("authorization-bearer"),
    }),
    /**
     * With a `rotation`, the API received the old value before it and the new value after it: the
     * program re-read the file (or the vault) instead of keeping the first value for ever.
     */
    z.strictObject({
      ...checkBase,
      kind: z.literal("rotation-picked-up"),
      secret: SecretRefSchema,
      api: z.enum(MOCK_APIS),
      where: SecretDestinationSchema.default("authorization-bearer"),
    }),
  ] as const;

// Declared, not inferred: the facets import this descriptor's types, and an inferred type would
// depend on them in a cycle.
export const paymentsProvider: Provider<"payments", typeof paymentsFields, typeof paymentsChecks> = {
  id: "payments",
  title: "A mock payments API",
  scenarioFields: paymentsFields,
  checks: paymentsChecks,
  refine(scenario, fragment, checks, ctx) {
    for (const { check, path } of checks) {
      ctx.requireSecret(check.secret, [...path, "secret"]);
      if (!fragment.mockApis.includes(check.api)) ctx.issue([...path, "api"], `add '${check.api}' to 'mockApis'`);
      if (check.kind === "rotation-picked-up") {
        if (scenario.entry === undefined) ctx.issue(path, `'${check.kind}' needs a program to run ('entry')`);
        if (scenario.rotation?.secret !== check.secret) ctx.issue(path, `needs a 'rotation' of '${check.secret}'`);
      }
    }
  },
  usedBy: (scenario) => Array.isArray(scenario["mockApis"]) && scenario["mockApis"].length > 0,
  surfaces: [],
  placeholders: {},
  modules: [],
  // Every sandbox has it: a lesson's example calls the payments API without declaring it.
  inEverySandbox: true,
  grading: () => import("./grading.ts"),
  sandbox: () => import("./sandbox.ts"),
  sim: () => import("./sim.ts"),
};

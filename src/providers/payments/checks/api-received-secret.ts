import { API_LABELS } from "../index.ts";
import { LEAK_FORM_DESCRIPTIONS } from "../../../grading/leak-forms.ts";
import { findCanaries } from "../../../grading/leak-scan.ts";
import type { CheckDefinition } from "../../../grading/checks/context.ts";
import { quote, secretLabel, withTrouble } from "../../../grading/checks/context.ts";
import { describeDestination, readDestination } from "./destination.ts";

export const apiReceivedSecretCheck: CheckDefinition<"api-received-secret"> = {
  title: (check, ctx) =>
    check.where === "authorization-bearer"
      ? `The ${API_LABELS[check.api]} receives ${secretLabel(ctx, check.secret)} as a Bearer token`
      : `The ${API_LABELS[check.api]} receives ${secretLabel(ctx, check.secret)} in the ${check.where.header} header`,
  evaluate(check, ctx) {
    const { evidence } = ctx;
    const api = API_LABELS[check.api];
    const expected = `At least one request to the ${api} with ${describeDestination(check.where, `‹${check.secret}›`)}, the value the program was given.`;
    const requests = evidence.world.exchanges.filter((exchange) => exchange.api === check.api);
    const canaries = evidence.canaries.of(check.secret);
    const values = new Set(canaries.map((canary) => canary.value));
    const readings = requests.map((exchange) => readDestination(exchange, check.where));
    const carrying = readings.filter((r) => r.kind === "value" && values.has(r.value)).length;
    if (carrying > 0) return { passed: true, expected, actual: `${carrying} of ${requests.length} request(s) carried it.` };

    if (requests.length === 0) return { passed: false, expected, actual: withTrouble(`The ${api} received no request.`, ctx) };
    const shown = evidence.scenario.secrets.find((s) => s.name === check.secret)?.shownValue;
    for (const reading of readings) {
      if (reading.kind !== "value") continue;
      if (shown !== undefined && reading.value.includes(shown)) {
        return {
          passed: false,
          expected,
          actual: `It received the value shown in the exercise statement, not the one the program was given: it is still written in the code. Read it from where the exercise provides it.`,
        };
      }
      const [transformed] = findCanaries(reading.value, canaries);
      if (transformed) {
        return { passed: false, expected, actual: `It received ${secretLabel(ctx, check.secret)} ${LEAK_FORM_DESCRIPTIONS[transformed.form]}; send the value exactly as it is.` };
      }
    }
    const firstValue = readings.find((r) => r.kind === "value");
    if (firstValue?.kind === "value") {
      const hint = /undefined|null|^$/.test(firstValue.value) ? " The value was empty: is the variable or file read under the right name?" : "";
      return { passed: false, expected, actual: withTrouble(`It received ${quote(ctx.mask(describeDestination(check.where, firstValue.value)), 100)}, a different value.${hint}`, ctx) };
    }
    const malformed = readings.find((r) => r.kind === "malformed");
    if (malformed?.kind === "malformed") {
      return { passed: false, expected, actual: `The header was there but not in the expected shape: ${quote(ctx.mask(malformed.header), 100)}.` };
    }
    const header = check.where === "authorization-bearer" ? "Authorization" : check.where.header;
    return { passed: false, expected, actual: withTrouble(`It received ${requests.length} request(s), none with an ${header} header.`, ctx) };
  },
};

/**
 * The program sent no request: it stopped before calling out. A statement that says "exit before
 * any request is made" when the key is missing means a service that fails fast never sends
 * `Bearer undefined` to the API. Requests to hosts that do not exist (or are down) count too.
 */
import type { CheckDefinition } from "./context.ts";
import { withTrouble } from "./context.ts";

export const noRequestCheck: CheckDefinition<"no-request"> = {
  title: (check) => (check.hosts ? `The program sends no request to ${check.hosts.join(" or ")}` : "The program sends no request"),
  evaluate(check, ctx) {
    const hosts = check.hosts?.map((host) => host.toLowerCase());
    const sent = ctx.evidence.world.exchanges.filter((exchange) => !hosts || hosts.includes(exchange.host.toLowerCase()));
    const expected = hosts ? `No request to ${hosts.join(" or ")}.` : "No request at all.";
    if (!ctx.evidence.program) return { passed: false, expected, actual: "The program did not run." };
    if (sent.length === 0) return { passed: true, expected, actual: "None was sent." };
    const first = sent[0]!;
    const path = new URL(first.url).pathname;
    return {
      passed: false,
      expected,
      actual: withTrouble(`It sent ${sent.length} request(s), the first ${first.method} ${first.host}${path}: check for what is missing before the program calls out.`, ctx),
    };
  },
};

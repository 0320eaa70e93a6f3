import { API_LABELS } from "../index.ts";
import type { CheckDefinition } from "../../../grading/checks/context.ts";
import { secretLabel, withTrouble } from "../../../grading/checks/context.ts";
import { readDestination } from "./destination.ts";

/**
 * Evidence that the program re-read a rotated secret: the API's requests before the rotation carry
 * the old value and the last one after it carries the new value. The last one, not the first: a
 * file watcher may take a moment to fire, and a request already under way may still use the old value.
 */
export const rotationPickedUpCheck: CheckDefinition<"rotation-picked-up"> = {
  title: (check, ctx) => `After ${secretLabel(ctx, check.secret)} is rotated, the program uses the new value`,
  evaluate(check, ctx) {
    const { world, canaries, scenario } = ctx.evidence;
    const api = API_LABELS[check.api];
    const atMs = scenario.rotation?.atMs ?? 0;
    const source = Object.keys(world.rotatedFiles).join(", ") || "the vault";
    const expected = `Requests to the ${api} before the rotation (${atMs} ms after start) use the old value, and after it the new one, without a restart.`;
    const rotation = world.rotation;
    if (!rotation) return { passed: false, expected, actual: withTrouble(`The program ended before the rotation at ${atMs} ms: it must still be running then.`, ctx) };
    const oldValue = canaries.initial(check.secret).value;
    const newValue = canaries.rotated(check.secret)?.value;
    const readings = world.exchanges
      .filter((exchange) => exchange.api === check.api)
      .map((exchange) => {
        const reading = readDestination(exchange, check.where);
        const value = reading.kind === "value" ? reading.value : undefined;
        return { after: exchange.seq > rotation.seq, carries: value === oldValue ? "old" : value === newValue ? "new" : "other" };
      });
    const before = readings.filter((r) => !r.after);
    const after = readings.filter((r) => r.after);
    if (!before.some((r) => r.carries === "old")) {
      return { passed: false, expected, actual: withTrouble(`Before the rotation, no request to the ${api} carried the secret.`, ctx) };
    }
    if (after.length === 0) return { passed: false, expected, actual: withTrouble(`No request reached the ${api} after the rotation.`, ctx) };
    const last = after.at(-1)!;
    if (last.carries === "new") return { passed: true, expected, actual: `${after.filter((r) => r.carries === "new").length} request(s) after the rotation used the new value.` };
    if (last.carries === "old") {
      const stale = after.filter((r) => r.carries === "old").length;
      return {
        passed: false,
        expected,
        actual: `After the rotation, ${stale} request(s) still carried the old value: the program read ${source} once and kept it. Read it again when you need it, or watch it for changes.`,
      };
    }
    return { passed: false, expected, actual: withTrouble("After the rotation, the requests carried neither the old nor the new value.", ctx) };
  },
};

import { SURFACE_LABELS } from "../../schemas/exercise-scenario.ts";
import { LEAK_FORM_DESCRIPTIONS } from "../leak-forms.ts";
import { excerptAround } from "../leak-scan.ts";
import { learnerLineNear } from "../learner-lines.ts";
import { collectSurfaces } from "../surfaces.ts";
import type { LeakFinding } from "../types.ts";
import type { CheckDefinition } from "./context.ts";
import { capitalize, secretLabel } from "./context.ts";

/** Findings listed in a report; the first is the one a learner fixes first. */
export const MAX_LEAKS_REPORTED = 10;

const SURFACE_NAMES = SURFACE_LABELS;

export const noLeakCheck: CheckDefinition<"no-leak"> = {
  title: (check, ctx) => {
    if (check.surfaces === "all") return check.secret === "all" ? "Secrets appear only where they belong" : `${capitalize(secretLabel(ctx, check.secret))} appears only where it belongs`;
    const places = check.surfaces.map((s) => SURFACE_NAMES[s]).join(", ");
    return check.secret === "all" ? `No secret appears in the ${places}` : `${capitalize(secretLabel(ctx, check.secret))} never appears in the ${places}`;
  },
  evaluate(check, ctx) {
    const { evidence } = ctx;
    const secrets = check.secret === "all" ? evidence.scenario.secrets.map((s) => s.name) : [check.secret];
    const surfaceList = check.surfaces === "all" ? "output, errors, files, requests, vault, docker" : check.surfaces.map((s) => SURFACE_NAMES[s]).join(", ");
    const expected = `Nowhere but where it belongs (checked: ${surfaceList}), in no form: as is, split, URL-encoded, escaped, base64, hex, reversed, or more than the last few characters.`;
    const leaks: LeakFinding[] = [];
    let firstNote: string | undefined;
    let firstShown = false;
    let scanned = 0;
    const shown = evidence.shown ?? [];
    const masked = [...evidence.canaries.all, ...shown];
    for (const secret of secrets) {
      const canaries = [...evidence.canaries.of(secret), ...shown.filter((literal) => literal.secret === secret)];
      for (const surface of collectSurfaces(evidence, secret, check.surfaces)) {
        scanned++;
        for (const match of ctx.findCanaries(surface.text, canaries)) {
          const line = surface.hasStackTraces ? learnerLineNear(surface.text, match.start, evidence.learnerFiles) : undefined;
          leaks.push({
            surface: surface.surface,
            location: surface.location,
            form: match.form,
            secret,
            excerpt: excerptAround(surface.text, match, masked),
            ...(line ? { line } : {}),
          });
          if (leaks.length === 1) {
            firstNote = surface.note;
            firstShown = match.canary.version === "shown";
          }
        }
      }
    }
    if (leaks.length === 0) {
      const truncated = evidence.program?.outputTruncated ? " (Output past the size limit was not kept, so not checked.)" : "";
      const ranBadly = evidence.program && evidence.program.status !== "ok" ? " The program did not finish normally, so it may not have got far." : "";
      return { passed: true, expected, actual: `Not found in the ${scanned} places checked.${truncated}${ranBadly}` };
    }
    const [first] = leaks;
    const at = first!.line ? ` (from ${first!.line.file}:${first!.line.line})` : "";
    const more = leaks.length > 1 ? ` It also appeared in ${leaks.length - 1} more place(s).` : "";
    // Check never gives the program the shown value: it came from the learner's own files.
    const fromCode = firstShown ? " That is the value shown in the exercise, written in your code: it leaks like any other copy of the secret." : "";
    return {
      passed: false,
      expected,
      actual: `${capitalize(secretLabel(ctx, first!.secret))} appeared in ${first!.location}, ${LEAK_FORM_DESCRIPTIONS[first!.form]}${at}: ${first!.excerpt}.${fromCode}${firstNote ? ` ${firstNote}` : ""}${more}`,
      leaks: leaks.slice(0, MAX_LEAKS_REPORTED),
    };
  },
};

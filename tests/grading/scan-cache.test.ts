/**
 * The up-front leak scan: the grader sends a run's large texts to its LeakScanner once (a Worker on
 * the page), and the checks' answers are exactly what the inline scan gives.
 */
import { describe, expect, test } from "vitest";
import type { Canary } from "../../src/grading/canary.ts";
import { findCanaries, maskCanaries } from "../../src/grading/leak-scan.ts";
import { PRESCAN_MIN_CHARS, ScanCache, scanInline, type LeakScanner } from "../../src/grading/scan-cache.ts";
import { check, chargeProgram, createGrader, envKeyScenario } from "./fixtures.ts";

const key: Canary = { secret: "payments_key", label: "the payments API key", version: "initial", value: "sk_test_51FakeQ7rT2mXb9LkP4sVw1Zc", prefixLength: 8 };
const other: Canary = { secret: "db", label: "the database password", version: "initial", value: "Pw-3x!Tq9#Lm2Zr8Vk5@", prefixLength: 0 };

/** A scanner that records what it was asked, and answers with the inline scan. */
function recordingScanner(): LeakScanner & { asked: string[][] } {
  const asked: string[][] = [];
  return { asked, scan: async (texts, canaries) => (asked.push([...texts]), scanInline(texts, canaries)) };
}

describe("ScanCache", () => {
  const padding = "ok ".repeat(PRESCAN_MIN_CHARS);
  const big = `${padding}key=${key.value} ${[...key.value].join(",")} ${padding}`;

  test("answers as findCanaries does, for every subset of canaries, from one scan of each large text", async () => {
    const scanner = recordingScanner();
    const cache = await ScanCache.build([big, big, "small " + key.value], [key, other], scanner);
    expect(scanner.asked).toEqual([[big]]);
    expect(cache.findCanaries(big, [key])).toEqual(findCanaries(big, [key]));
    expect(cache.findCanaries(big, [key, other])).toEqual(findCanaries(big, [key, other]));
    expect(cache.findCanaries(big, [other])).toEqual([]);
    // Not scanned up front: scanned where it is asked about.
    expect(cache.findCanaries("small " + key.value, [key])).toEqual(findCanaries("small " + key.value, [key]));
    expect(cache.mask(big, [key, other])).toBe(maskCanaries(big, [key, other]));
  });

  test("grading hands the run's large output to the scanner and still finds the leak", async () => {
    const scanner = recordingScanner();
    const { grade } = createGrader({ scanner });
    const flood = `console.log("x".repeat(${PRESCAN_MIN_CHARS * 2}) + [...process.env.EXTERNAL_API_KEY!].join("-"));`;
    const report = await grade(envKeyScenario, { "index.ts": chargeProgram("process.env.EXTERNAL_API_KEY", flood) });
    expect(scanner.asked).toHaveLength(1);
    expect(scanner.asked[0]!.some((text) => text.length > PRESCAN_MIN_CHARS * 2)).toBe(true);
    const noLeak = check(report, "no-leak");
    expect(noLeak.passed).toBe(false);
    expect(noLeak.leak?.form).toBe("separated");
    expect(report.run?.output).not.toContain("x".repeat(10) + "s-k");
  });
});

describe("views at scale", () => {
  test("a leading byte-order mark, lone surrogates and 4 MB of noise keep every position", async () => {
    const { buildViews } = await import("../../src/grading/leak-forms.ts");
    const text = `\uFEFF\uD800x%41\\u0042 ${key.value}`;
    const views = buildViews(text);
    for (const view of [views.urlDecoded, ...views.unescaped, views.compact]) expect(view.text.length).toBeLessThanOrEqual(text.length);
    const [match] = findCanaries(text, [key]);
    expect(text.slice(match!.start, match!.end)).toBe(key.value);
    expect(views.urlDecoded.text.startsWith("\uFEFF")).toBe(true);
  });
});

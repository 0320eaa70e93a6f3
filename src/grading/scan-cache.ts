/**
 * The leak scan of one grading, done up front and possibly elsewhere. Scanning is the heavy part of a
 * Check (every view of every surface, megabytes when a program writes big files), so the grader
 * hands the run's large texts to a `LeakScanner` once, which on the page is a Worker
 * (`src/components/sandbox/leak-scan-worker-client.ts`) and in Node the same code inline, and then the
 * checks and the masking look their matches up here. A text that was not scanned up front (an
 * excerpt, a check's own sentence) is small and scanned inline, with the same code.
 *
 *   const scans = await ScanCache.build(texts, canaries.all, deps.scanner);
 *   scans.findCanaries(stdout, canaries.of("payments_key"));   // as findCanaries(), from the cache
 */
import type { Canary } from "./canary.ts";
import { buildViews } from "./leak-forms.ts";
import { findCanaries, findCanary, maskMatches, type CanaryMatch } from "./leak-scan.ts";

export interface LeakScanner {
  /** For each text, for each canary (in order), what `findCanary` finds. */
  scan(texts: readonly string[], canaries: readonly Canary[]): Promise<CanaryMatch[][][]>;
}

/** The scan on the calling thread: Node, tests, and the page's fallback when its Worker cannot start. */
export function scanInline(texts: readonly string[], canaries: readonly Canary[]): CanaryMatch[][][] {
  return texts.map((text) => {
    if (text === "") return canaries.map(() => []);
    const views = buildViews(text);
    return canaries.map((canary) => findCanary(views, canary));
  });
}

export const inlineScanner: LeakScanner = { scan: async (texts, canaries) => scanInline(texts, canaries) };

/** Texts shorter than this are scanned where they are asked about: a few milliseconds at most. */
export const PRESCAN_MIN_CHARS = 4096;

export class ScanCache {
  readonly #known = new Map<string, Map<Canary, CanaryMatch[]>>();

  /** Scans the texts of at least PRESCAN_MIN_CHARS (each distinct text once) for every canary. */
  static async build(texts: Iterable<string>, canaries: readonly Canary[], scanner: LeakScanner = inlineScanner): Promise<ScanCache> {
    const cache = new ScanCache();
    const large = [...new Set(texts)].filter((text) => text.length >= PRESCAN_MIN_CHARS);
    if (large.length === 0 || canaries.length === 0) return cache;
    const results = await scanner.scan(large, canaries);
    large.forEach((text, i) => {
      const byCanary = new Map<Canary, CanaryMatch[]>();
      canaries.forEach((canary, j) => byCanary.set(canary, results[i]?.[j] ?? []));
      cache.#known.set(text, byCanary);
    });
    return cache;
  }

  /** What `findCanaries(text, canaries)` answers, from the up-front scan when it covered the text. */
  findCanaries(text: string, canaries: readonly Canary[]): CanaryMatch[] {
    const known = this.#known.get(text);
    if (!known || !canaries.every((canary) => known.has(canary))) return findCanaries(text, canaries);
    return canaries.flatMap((canary) => known.get(canary)!).sort((a, b) => a.start - b.start || b.end - a.end);
  }

  /** `text` with every canary, in every form, masked (as `maskCanaries`). */
  mask(text: string, canaries: readonly Canary[]): string {
    return maskMatches(text, this.findCanaries(text, canaries));
  }
}

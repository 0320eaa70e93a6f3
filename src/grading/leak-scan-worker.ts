/**
 * Entry of the page's leak-scan Worker (bundled by `src/runtime/tools/build-worker-source.ts` into
 * `src/grading/generated/leak-scan-worker.js`, a classic script the page loads from its own URL).
 * It runs `scanInline` on what the page sends, so a Check's scan of megabytes of output and files
 * never blocks the page. No learner code ever runs here: its input is the run's evidence, as text.
 *
 *   in:  { id, texts: string[], canaries: Array<{ value, prefixLength }> }
 *   out: { id, matches: [text][canary] -> Array<[form, start, end]> }  or  { id, error }
 */
import type { Canary } from "./canary.ts";
import { scanInline } from "./scan-cache.ts";

export interface ScanRequest {
  id: number;
  texts: string[];
  canaries: Array<{ value: string; prefixLength: number }>;
}

export type ScanAnswer = { id: number; matches: Array<Array<Array<[string, number, number]>>> } | { id: number; error: string };

interface WorkerScope {
  onmessage: ((event: MessageEvent<ScanRequest>) => void) | null;
  postMessage(message: ScanAnswer): void;
}

const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (event) => {
  const { id, texts, canaries } = event.data;
  try {
    // Only value and prefix decide a match; the page maps the answers back to its own canaries.
    const local: Canary[] = canaries.map((c) => ({ secret: "", label: "", version: "initial", value: c.value, prefixLength: c.prefixLength }));
    const matches = scanInline(texts, local).map((perText) => perText.map((found) => found.map((m): [string, number, number] => [m.form, m.start, m.end])));
    scope.postMessage({ id, matches });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};

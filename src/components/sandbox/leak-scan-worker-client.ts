/**
 * The page's LeakScanner: the leak scan of a Check in a Worker of its own, so megabytes of output and
 * files never block the page (the scan is linear, but it reads every text in a dozen views). A classic
 * Worker from the site's own URL: the bundle is built with the sandbox's (`npm run build:worker`)
 * and served as an asset, so `worker-src 'self'` is all the CSP has to allow. If the Worker cannot
 * start or fails, the same scan runs inline: slower for huge inputs, never a wrong verdict.
 */
import scanWorkerUrl from "../../grading/generated/leak-scan-worker.js?url&no-inline";
import type { Canary } from "../../grading/canary.ts";
import type { CanaryMatch, LeakForm } from "../../grading/index.ts";
import { scanInline, type LeakScanner } from "../../grading/scan-cache.ts";
import type { ScanAnswer, ScanRequest } from "../../grading/leak-scan-worker.ts";

type Pending = { resolve: (answer: ScanAnswer) => void; reject: (error: Error) => void };

export function createWorkerScanner(): LeakScanner {
  let worker: Worker | undefined;
  let broken = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const start = (): Worker => {
    const started = new Worker(scanWorkerUrl, { name: "leak-scan" });
    started.onmessage = (event: MessageEvent<ScanAnswer>) => {
      const waiting = pending.get(event.data.id);
      pending.delete(event.data.id);
      waiting?.resolve(event.data);
    };
    started.onerror = (event) => {
      event.preventDefault();
      broken = true;
      started.terminate();
      worker = undefined;
      for (const waiting of pending.values()) waiting.reject(new Error(event.message || "the leak-scan worker stopped"));
      pending.clear();
    };
    return started;
  };

  const ask = (request: Omit<ScanRequest, "id">): Promise<ScanAnswer> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker ??= start();
      worker.postMessage({ id, ...request } satisfies ScanRequest);
    });

  return {
    async scan(texts, canaries) {
      if (broken || typeof Worker === "undefined") return scanInline(texts, canaries);
      let answer: ScanAnswer;
      try {
        answer = await ask({ texts: [...texts], canaries: canaries.map((c: Canary) => ({ value: c.value, prefixLength: c.prefixLength })) });
      } catch {
        return scanInline(texts, canaries);
      }
      if ("error" in answer) return scanInline(texts, canaries);
      return answer.matches.map((perText) =>
        perText.map((found, j) => found.map(([form, start, end]): CanaryMatch => ({ canary: canaries[j]!, form: form as LeakForm, start, end }))),
      );
    },
  };
}

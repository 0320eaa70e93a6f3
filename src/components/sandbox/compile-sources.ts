import { transpile } from "../../runtime/core/transpile.ts";

const SCRIPT = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

/**
 * Build time: compiles a sandbox's starting files with the very `transpile()` the browser worker
 * would run, so the page can run them as shown without downloading sucrase. A file that does not
 * compile is left out: the browser compiles it and reports the error with its position.
 */
export function compileSources(sources: Record<string, string>): Record<string, string> {
  const compiled: Record<string, string> = {};
  for (const [name, source] of Object.entries(sources)) {
    if (!SCRIPT.test(name)) continue;
    const result = transpile(`/app/${name}`, source);
    if (result.ok) compiled[name] = result.code;
  }
  return compiled;
}

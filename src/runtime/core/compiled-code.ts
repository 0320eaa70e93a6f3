/**
 * The transpile contract, free of sucrase, and the host's cache of code compiled in advance.
 *
 * Why: sucrase is most of the browser worker's weight (about 48 KB gz), and a learner who reads a
 * lesson and presses Run on the example as written needs none of it. The site compiles every
 * sandbox's starting files at build time with the same `transpile()` (see SandboxShell.astro); the
 * page sends that code with a run, and the worker loads the transpiler only for a file it has no
 * code for (an edited file, a playground program).
 */
import type { SourceLocation } from './stack-trace.ts';
import { resolve } from './path-shim.ts';

export type TranspileResult = { ok: true; code: string } | { ok: false; message: string; location: SourceLocation };

/** TypeScript/JavaScript -> the module body the loader wraps. May load the transpiler first. */
export type Transpile = (file: string, source: string) => TranspileResult | Promise<TranspileResult>;

/** A path as the learner's file system names it (relative paths are under /app, as in VirtualFs). */
const absolute = (path: string): string => resolve(path);

/**
 * Compiled code by file and exact source. A file whose text changed by one character misses, so the
 * code run is always the code shown.
 */
export class CompiledCode {
  private readonly byFile = new Map<string, Map<string, string>>();

  add(file: string, source: string, code: string): void {
    const path = absolute(file);
    let sources = this.byFile.get(path);
    if (!sources) this.byFile.set(path, (sources = new Map()));
    sources.set(source, code);
  }

  /** Code for every file in `files` whose exact text was compiled before, by absolute path. */
  lookup(files: Record<string, string>): Record<string, string> {
    const found: Record<string, string> = {};
    for (const [file, source] of Object.entries(files)) {
      const path = absolute(file);
      const code = this.byFile.get(path)?.get(source);
      if (code !== undefined) found[path] = code;
    }
    return found;
  }
}

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

/** Code compiled in advance for one file, with the exact text it was compiled from. */
export interface CompiledFile {
  source: string;
  code: string;
}

/** Compiled files a worker may use, by absolute path. The loader checks each `source` against the file it reads. */
export type CompiledFiles = Record<string, CompiledFile>;

/** Learner-compiled texts kept per file, besides the build-time ones (those are never dropped). */
const KEPT_PER_FILE = 4;

/**
 * Compiled code by file and exact source. A file whose text changed by one character misses, and the
 * worker checks the text again against its own file system, so the code run is always the code shown.
 */
export class CompiledCode {
  /** path -> source -> code, oldest first (Map keeps insertion order). */
  private readonly byFile = new Map<string, Map<string, { code: string; pinned: boolean }>>();

  /** `pinned`: compiled at build time, kept for good; otherwise only the last few texts per file are kept. */
  add(file: string, source: string, code: string, pinned = false): void {
    const path = absolute(file);
    let sources = this.byFile.get(path);
    if (!sources) this.byFile.set(path, (sources = new Map()));
    const wasPinned = sources.get(source)?.pinned ?? false;
    sources.delete(source);
    sources.set(source, { code, pinned: pinned || wasPinned });
    const unpinned = [...sources].filter(([, entry]) => !entry.pinned);
    for (const [old] of unpinned.slice(0, Math.max(0, unpinned.length - KEPT_PER_FILE))) sources.delete(old);
  }

  /** The compiled code of every file in `files` whose exact text was compiled before, by absolute path. */
  lookup(files: Record<string, string>): CompiledFiles {
    const found: CompiledFiles = {};
    for (const [file, source] of Object.entries(files)) {
      const path = absolute(file);
      const entry = this.byFile.get(path)?.get(source);
      if (entry) found[path] = { source, code: entry.code };
    }
    return found;
  }
}

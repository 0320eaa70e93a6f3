/**
 * TypeScript -> JavaScript with sucrase (`typescript` + `imports`): types are stripped and `import`
 * becomes `require`, line for line. The learner's source gets one blank line on top first, so the
 * `"use strict"` and interop helpers sucrase inserts land on a line of their own and every learner
 * line keeps its own columns (see LEARNER_LINE_OFFSET).
 */
import { transform } from 'sucrase';
import type { TranspileResult } from './compiled-code.ts';
import { LEARNER_LINE_OFFSET } from './stack-trace.ts';

export type { TranspileResult } from './compiled-code.ts';

/** A sucrase parse error carries `loc` with a 1-based line and column (verified against 3.35). */
function locationOf(error: unknown): { line: number; column: number } | undefined {
  if (typeof error !== 'object' || error === null || !('loc' in error)) return undefined;
  const loc = (error as { loc?: unknown }).loc;
  if (typeof loc !== 'object' || loc === null) return undefined;
  const { line, column } = loc as { line?: unknown; column?: unknown };
  return typeof line === 'number' && typeof column === 'number' ? { line, column } : undefined;
}

export function transpile(file: string, source: string): TranspileResult {
  const padded = '\n'.repeat(LEARNER_LINE_OFFSET) + source;
  const isTypeScript = /\.(ts|tsx|mts|cts)$/.test(file);
  try {
    const { code } = transform(padded, {
      transforms: isTypeScript ? ['typescript', 'imports'] : ['imports'],
      filePath: file,
      // Keep `import x from 'y'` meaning "the default export", as in real ESM.
      enableLegacyTypeScriptModuleInterop: false,
    });
    return { ok: true, code };
  } catch (error) {
    const loc = locationOf(error);
    const raw = error instanceof Error ? error.message : String(error);
    // "Error transforming /app/x.ts: Unexpected token (3:11)" -> "Unexpected token"
    const message = raw.replace(/^Error transforming [^:]*: /, '').replace(/ \(\d+:\d+\)$/, '');
    return {
      ok: false,
      message,
      location: { file, line: Math.max(1, (loc?.line ?? 1 + LEARNER_LINE_OFFSET) - LEARNER_LINE_OFFSET), column: loc?.column ?? 1 },
    };
  }
}

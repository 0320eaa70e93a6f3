import { expect, test } from 'vitest';
import { CompiledCode } from '../../src/runtime/core/compiled-code.ts';

test('code is found by absolute path and exact text only', () => {
  const cache = new CompiledCode();
  cache.add('main.ts', 'const a = 1;\n', 'CODE-A');
  expect(cache.lookup({ '/app/main.ts': 'const a = 1;\n' })).toEqual({ '/app/main.ts': { source: 'const a = 1;\n', code: 'CODE-A' } });
  expect(cache.lookup({ './main.ts': 'const a = 1;\n' })).toEqual({ '/app/main.ts': { source: 'const a = 1;\n', code: 'CODE-A' } });
  expect(cache.lookup({ 'main.ts': 'const a = 1;\r\n' })).toEqual({});
  expect(cache.lookup({ 'main.ts': 'const a = 1;' })).toEqual({});
  expect(cache.lookup({ '/app/other.ts': 'const a = 1;\n' })).toEqual({});
});

test('build-time code is kept; only the last few learner texts of a file are', () => {
  const cache = new CompiledCode();
  cache.add('/app/main.ts', 'start', 'START', true);
  for (let i = 1; i <= 6; i++) cache.add('/app/main.ts', `edit ${i}`, `EDIT ${i}`);
  expect(cache.lookup({ '/app/main.ts': 'start' })['/app/main.ts']?.code).toBe('START');
  expect(cache.lookup({ '/app/main.ts': 'edit 1' })).toEqual({});
  expect(cache.lookup({ '/app/main.ts': 'edit 2' })).toEqual({});
  for (const i of [3, 4, 5, 6]) expect(cache.lookup({ '/app/main.ts': `edit ${i}` })['/app/main.ts']?.code).toBe(`EDIT ${i}`);
  // Compiling the build-time text again in the browser does not unpin it.
  cache.add('/app/main.ts', 'start', 'START');
  for (let i = 7; i <= 12; i++) cache.add('/app/main.ts', `edit ${i}`, `EDIT ${i}`);
  expect(cache.lookup({ '/app/main.ts': 'start' })['/app/main.ts']?.code).toBe('START');
});

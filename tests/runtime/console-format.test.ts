/** `console.log` formatting, checked against Node's own util.format for the cases learners hit. */
import { format as nodeFormat } from 'node:util';
import { describe, expect, test } from 'vitest';
import { format } from '../../src/runtime/core/console-format.ts';

class Config {
  constructor(public readonly vaultUrl: string) {}
}

const cases: [string, unknown[]][] = [
  ['plain strings', ['a', 'b']],
  ['%s %d %i %f %%', ['%s has %d items (%i, %f) 100%%', 'cart', 3.5, 3.9, '1.5']],
  ['%j', ['json: %j', { a: [1, 'x'] }]],
  ['%o and %O', ['%o / %O', { a: { b: { c: { d: 1 } } } }, { a: { b: { c: { d: 1 } } } }]],
  ['missing arguments', ['%s and %s', 'one']],
  ['extra arguments', ['x', 1, true, null, undefined, 10n, Symbol('s')]],
  ['nested objects and arrays', [{ user: 'app', roles: ['reader', 'writer'], nested: { deep: { deeper: { deepest: 1 } } } }]],
  ['long objects break lines', [{ id: 'ch_demo_0001', object: 'charge', amount: 1999, currency: 'eur', status: 'succeeded' }]],
  ['strings inside objects are quoted', [{ quote: "it's", plain: 'x', 'kebab-key': 1 }]],
  ['Map and Set', [new Map([['a', 1]]), new Set([1, 2])]],
  ['class instances', [new Config('https://payments-kv.vault.azure.net')]],
  ['functions', [function named() {}, () => 1, class Foo {}]],
  ['empty containers', [{}, [], new Map()]],
  ['dates', [new Date(0)]],
  ['null prototype', [Object.create(null)]],
  ['-0 and NaN', [-0, NaN]],
];

describe('format matches Node', () => {
  test.each(cases)('%s', (_, args) => {
    expect(format(args)).toBe(nodeFormat(...args));
  });

  test('circular references', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a['self'] = a;
    expect(format([a])).toBe(nodeFormat(a));
  });
});

test('errors print their stack, cleaned by formatStack', () => {
  const error = new Error('boom');
  error.stack = 'Error: boom\n    at f (/app/index.ts:3:9)\n    at blob:null/1234:1:99';
  expect(format(['failed:', error], { formatStack: (stack) => stack.split('\n').slice(0, 2).join('\n') })).toBe('failed: Error: boom\n    at f (/app/index.ts:3:9)');
});

test("an error's own properties follow its stack, as in Node (that is how a config leaks)", () => {
  const error = Object.assign(new Error('charge failed (400)'), { config: { apiKey: 'sk_test_51FakeKeyForSecretsLab000000000000', retries: 2 } });
  error.stack = 'Error: charge failed (400)\n    at charge (/app/main.ts:12:11)';
  expect(format([error])).toBe(nodeFormat(error));
  expect(format([error])).toContain("apiKey: 'sk_test_51FakeKeyForSecretsLab000000000000'");
});

test("an SDK error's own name and message: left out when the stack shows them, kept when it does not (as Node)", () => {
  class ServiceException extends Error {
    $fault = 'client';
  }
  const shown = Object.assign(new ServiceException('User: app is not authorized'), { name: 'AccessDeniedException' });
  shown.stack = 'AccessDeniedException: User: app is not authorized\n    at de (/app/main.ts:4:1)';
  expect(format([shown])).toBe(nodeFormat(shown));
  expect(format([shown])).not.toContain("name: 'AccessDeniedException'");
  // Its message arrived after the stack was taken (the AWS SDK's exceptions in Chromium).
  const late = Object.assign(new ServiceException(), { name: 'AccessDeniedException' });
  late.stack = 'AccessDeniedException\n    at de (/app/main.ts:4:1)';
  late.message = 'User: app is not authorized to perform: secretsmanager:GetSecretValue';
  expect(format([late])).toBe(nodeFormat(late));
  expect(format([late])).toContain("message: 'User: app is not authorized to perform: secretsmanager:GetSecretValue'");
});

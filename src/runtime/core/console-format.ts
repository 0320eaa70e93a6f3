/**
 * `util.format`, which is what `console.log` prints: `%s %d %i %f %j %o %O %c %%` placeholders in a
 * leading string, then every other argument separated by spaces, strings as-is and the rest inspected.
 */
import { inspect, type InspectOptions } from './inspect.ts';

function formatString(arg: unknown, options: InspectOptions): string {
  if (typeof arg === 'bigint') return `${arg}n`;
  if (typeof arg === 'symbol') return arg.toString();
  if (typeof arg === 'object' && arg !== null) {
    // Node uses an object's own toString when it has one (URL, custom classes), else inspects it.
    const hasOwnToString = typeof (arg as { toString?: unknown }).toString === 'function' && (arg as object).toString !== Object.prototype.toString && !(arg instanceof Error) && !Array.isArray(arg);
    return hasOwnToString ? String(arg) : inspect(arg, { ...options, depth: 0 });
  }
  return String(arg);
}

function formatNumber(arg: unknown, parse: (text: string) => number): string {
  if (typeof arg === 'bigint') return `${arg}n`;
  if (typeof arg === 'symbol' || (typeof arg === 'object' && arg !== null)) return 'NaN';
  return String(parse(String(arg)));
}

function formatJson(arg: unknown): string {
  try {
    return String(JSON.stringify(arg));
  } catch (error) {
    if (error instanceof TypeError && /circular/i.test(error.message)) return '[Circular]';
    throw error;
  }
}

export function format(args: readonly unknown[], options: InspectOptions = {}): string {
  const [first, ...rest] = args;
  if (args.length === 0) return '';
  let out = '';
  let next = 0;
  if (typeof first === 'string') {
    out = first.replace(/%([sdifjoOc%])/g, (token: string, kind: string) => {
      if (kind === '%') return '%';
      if (next >= rest.length) return token;
      const arg = rest[next++];
      switch (kind) {
        case 's':
          return formatString(arg, options);
        case 'd':
          return formatNumber(arg, Number);
        case 'i':
          return formatNumber(arg, (text) => parseInt(text, 10));
        case 'f':
          return formatNumber(arg, parseFloat);
        case 'j':
          return formatJson(arg);
        case 'o':
          return inspect(arg, { ...options, depth: 4 });
        case 'O':
          return inspect(arg, options);
        default:
          return ''; // %c is CSS in browsers; Node drops it.
      }
    });
  } else {
    out = inspect(first, options);
  }
  for (const arg of rest.slice(next)) out += ` ${typeof arg === 'string' ? arg : inspect(arg, options)}`;
  return out;
}

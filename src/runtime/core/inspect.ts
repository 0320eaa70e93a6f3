/**
 * A compact `util.inspect`: the Node formatting learners see for objects, arrays, Maps, Sets, errors
 * and class instances, single-line when short and one entry per line when long. Not a full port:
 * no colours, no getters, no `showHidden`; Promises print as pending because their state cannot be
 * read synchronously (logging a forgotten `await` is the case that matters).
 */

export interface InspectOptions {
  /** How many levels to expand; deeper values print as `[Object]`. Default 2. */
  depth?: number;
  /** Turns an error's raw V8 stack into the learner's view. */
  formatStack?: (stack: string) => string;
}

/** Node's well-known hook: objects that define it print their own way (our Buffer does). */
export const INSPECT_CUSTOM = Symbol.for('nodejs.util.inspect.custom');
const BREAK_LENGTH = 80;
const MAX_ITEMS = 100;
// Node's keyStrRegExp: a key with a `$` is quoted (`'$fault': 'client'`).
const IDENTIFIER = /^[a-zA-Z_][a-zA-Z_0-9]*$/;

export function quoteString(value: string): string {
  const quote = !value.includes("'") ? "'" : !value.includes('"') ? '"' : !value.includes('`') ? '`' : "'";
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t')
    .replace(/\r/g, '\\r')
    .split(quote)
    .join(`\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

function formatKey(key: string | symbol): string {
  if (typeof key === 'symbol') return `[${key.toString()}]`;
  return IDENTIFIER.test(key) ? key : quoteString(key);
}

function functionLabel(fn: Function): string {
  const source = Function.prototype.toString.call(fn);
  const name = fn.name;
  if (source.startsWith('class')) return name ? `[class ${name}]` : '[class (anonymous)]';
  const kind = fn.constructor?.name === 'AsyncFunction' ? 'AsyncFunction' : fn.constructor?.name === 'GeneratorFunction' ? 'GeneratorFunction' : 'Function';
  return name ? `[${kind}: ${name}]` : `[${kind} (anonymous)]`;
}

function constructorName(value: object): string | null {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null) return null;
  const ctor: unknown = (proto as { constructor?: unknown }).constructor;
  return typeof ctor === 'function' && ctor.name ? ctor.name : '';
}

/** Node's rule (`isBelowBreakLength` in util.inspect): one line if the entries fit in 80 columns. */
function fitsOnOneLine(start: string, entries: string[], indent: string): boolean {
  let total = entries.length * 2 + indent.length + start.length + 10;
  if (total > BREAK_LENGTH) return false;
  for (const entry of entries) {
    total += entry.length;
    if (total > BREAK_LENGTH || entry.includes('\n')) return false;
  }
  return true;
}

/**
 * `levelsBelow`: how deep the last expanded descendant was. Node keeps an object on one line only if
 * fewer than 3 levels of expanded objects sit inside it (its `compact: 3`).
 */
function wrap(start: string, entries: string[], end: string, indent: string, levelsBelow: number): string {
  if (entries.length === 0) return `${start}${end}`;
  if (levelsBelow < 3 && fitsOnOneLine(start, entries, indent)) return `${start} ${entries.join(', ')} ${end}`;
  const inner = `${indent}  `;
  return `${start}\n${entries.map((entry) => `${inner}${entry}`).join(',\n')}\n${indent}${end}`;
}

interface State {
  /** Depth of the object expanded most recently (Node's `ctx.currentDepth`). */
  currentDepth: number;
  seen: object[];
  circular: Map<object, number>;
  options: InspectOptions;
}

function formatValue(value: unknown, depth: number, indent: string, state: State, nested: boolean): string {
  switch (typeof value) {
    case 'string':
      return nested ? quoteString(value) : value;
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return formatObject(value, depth, indent, state);
    default:
      return value === null || value === undefined ? 'null' : formatObject(value as object, depth, indent, state);
  }
}

function formatError(error: Error, depth: number, indent: string, state: State): string {
  const stack = typeof error.stack === 'string' && error.stack !== '' ? error.stack : `${error.name}: ${error.message}`;
  const text = state.options.formatStack ? state.options.formatStack(stack) : stack;
  // Node shows nested errors' stacks indented; a bracketed form is how it prints stackless ones.
  const head = text.includes('\n') || text.startsWith(error.name) ? text : `[${text}]`;
  // Like Node, an error's own properties follow its stack: this is how `throw Object.assign(new
  // Error("charge failed"), { config })` ends up printing the config, key included.
  // As Node's removeDuplicateErrorKeys: own `name` and `message` are left out only when the stack
  // already shows them. An SDK error whose message was set after its stack was taken (the AWS SDK's
  // exceptions in Chromium print just "AccessDeniedException") still shows what AWS said.
  const shown = (key: string): boolean => {
    const value = (error as unknown as Record<string, unknown>)[key];
    return typeof value === 'string' && stack.includes(value);
  };
  const extra = Object.keys(error).filter((key) => key !== 'stack' && !((key === 'message' || key === 'name') && shown(key)));
  if (extra.length === 0) return head;
  state.seen.push(error);
  const entries = extra.map((key) => `${formatKey(key)}: ${formatValue((error as unknown as Record<string, unknown>)[key], depth + 1, `${indent}  `, state, true)}`);
  state.seen.pop();
  return `${head} {\n${entries.map((entry) => `${indent}  ${entry}`).join(',\n')}\n${indent}}`;
}

function formatObject(value: object, depth: number, indent: string, state: State): string {
  if (state.seen.includes(value)) {
    let id = state.circular.get(value);
    if (id === undefined) {
      id = state.circular.size + 1;
      state.circular.set(value, id);
    }
    return `[Circular *${id}]`;
  }
  const custom: unknown = (value as Record<symbol, unknown>)[INSPECT_CUSTOM];
  if (typeof custom === 'function') return String(custom.call(value, (state.options.depth ?? 2) - depth, state.options));
  if (value instanceof Error) return formatError(value, depth, indent, state);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof RegExp) return value.toString();
  if (value instanceof Promise) return 'Promise { <pending> }';
  if (value instanceof WeakMap) return 'WeakMap { <items unknown> }';
  if (value instanceof WeakSet) return 'WeakSet { <items unknown> }';

  const maxDepth = state.options.depth ?? 2;
  const name = constructorName(value);
  const isArray = Array.isArray(value);
  const isTyped = ArrayBuffer.isView(value) && !(value instanceof DataView);

  if (depth > maxDepth) {
    if (isArray) return '[Array]';
    if (typeof value === 'function') return functionLabel(value);
    return name === null ? '[Object: null prototype]' : `[${name || 'Object'}]`;
  }

  state.seen.push(value);
  state.currentDepth = depth;
  const entries: string[] = [];
  const next = (item: unknown): string => formatValue(item, depth + 1, `${indent}  `, state, true);
  let start: string;
  let end = '}';

  if (isArray || isTyped) {
    const items = value as ArrayLike<unknown>;
    const shown = Math.min(items.length, MAX_ITEMS);
    for (let i = 0; i < shown; i++) entries.push(i in items ? next(items[i]) : '<1 empty item>');
    if (items.length > shown) entries.push(`... ${items.length - shown} more item${items.length - shown > 1 ? 's' : ''}`);
    start = isArray && name === 'Array' ? '[' : `${name}(${items.length}) [`;
    end = ']';
  } else if (value instanceof Map) {
    for (const [key, item] of value) entries.push(`${next(key)} => ${next(item)}`);
    start = `${name}(${value.size}) {`;
  } else if (value instanceof Set) {
    for (const item of value) entries.push(next(item));
    start = `${name}(${value.size}) {`;
  } else if (typeof value === 'function') {
    start = `${functionLabel(value)} {`;
  } else {
    start = name === null ? '[Object: null prototype] {' : name === 'Object' || name === '' ? '{' : `${name} {`;
  }

  for (const key of Reflect.ownKeys(value)) {
    if ((isArray || isTyped) && typeof key === 'string' && /^\d+$/.test(key)) continue;
    if (isArray && key === 'length') continue;
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (!descriptor?.enumerable) continue;
    const shown = 'value' in descriptor ? next(descriptor.value) : descriptor.get && descriptor.set ? '[Getter/Setter]' : descriptor.get ? '[Getter]' : '[Setter]';
    entries.push(`${formatKey(key)}: ${shown}`);
  }
  state.seen.pop();

  if (typeof value === 'function' && entries.length === 0) return functionLabel(value);
  const text = wrap(start, entries, end, indent, state.currentDepth - depth);
  const id = state.circular.get(value);
  return id === undefined ? text : `<ref *${id}> ${text}`;
}

export function inspect(value: unknown, options: InspectOptions = {}): string {
  return formatValue(value, 0, '', { currentDepth: 0, seen: [], circular: new Map(), options }, true);
}

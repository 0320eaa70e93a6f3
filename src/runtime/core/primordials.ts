/**
 * Built-ins the engine needs while learner code runs, captured when this module loads (before any
 * learner code). Learner code shares the engine's global object, so it can replace
 * `Set.prototype[Symbol.iterator]`, `Array.prototype.push`, `Object.keys` or `MessageEvent.prototype.data`;
 * the parts of the engine that produce evidence for the page (written files, the output batches, the
 * messages to the host) call these copies instead, so a replaced built-in cannot hide or forge what
 * they report. Same idea as Node's own `primordials`.
 */
const capturedApply = Reflect.apply;
const capturedDefineProperty = Reflect.defineProperty;
const capturedKeys = Object.keys;
const capturedCreate = Object.create;
const capturedHasOwn = Object.prototype.hasOwnProperty;

/** `fn.apply(self, args)` without looking anything up on `fn` or `Function.prototype`. */
export function apply<T>(fn: (...args: never[]) => T, self: unknown, args: readonly unknown[]): T {
  return capturedApply(fn as (...args: unknown[]) => T, self, args as unknown[]);
}

/** A dictionary with no prototype: no inherited getter or setter runs on its keys. */
export function dictionary<V>(): Record<string, V> {
  return capturedCreate(null) as Record<string, V>;
}

export function ownKeys(object: object): string[] {
  return capturedKeys(object);
}

export function hasOwn(object: object, key: string): boolean {
  return capturedApply(capturedHasOwn, object, [key]) as boolean;
}

/** Sets a property as an own data property (no setter on a prototype runs). */
export function defineValue(object: object, key: PropertyKey, value: unknown): void {
  capturedDefineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

/** `array.push(value)` that a replaced `Array.prototype.push` (or an index setter on the prototype) does not see. */
export function append<T>(array: T[], value: T): void {
  capturedDefineProperty(array, array.length, { value, writable: true, enumerable: true, configurable: true });
}

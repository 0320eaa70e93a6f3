/**
 * Removes every way out of the worker before learner code runs: real network (fetch, XHR, WebSocket,
 * EventSource, WebTransport, sendBeacon), script loading (importScripts), storage (indexedDB, caches)
 * and nested workers, which would start with a fresh, unneutralised global. Browser APIs live on the
 * prototypes of the global object as often as on the object itself, so every level is cleared. This
 * is defence in depth: the sandbox iframe's Content-Security-Policy (`connect-src 'none'`) and its
 * opaque origin already block the network and the site's storage.
 */
const BLOCKED_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'EventSource',
  'WebTransport',
  'importScripts',
  'indexedDB',
  'caches',
  'Worker',
  'SharedWorker',
  'BroadcastChannel',
  'RTCPeerConnection',
] as const;

export function neutraliseGlobals(scope: object): void {
  for (let level: object | null = scope; level !== null && level !== Object.prototype; level = Object.getPrototypeOf(level) as object | null) {
    for (const name of BLOCKED_GLOBALS) {
      if (!Object.prototype.hasOwnProperty.call(level, name)) continue;
      // Writable so the engine can install its own `fetch` afterwards; the original is gone either way.
      if (!Reflect.deleteProperty(level, name)) {
        Object.defineProperty(level, name, { value: undefined, configurable: true, writable: true, enumerable: false });
      }
    }
  }
  const navigator = (scope as { navigator?: object }).navigator;
  if (navigator) {
    for (let level: object | null = navigator; level !== null && level !== Object.prototype; level = Object.getPrototypeOf(level) as object | null) {
      if (Object.prototype.hasOwnProperty.call(level, 'sendBeacon')) Reflect.deleteProperty(level, 'sendBeacon');
    }
  }
}

/**
 * What the sandbox Worker lacks or must not keep, replaced before learner code runs. The Worker
 * starts from a Blob URL inside an opaque-origin iframe and is not a secure context, so SDKs written
 * for Node 22 or a browser miss `crypto.randomUUID` and `crypto.subtle` (see ../shared/providers.md);
 * and every way to reach a real host must either go to the simulated network or fail saying why.
 *
 * - `crypto.randomUUID`: RFC 4122 version 4 on `getRandomValues` (which the Worker has).
 * - `crypto.subtle`: relayed to the iframe, which is a secure context, over the worker's private
 *   channel; keys stay there and the program holds handles. Chosen over a pure-JS implementation
 *   (@noble/hashes, @noble/ciphers) because the relay is the browser's own WebCrypto: every algorithm,
 *   exact errors (DOMException names), non-extractable keys that really are, and no code in the
 *   worker bundle; a pure-JS SubtleCrypto would cover a subset, add ~30 KB gz, and differ in errors.
 * - `XMLHttpRequest`: routed to the program's `fetch` (the simulated network), so axios-based clients
 *   (node-vault) work and never send a real request.
 * - `WebSocket`, `EventSource`, `WebTransport`, `importScripts`, `Worker`, `SharedWorker`: throw an
 *   error that says what to use instead.
 */
import { installSubtleRelay, type OpenHandle, type SubtlePost } from './subtle-relay.ts';
import { SandboxXMLHttpRequest } from './xml-http-request.ts';

function unavailable(name: string, why: string): () => never {
  const fail = function (): never {
    throw new TypeError(`${name} is not available in the sandbox: ${why}`);
  };
  Object.defineProperty(fail, 'name', { value: name });
  return fail;
}

const NETWORK = 'programs here reach only the course\'s simulated services, over HTTP with fetch (or a client built on it)';

const STAND_INS: Record<string, unknown> = {
  WebSocket: unavailable('WebSocket', NETWORK),
  WebSocketStream: unavailable('WebSocketStream', NETWORK),
  EventSource: unavailable('EventSource', NETWORK),
  WebTransport: unavailable('WebTransport', NETWORK),
  RTCPeerConnection: unavailable('RTCPeerConnection', NETWORK),
  importScripts: unavailable('importScripts()', 'a Node program loads code with import or require'),
  Worker: unavailable('Worker', 'a program runs on one thread here (node:worker_threads is not supported either)'),
  SharedWorker: unavailable('SharedWorker', 'a program runs on one thread here'),
  XMLHttpRequest: SandboxXMLHttpRequest,
};

export interface PlatformHost {
  /** Posts a `subtle` request on the worker's private channel. */
  postSubtle: SubtlePost;
  /** Keeps the program alive while a relayed call is pending. */
  openHandle: OpenHandle;
}

/** Call after neutraliseGlobals (which removed the originals); returns the handler for `subtle-result`. */
export function installWorkerPlatform(scope: Record<string, unknown>, host: PlatformHost): ReturnType<typeof installSubtleRelay> {
  for (const [name, value] of Object.entries(STAND_INS)) {
    Object.defineProperty(scope, name, { value, writable: true, configurable: true, enumerable: false });
  }
  const crypto = scope['crypto'] as Crypto | undefined;
  if (crypto && typeof crypto.randomUUID !== 'function') {
    Object.defineProperty(crypto, 'randomUUID', { value: () => randomUUID(crypto), writable: true, configurable: true });
  }
  return installSubtleRelay(scope, host.postSubtle, host.openHandle);
}

export function randomUUID(crypto: Pick<Crypto, 'getRandomValues'>): `${string}-${string}-${string}-${string}-${string}` {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * `crypto.subtle` for the sandbox Worker, which is not a secure context: each call is posted to the
 * iframe's relay (a secure context) on the worker's private channel and answered there by the
 * browser's own WebCrypto (see RELAY_SCRIPT in sandbox-frame.ts). CryptoKeys cannot be cloned into
 * this Worker, so they stay in the relay and the program holds a `CryptoKey` stand-in naming one by
 * handle, with the real key's type, algorithm, usages and extractability.
 */

export const SUBTLE_METHODS = ['encrypt', 'decrypt', 'sign', 'verify', 'digest', 'generateKey', 'deriveKey', 'deriveBits', 'importKey', 'exportKey', 'wrapKey', 'unwrapKey'] as const;
export type SubtleMethod = (typeof SUBTLE_METHODS)[number];

export type SubtlePost = (request: { type: 'subtle'; id: number; method: SubtleMethod; args: unknown[] }) => void;

/** How a key crosses the channel: a handle, plus what the program may read of it. */
export interface KeyReference {
  __sandboxKey: number;
  type?: KeyType;
  extractable?: boolean;
  algorithm?: KeyAlgorithm;
  usages?: KeyUsage[];
}

const handles = new WeakMap<object, number>();

/** The program's view of a key kept in the relay. */
export class SandboxCryptoKey {
  readonly type: KeyType;
  readonly extractable: boolean;
  readonly algorithm: KeyAlgorithm;
  readonly usages: KeyUsage[];

  constructor(reference: KeyReference) {
    this.type = reference.type ?? 'secret';
    this.extractable = reference.extractable ?? false;
    this.algorithm = reference.algorithm ?? { name: 'unknown' };
    this.usages = reference.usages ?? [];
    handles.set(this, reference.__sandboxKey);
    Object.freeze(this);
  }

  get [Symbol.toStringTag](): string {
    return 'CryptoKey';
  }
}

function isKeyReference(value: unknown): value is KeyReference {
  return typeof value === 'object' && value !== null && typeof (value as KeyReference).__sandboxKey === 'number';
}

function isPlainContainer(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer);
}

/** Keys become references; everything else is cloned as it is. */
export function encodeArgument(value: unknown): unknown {
  if (value instanceof SandboxCryptoKey) return { __sandboxKey: handles.get(value) };
  if (Array.isArray(value)) return value.map(encodeArgument);
  if (isPlainContainer(value)) {
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) out[name] = encodeArgument(item);
    return out;
  }
  return value;
}

/** References become `CryptoKey` stand-ins (a key pair holds two). */
export function decodeResult(value: unknown): unknown {
  if (isKeyReference(value)) return new SandboxCryptoKey(value);
  if (isPlainContainer(value) && isKeyReference(value['publicKey']) && isKeyReference(value['privateKey'])) {
    return { publicKey: new SandboxCryptoKey(value['publicKey']), privateKey: new SandboxCryptoKey(value['privateKey']) };
  }
  return value;
}

export type SubtleAnswer = { type: 'subtle-result'; id: number; value?: unknown; error?: { name: string; message: string } };

/** A pending operation keeps the program alive, as in Node; returns a closer. */
export type OpenHandle = () => (() => void) | undefined;

/**
 * Installs `crypto.subtle` (and `CryptoKey`) when the scope has none. Returns the handler for the
 * relay's answers, for the worker entry to call.
 */
export function installSubtleRelay(scope: Record<string, unknown>, post: SubtlePost, openHandle: OpenHandle = () => undefined): (answer: SubtleAnswer) => void {
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void; close: (() => void) | undefined }>();
  let nextId = 1;
  const crypto = scope['crypto'] as (Crypto & { subtle?: SubtleCrypto }) | undefined;
  if (crypto && !crypto.subtle) {
    const subtle: Record<string, unknown> = {};
    for (const method of SUBTLE_METHODS) {
      subtle[method] = (...args: unknown[]): Promise<unknown> =>
        new Promise((resolve, reject) => {
          const id = nextId++;
          pending.set(id, { resolve, reject, close: openHandle() });
          post({ type: 'subtle', id, method, args: encodeArgument(args) as unknown[] });
        });
    }
    Object.defineProperty(crypto, 'subtle', { value: Object.freeze(subtle), configurable: true, enumerable: true });
    if (!('CryptoKey' in scope)) Object.defineProperty(scope, 'CryptoKey', { value: SandboxCryptoKey, writable: true, configurable: true });
  }
  return (answer) => {
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id);
    waiting.close?.();
    if (answer.error) waiting.reject(new DOMException(answer.error.message, answer.error.name));
    else waiting.resolve(decodeResult(answer.value));
  };
}

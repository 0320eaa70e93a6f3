/**
 * The program's `fetch`: builds a real `Request`, sends it as plain data through `transport` (to the
 * page's SimulatedNetwork) and rebuilds the `Response`. The response body is already in memory, so
 * `text()`, `json()` and `arrayBuffer()` are answered from it directly: they then settle in
 * microtasks, which keeps the engine's "is the program finished?" check exact.
 */
import {
  deserializeResponse,
  serializeRequest,
  type NetworkFailure,
  type SerializedRequest,
  type SerializedResponse,
} from '../network/http-message.ts';
import type { EventLoop } from './event-loop.ts';

export type FetchTransport = (request: SerializedRequest) => Promise<SerializedResponse | NetworkFailure>;

function isFailure(value: SerializedResponse | NetworkFailure): value is NetworkFailure {
  return 'message' in value && !('status' in value);
}

export function createSimulatedFetch(transport: FetchTransport, loop: EventLoop): typeof fetch {
  const simulatedFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const handle = loop.openHandle();
    try {
      const request = new Request(input, init);
      const answer = await transport(await serializeRequest(request));
      if (isFailure(answer)) throw new TypeError(answer.message);
      const response = deserializeResponse(answer);
      const bytes = answer.body ?? new ArrayBuffer(0);
      const text = (): string => new TextDecoder().decode(bytes);
      let used = false;
      const consume = <T>(read: () => T): Promise<T> => {
        if (used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
        used = true;
        try {
          return Promise.resolve(read());
        } catch (error) {
          return Promise.reject(error);
        }
      };
      Object.defineProperties(response, {
        url: { value: request.url },
        bodyUsed: { get: () => used },
        text: { value: () => consume(text) },
        json: { value: () => consume(() => JSON.parse(text()) as unknown) },
        arrayBuffer: { value: () => consume(() => bytes.slice(0)) },
        bytes: { value: () => consume(() => new Uint8Array(bytes.slice(0))) },
      });
      return response;
    } finally {
      handle.close();
    }
  };
  return simulatedFetch as typeof fetch;
}

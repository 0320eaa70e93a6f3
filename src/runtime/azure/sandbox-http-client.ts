/**
 * The `httpClient` the sandbox hands to every `SecretClient`: the real SDK pipeline (challenge-based
 * authentication with resource verification, retries, paging, pollers) runs unchanged, and only the
 * last step, putting bytes on the wire, goes through the program's own simulated `fetch`. The same
 * client serves the SDK's browser build (Chromium) and its Node build (vitest), so both reach the
 * page's mock vault the same way and the URL stays `https://<name>.vault.azure.net`.
 */
import { RestError, createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';

export function createSandboxHttpClient(sandboxFetch: typeof fetch): HttpClient {
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      if (request.abortSignal?.aborted) throw abortError();
      const method = request.method.toUpperCase();
      const body = method === 'GET' || method === 'HEAD' ? undefined : await bodyOf(request.body);
      let response: Response;
      try {
        response = await sandboxFetch(request.url, { method, headers: request.headers.toJSON(), ...(body !== undefined ? { body } : {}) });
      } catch (error) {
        // The real fetch client reports an unreachable host the same way: a RestError with
        // REQUEST_SEND_ERROR, whose message here names the hosts the sandbox does have.
        throw new RestError(error instanceof Error ? error.message : String(error), { code: RestError.REQUEST_SEND_ERROR, request });
      }
      const text = await response.text();
      return { request, status: response.status, headers: createHttpHeaders(Object.fromEntries(response.headers)), bodyAsText: text === '' ? null : text };
    },
  };
}

function abortError(): Error {
  const error = new Error('The operation was aborted.');
  error.name = 'AbortError';
  return error;
}

/** Key Vault requests only carry JSON text; other body kinds are passed on as bytes. */
async function bodyOf(body: PipelineRequest['body']): Promise<string | Uint8Array<ArrayBuffer> | Blob | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'function') return bodyOf(body() as PipelineRequest['body']);
  if (typeof body === 'string' || body instanceof Blob) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return Uint8Array.from(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) return new Uint8Array(await new Response(body).arrayBuffer());
  throw new TypeError(`The sandbox's httpClient cannot send a body of type ${Object.prototype.toString.call(body)}.`);
}

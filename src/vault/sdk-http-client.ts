import type { VaultFetch } from "./vault-fetch.ts";

/**
 * An `HttpClient` for the Azure SDK's pipeline (@azure/core-rest-pipeline's shape, declared
 * here so the engine imports no Azure package) that hands each request to the vault's fetch
 * handler in memory: no sockets, and the URL stays `https://<name>.vault.azure.net`, so the
 * SDK's challenge-resource check stays on, exactly as against Azure.
 *
 *   const client = new SecretClient("https://payments-kv.vault.azure.net", credential, {
 *     httpClient: createVaultHttpClient(createVaultFetch(engine)),
 *   });
 */
export interface PipelineHeadersLike extends Iterable<[string, string]> {
  get(name: string): string | undefined;
}

export interface PipelineRequestLike {
  url: string;
  method: string;
  headers: PipelineHeadersLike;
  body?: unknown;
  abortSignal?: { readonly aborted: boolean };
}

/** Case-insensitive response headers with the methods the pipeline's policies call. */
export class PipelineHeaders implements Iterable<[string, string]> {
  readonly #map = new Map<string, { name: string; value: string }>();

  constructor(entries: Iterable<[string, string]> = []) {
    for (const [name, value] of entries) this.set(name, value);
  }
  get(name: string): string | undefined {
    return this.#map.get(name.toLowerCase())?.value;
  }
  has(name: string): boolean {
    return this.#map.has(name.toLowerCase());
  }
  set(name: string, value: string | number | boolean): void {
    this.#map.set(name.toLowerCase(), { name, value: String(value) });
  }
  delete(name: string): void {
    this.#map.delete(name.toLowerCase());
  }
  toJSON(options: { preserveCase?: boolean } = {}): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, { name, value }] of this.#map) out[options.preserveCase ? name : key] = value;
    return out;
  }
  *[Symbol.iterator](): Iterator<[string, string]> {
    for (const [key, { value }] of this.#map) yield [key, value];
  }
}

export interface PipelineResponseLike<R> {
  request: R;
  status: number;
  headers: PipelineHeaders;
  bodyAsText: string | null;
}

export interface VaultHttpClient {
  sendRequest<R extends PipelineRequestLike>(request: R): Promise<PipelineResponseLike<R>>;
}

export function createVaultHttpClient(vaultFetch: VaultFetch): VaultHttpClient {
  return {
    async sendRequest<R extends PipelineRequestLike>(request: R): Promise<PipelineResponseLike<R>> {
      if (request.abortSignal?.aborted) {
        const error = new Error("The operation was aborted.");
        error.name = "AbortError";
        throw error;
      }
      const headers = new Headers();
      for (const [name, value] of request.headers) headers.set(name, value);
      const method = request.method.toUpperCase();
      const body = await bodyOf(request.body);
      const response = await vaultFetch(
        new Request(request.url, { method, headers, ...(body !== undefined && method !== "GET" ? { body } : {}) }),
      );
      const text = await response.text();
      return {
        request,
        status: response.status,
        headers: new PipelineHeaders(response.headers),
        bodyAsText: text === "" ? null : text,
      };
    },
  };
}

/** The body kinds the pipeline may hand over; Key Vault requests only ever carry JSON text. */
async function bodyOf(body: unknown): Promise<string | Uint8Array<ArrayBuffer> | Blob | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "function") return bodyOf((body as () => unknown)());
  if (typeof body === "string" || body instanceof Blob) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return Uint8Array.from(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  if (typeof ReadableStream !== "undefined" && body instanceof ReadableStream) {
    return new Uint8Array(await new Response(body).arrayBuffer());
  }
  throw new TypeError(`The vault's httpClient cannot send a body of type ${Object.prototype.toString.call(body)}.`);
}

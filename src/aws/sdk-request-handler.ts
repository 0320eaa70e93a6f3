import type { AwsFetch } from "./aws-fetch.ts";

/**
 * An `HttpHandler` for the official AWS SDK v3 (`requestHandler` in a client's config) that
 * hands each request to a fetch-shaped function instead of the network: how tests (and a
 * page) drive the real `SecretsManagerClient` / `STSClient` against the engine.
 *
 * Only the shapes the SDK uses are declared here, so the engine does not depend on Smithy's
 * types at run time.
 */
export interface SdkHttpRequestLike {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

export interface SdkHttpResponseLike {
  statusCode: number;
  reason?: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface SdkRequestHandler {
  handle(request: SdkHttpRequestLike): Promise<{ response: SdkHttpResponseLike }>;
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): Record<string, never>;
}

export function createSdkRequestHandler(fetchLike: AwsFetch): SdkRequestHandler {
  return {
    async handle(request) {
      const search = new URLSearchParams();
      for (const [k, v] of Object.entries(request.query ?? {})) {
        if (v === null) search.append(k, "");
        else for (const item of Array.isArray(v) ? v : [v]) search.append(k, item);
      }
      const qs = search.toString();
      const url = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ""}${request.path}${qs ? `?${qs}` : ""}`;
      const body = request.body === undefined || request.body === null ? undefined : typeof request.body === "string" ? request.body : (request.body as Uint8Array);
      const response = await fetchLike(
        new Request(url, { method: request.method, headers: request.headers, ...(body !== undefined && request.method !== "GET" && request.method !== "HEAD" ? { body: body as BodyInit } : {}) }),
      );
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name] = value));
      return { response: { statusCode: response.status, reason: response.statusText, headers, body: new Uint8Array(await response.arrayBuffer()) } };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  };
}

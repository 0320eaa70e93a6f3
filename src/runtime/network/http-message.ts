/**
 * Requests and responses as plain data, the shape that crosses postMessage between the worker (where
 * the program calls fetch) and the page (where the simulated network lives).
 */

export interface SerializedRequest {
  url: string;
  method: string;
  headers: [string, string][];
  body: ArrayBuffer | null;
}

export interface SerializedResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: ArrayBuffer | null;
}

/** Why a simulated request failed; becomes a `TypeError` inside the program, like a failed fetch. */
export interface NetworkFailure {
  message: string;
}

const NO_BODY_METHODS = new Set(['GET', 'HEAD']);
const NO_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export async function serializeRequest(request: Request): Promise<SerializedRequest> {
  return {
    url: request.url,
    method: request.method,
    headers: [...request.headers],
    body: NO_BODY_METHODS.has(request.method) ? null : await request.arrayBuffer(),
  };
}

export function deserializeRequest(data: SerializedRequest): Request {
  return new Request(data.url, { method: data.method, headers: data.headers, body: data.body });
}

export async function serializeResponse(response: Response): Promise<SerializedResponse> {
  return {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers],
    body: NO_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer(),
  };
}

export function deserializeResponse(data: SerializedResponse): Response {
  return new Response(NO_BODY_STATUSES.has(data.status) ? null : data.body, {
    status: data.status,
    statusText: data.statusText,
    headers: data.headers,
  });
}

/**
 * A mock external API, `api.payments.example`, shaped like a typical card-payments API: the thing a
 * leaked key would unlock. `POST /v1/charges` needs `Authorization: Bearer sk_test_...`; every request
 * is recorded (method, URL, query, headers, body) so grading can check that a secret reached the
 * `Authorization` header and nowhere else (URL, query, body).
 */
import type { RequestHandler } from './simulated-network.ts';

export const PAYMENTS_API_HOST = 'api.payments.example';

export interface RecordedRequest {
  method: string;
  url: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  /** The status the API answered with. */
  status: number;
}

export interface PaymentsApiOptions {
  /** Keys the API accepts. Default: any key that starts with `sk_test_`. */
  acceptKey?: (key: string) => boolean;
}

export interface PaymentsApi {
  handler: RequestHandler;
  /** Every request received so far, oldest first (read-only view). */
  readonly requests: readonly RecordedRequest[];
  reset(): void;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function apiError(status: number, type: string, message: string): Response {
  return json(status, { error: { type, message } });
}

export function createPaymentsApi(options: PaymentsApiOptions = {}): PaymentsApi {
  const acceptKey = options.acceptKey ?? ((key: string) => /^sk_test_\w+$/.test(key));
  const requests: RecordedRequest[] = [];
  let nextCharge = 1;

  const route = (request: Request, url: URL, body: string): Response => {
    if (url.pathname !== '/v1/charges') return apiError(404, 'invalid_request_error', `Unrecognized request URL (${request.method}: ${url.pathname}).`);
    if (request.method !== 'POST') return apiError(405, 'invalid_request_error', `${request.method} is not allowed on /v1/charges; use POST.`);
    const authorization = request.headers.get('authorization');
    if (!authorization) return apiError(401, 'authentication_error', 'You did not provide an API key. Send it as "Authorization: Bearer sk_test_...".');
    const match = /^Bearer (.+)$/.exec(authorization);
    if (!match?.[1] || !acceptKey(match[1])) return apiError(401, 'authentication_error', 'Invalid API key provided.');
    const params = request.headers.get('content-type')?.includes('application/json')
      ? (JSON.parse(body || '{}') as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(body));
    const amount = Number(params['amount']);
    if (!Number.isInteger(amount) || amount <= 0) return apiError(400, 'invalid_request_error', 'Missing or invalid "amount" (a positive integer, in cents).');
    return json(200, {
      id: `ch_demo_${String(nextCharge++).padStart(4, '0')}`,
      object: 'charge',
      amount,
      currency: typeof params['currency'] === 'string' ? params['currency'] : 'usd',
      status: 'succeeded',
    });
  };

  const handler: RequestHandler = async (request) => {
    const url = new URL(request.url);
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    let response: Response;
    try {
      response = route(request, url, body);
    } catch {
      response = apiError(400, 'invalid_request_error', 'The request body could not be parsed.');
    }
    requests.push({
      method: request.method,
      url: request.url,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(request.headers),
      body,
      status: response.status,
    });
    return response;
  };

  return {
    handler,
    get requests() {
      return requests;
    },
    reset: () => {
      requests.length = 0;
    },
  };
}

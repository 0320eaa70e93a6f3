/** Reads a request's body bytes once (the signature check and the parser both need them). */
export async function readBody(request: Request): Promise<Uint8Array> {
  return new Uint8Array(await request.arrayBuffer());
}

export function jsonReply(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": crypto.getRandomValues(new Uint32Array(4)).join("-"), ...extra },
  });
}

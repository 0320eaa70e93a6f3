import type { RotationEvent, RotationInvocation } from "../rotation/rotation-runner.ts";

/**
 * The Lambda Runtime API (version 2018-06-01) for rotation functions whose code runs in the
 * learner's program: Secrets Manager's invocations wait in a queue, and the program's runtime loop
 * takes them as a Lambda runtime does (`GET .../runtime/invocation/next`), runs the handler and
 * reports (`POST .../runtime/invocation/<id>/response` or `/error`). Served at AWS_LAMBDA_RUNTIME_API
 * (127.0.0.1:9001), by fetch, so the page, the grader and Node serve it alike.
 *
 * Two things are the sandbox's, not Lambda's, and the program's loop is written for them:
 * - Lambda starts a function with its execution role's credentials in its environment; a program
 *   here is already running, so each invocation carries them in `Lambda-Runtime-Credentials`
 *   (JSON: accessKeyId, secretAccessKey, sessionToken, expiration) for the loop to put in
 *   process.env before it calls the handler.
 * - Lambda freezes an idle environment and later kills it; here, once a rotation has ended and no
 *   other is running or waiting, a pending or later `next` answers 410 Gone, and the loop ends
 *   (before the first rotation, `next` waits, as a fresh runtime does).
 */
export const RUNTIME_API_HOST = "127.0.0.1";
export const RUNTIME_API_PORT = "9001";
const PREFIX = "/2018-06-01/runtime/invocation/";

interface Invocation {
  id: string;
  functionArn: string;
  event: RotationEvent;
  credentials: RotationInvocation["credentials"];
  settle: { resolve: () => void; reject: (error: Error) => void };
}

export class LambdaRuntimeApi {
  readonly #queue: Invocation[] = [];
  readonly #waiting: Array<(invocation: Invocation | undefined) => void> = [];
  readonly #running = new Map<string, Invocation>();
  #busy = 0;
  #shutDown = false;
  #nextId = 1;

  /** One invocation of a program-hosted function; settles when the program reports. */
  invoke(functionArn: string, event: RotationEvent, invocation: RotationInvocation): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const item: Invocation = { id: `sandbox-${this.#nextId++}-${event.Step}`, functionArn, event, credentials: invocation.credentials, settle: { resolve, reject } };
      const waiter = this.#waiting.shift();
      if (waiter) waiter(item);
      else this.#queue.push(item);
    });
  }

  /** A rotation starts (its invocations may come one after another) or ends. */
  begin(): void {
    this.#busy++;
    this.#shutDown = false;
  }

  end(): void {
    this.#busy = Math.max(0, this.#busy - 1);
    if (this.#busy === 0 && this.#queue.length === 0) {
      this.#shutDown = true;
      for (const waiter of this.#waiting.splice(0)) waiter(undefined);
    }
  }

  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.port !== RUNTIME_API_PORT || !url.pathname.startsWith(PREFIX)) return json(404, { errorType: "NotFound", errorMessage: `No Lambda Runtime API route ${request.method} ${url.pathname}` });
    const rest = url.pathname.slice(PREFIX.length);
    if (rest === "next" && request.method === "GET") {
      const item = this.#queue.shift() ?? (this.#shutDown ? undefined : await new Promise<Invocation | undefined>((resolve) => this.#waiting.push(resolve)));
      if (!item) return json(410, { errorType: "EnvironmentShutDown", errorMessage: "No rotation is running: the sandbox shut this function's environment down." });
      this.#running.set(item.id, item);
      const { expiration, ...keys } = item.credentials;
      return new Response(JSON.stringify(item.event), {
        headers: {
          "content-type": "application/json",
          "lambda-runtime-aws-request-id": item.id,
          "lambda-runtime-invoked-function-arn": item.functionArn,
          "lambda-runtime-deadline-ms": String(Date.now() + 30_000),
          "lambda-runtime-credentials": JSON.stringify({ ...keys, ...(expiration ? { expiration: expiration.toISOString() } : {}) }),
        },
      });
    }
    const m = /^([^/]+)\/(response|error)$/.exec(rest);
    const item = m ? this.#running.get(m[1]!) : undefined;
    if (!m || !item || request.method !== "POST") return json(400, { errorType: "InvalidRequestID", errorMessage: `Invalid request ID or route: ${request.method} ${url.pathname}` });
    this.#running.delete(item.id);
    if (m[2] === "response") item.settle.resolve();
    else {
      const body = (await request.json().catch(() => ({}))) as { errorMessage?: unknown; errorType?: unknown };
      item.settle.reject(Object.assign(new Error(typeof body.errorMessage === "string" ? body.errorMessage : "The function reported an error."), { name: typeof body.errorType === "string" ? body.errorType : "Error" }));
    }
    return json(202, { status: "OK" });
  }
}

const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

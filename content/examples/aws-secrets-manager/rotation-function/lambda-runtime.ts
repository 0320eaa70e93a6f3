// What Lambda's runtime does around your handler, in a few lines: take the next invocation from the
// Lambda Runtime API, call the handler, report the result. In AWS the function runs in its own
// environment with its execution role's credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
// AWS_SESSION_TOKEN; here it runs inside this program, so each invocation brings them along
// (Lambda-Runtime-Credentials), and the sandbox answers 410 when no rotation is left to run.
const api = `http://${process.env.AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation`;

export async function serve(handler: (event: never) => Promise<void>): Promise<void> {
  for (;;) {
    const next = await fetch(`${api}/next`);
    if (next.status === 410) return;
    const id = next.headers.get("lambda-runtime-aws-request-id");
    const credentials = JSON.parse(next.headers.get("lambda-runtime-credentials") ?? "{}") as Record<string, string>;
    process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
    process.env.AWS_SESSION_TOKEN = credentials.sessionToken;
    try {
      await handler((await next.json()) as never);
      await fetch(`${api}/${id}/response`, { method: "POST", body: "null" });
    } catch (error) {
      const { name, message } = error as Error;
      console.error(`${name}: ${message}`);
      await fetch(`${api}/${id}/error`, { method: "POST", body: JSON.stringify({ errorType: name, errorMessage: message }) });
    }
  }
}

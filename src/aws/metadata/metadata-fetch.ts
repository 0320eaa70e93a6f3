import type { AwsEngine, ComputeRole } from "../aws-engine.ts";
import { isoSeconds } from "../clock.ts";
import type { AccessKey } from "../iam/directory.ts";

/**
 * Where a workload's credentials come from without any key in its config:
 * - EC2 IMDSv2 at 169.254.169.254: `PUT /latest/api/token` (header
 *   `x-aws-ec2-metadata-token-ttl-seconds`, 1-21600) returns a token; every GET must carry it
 *   as `x-aws-ec2-metadata-token` (401 otherwise, unless IMDSv1 is allowed);
 *   `GET /latest/meta-data/iam/security-credentials/` names the role, `.../<role>` returns
 *   `{Code, LastUpdated, Type, AccessKeyId, SecretAccessKey, Token, Expiration}`.
 * - ECS at 169.254.170.2 + `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`:
 *   `{RoleArn, AccessKeyId, SecretAccessKey, Token, Expiration}`.
 * Both are plain HTTP, unsigned; the event log records each hand-out.
 */
const text = (status: number, body: string, headers: Record<string, string> = {}): Response =>
  new Response(body, { status, headers: { "content-type": "text/plain", ...headers } });

export function createImdsFetch(engine: AwsEngine): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const path = url.pathname;
    if (path === "/latest/api/token") {
      if (request.method !== "PUT") return text(405, "");
      const ttl = Number(request.headers.get("x-aws-ec2-metadata-token-ttl-seconds"));
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21600) return text(400, "");
      return text(200, engine.issueImdsToken(ttl), { "x-aws-ec2-metadata-token-ttl-seconds": String(ttl) });
    }
    if (request.method !== "GET") return text(405, "");
    if (!engine.imdsV1Allowed && !engine.imdsTokenValid(request.headers.get("x-aws-ec2-metadata-token"))) return text(401, "");
    const compute = engine.instanceRole;
    const base = "/latest/meta-data/iam/security-credentials/";
    if (path === "/latest/meta-data/instance-id") return text(200, compute?.sessionName ?? "i-0123456789abcdef0");
    if (path === "/latest/meta-data/placement/region") return text(200, engine.region);
    if (path === "/latest/dynamic/instance-identity/document") {
      return new Response(JSON.stringify({ accountId: engine.accountId, region: engine.region, instanceId: compute?.sessionName ?? "i-0123456789abcdef0" }), { headers: { "content-type": "application/json" } });
    }
    if (path === base || path === base.slice(0, -1)) return compute ? text(200, compute.role.name) : text(404, notFoundHtml);
    if (path.startsWith(base) && compute && path.slice(base.length) === compute.role.name) {
      const key = handOut(engine, compute, "ec2-instance-metadata", "ec2-metadata");
      return new Response(
        JSON.stringify({ Code: "Success", LastUpdated: isoSeconds(engine.clock.now()), Type: "AWS-HMAC", AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey, Token: key.sessionToken, Expiration: isoSeconds(key.expiration ?? 0) }, null, 2),
        { headers: { "content-type": "text/plain" } },
      );
    }
    return text(404, notFoundHtml);
  };
}

export function createEcsCredentialsFetch(engine: AwsEngine): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const task = engine.taskRole;
    if (request.method !== "GET" || !task || url.pathname !== task.relativeUri) {
      return new Response(JSON.stringify({ code: "NotFound", message: "Unable to find credentials for the given ID" }), { status: 400, headers: { "content-type": "application/json" } });
    }
    const key = handOut(engine, task, "ecs-container-credentials", "ecs-agent");
    return new Response(
      JSON.stringify({ RoleArn: task.role.arn, AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey, Token: key.sessionToken, Expiration: isoSeconds(key.expiration ?? 0) }),
      { headers: { "content-type": "application/json" } },
    );
  };
}

function handOut(engine: AwsEngine, compute: ComputeRole, via: "ec2-instance-metadata" | "ecs-container-credentials", source: string): AccessKey {
  const key = engine.computeCredentials(compute, via);
  engine.events.record({
    time: Math.floor(engine.clock.now()),
    eventSource: source,
    eventName: "GetRoleCredentials",
    region: engine.region,
    principalArn: `arn:aws:sts::${engine.accountId}:assumed-role/${compute.role.name}/${compute.sessionName}`,
    accessKeyId: key.accessKeyId,
    resource: compute.role.arn,
    result: "success",
  });
  return key;
}

const notFoundHtml = `<?xml version="1.0" encoding="iso-8859-1"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
\t"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
 <head>
  <title>404 - Not Found</title>
 </head>
 <body>
  <h1>404 - Not Found</h1>
 </body>
</html>
`;

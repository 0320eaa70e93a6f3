import type { AwsEngine } from "./aws-engine.ts";
import { AwsError, CommonErrors, SecretsManagerErrors } from "./errors.ts";
import { principalArn, type Principal } from "./iam/directory.ts";
import { readBody, jsonReply } from "./request-body.ts";
import { OPERATIONS, type Json } from "./secrets/operations.ts";
import type { Secret } from "./secrets/secret-store.ts";
import { verifySigV4, type SigV4Failures } from "./sigv4.ts";

/**
 * Secrets Manager over awsJson1_1 (`POST /`, `X-Amz-Target: secretsmanager.<Operation>`).
 * One pipeline, in this order:
 *   1. dispatch      X-Amz-Target names a known operation (else UnknownOperationException)
 *   2. authenticate  SigV4 against the IAM directory (Missing/Incomplete/Unrecognized/Invalid/Expired)
 *   3. deserialize   the body is a JSON object (else SerializationException)
 *   4. resolve       the secret named by SecretId (name, full or partial ARN)
 *   5. authorize     identity + the secret's resource policy (AccessDeniedException)
 *   6. handle        the operation; KMS checked where the value is read or written
 *   7. serialize     JSON reply; an AwsError becomes `{"__type","message"}`, anything else a 500
 * and every request, whatever its outcome, becomes one event in the log. A refused request
 * changes nothing: handlers validate before they write.
 */
export const JSON_FAILURES: SigV4Failures = {
  missing: CommonErrors.missingAuthentication,
  incomplete: CommonErrors.incompleteSignature,
  unknownKey: CommonErrors.unrecognizedClient,
  badSignature: CommonErrors.invalidSignature,
  expired: CommonErrors.expiredToken,
  wrongScope: (detail) => new AwsError(400, "InvalidSignatureException", detail),
};

export function createSecretsManagerFetch(engine: AwsEngine): (request: Request) => Promise<Response> {
  return async function secretsManagerFetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const target = request.headers.get("x-amz-target") ?? "";
    const operationName = target.startsWith("secretsmanager.") ? target.slice("secretsmanager.".length) : "";
    let principal: Principal | undefined;
    let accessKeyId: string | undefined;
    let resource: string | undefined;
    const detail: Record<string, string> = {};
    let response: Response;
    let error: AwsError | undefined;
    try {
      // 1. dispatch
      const operation = Object.hasOwn(OPERATIONS, operationName) ? OPERATIONS[operationName] : undefined;
      if (request.method !== "POST" || !operation) throw CommonErrors.unknownOperation(target);
      // 2. authenticate
      const body = await readBody(request);
      const verified = await verifySigV4({ method: request.method, url, headers: request.headers, body }, engine.iam, { service: "secretsmanager", region: engine.region }, JSON_FAILURES);
      principal = verified.key.principal;
      accessKeyId = verified.key.accessKeyId;
      // 3. deserialize
      const input = parseJsonObject(body);
      for (const k of ["VersionStage", "VersionId", "ClientRequestToken", "MoveToVersionId", "RemoveFromVersionId"]) {
        if (typeof input[k] === "string") detail[k] = input[k] as string;
      }
      // 4. resolve
      let secret: Secret | undefined;
      if (operation.secretField) {
        const id = input[operation.secretField];
        if (typeof id !== "string" || id === "") throw SecretsManagerErrors.validation([`Value null at '${operation.secretField === "SecretId" ? "secretId" : "name"}' failed to satisfy constraint: Member must not be null`]);
        resource = id;
        secret = engine.secrets.find(id);
        if (secret) resource = secret.arn;
      } else if (operationName === "CreateSecret" && typeof input.Name === "string") {
        resource = `arn:aws:secretsmanager:${engine.region}:${engine.accountId}:secret:${input.Name}`;
      }
      // 5. authorize (before existence is revealed, as AWS does)
      const who = principal;
      // Policies match the secret's ARN; the message names the SecretId as the caller gave it (a
      // name stays a name), as AWS's own messages do: "... secretsmanager:GetSecretValue on
      // resource: myapp/top-secret because no identity-based policy allows ...".
      const authorizeOn = (s: Secret | undefined, action: string, id: string, shown: string = s?.arn ?? id): string | undefined => {
        const result = engine.iam.authorize({
          principal: who,
          request: { action, resource: s?.arn ?? id, keys: conditionKeys(s, input, who) },
          resourcePolicy: s?.resourcePolicy?.document,
        });
        if (result.allowed) return undefined;
        return CommonErrors.accessDenied(principalArn(who), action, shown, result.reason).message;
      };
      const given = operation.secretField ? (input[operation.secretField] as string) : undefined;
      const denied = authorizeOn(secret, operation.action, resource ?? "*", given ?? resource ?? "*");
      if (denied) throw new AwsError(400, "AccessDeniedException", denied);
      if (operation.secretField) {
        if (!secret) throw SecretsManagerErrors.secretNotFound();
        if (secret.deletedDate !== undefined && !operation.allowDeleted) throw SecretsManagerErrors.markedForDeletion();
      }
      // 6. handle
      const result = await operation.handle({
        store: engine.secrets,
        body: input,
        secret,
        rotate: (s, token) => engine.runRotation(s, token),
        checkKms: (s, action) => {
          if (!s.kmsKeyId) return;
          const key = engine.kms.find(s.kmsKeyId);
          if (!key || !engine.kms.mayUse(key, who, action)) throw SecretsManagerErrors.kmsAccessDenied();
          if (!key.enabled) throw SecretsManagerErrors.kmsDisabled(key.arn);
        },
        mayGet: (s) => authorizeOn(s, "secretsmanager:GetSecretValue", s.arn),
      });
      if (typeof result.ARN === "string") resource = result.ARN;
      if (typeof result.VersionId === "string") detail.VersionId = result.VersionId;
      // 7. serialize
      response = jsonReply(200, result);
    } catch (thrown) {
      error = thrown instanceof AwsError ? thrown : CommonErrors.internal(thrown instanceof Error ? thrown.message : String(thrown));
      response = jsonReply(error.status, { __type: error.code, message: error.message }, { "x-amzn-errortype": `${error.code}:` });
    }
    engine.events.record({
      time: Math.floor(engine.clock.now()),
      eventSource: "secretsmanager.amazonaws.com",
      eventName: operationName || target || "Unknown",
      region: engine.region,
      principalArn: principal ? principalArn(principal) : "anonymous",
      ...(accessKeyId ? { accessKeyId } : {}),
      ...(resource ? { resource } : {}),
      result: error ? "failure" : "success",
      ...(error ? { errorCode: error.code, errorMessage: error.message } : {}),
      ...(Object.keys(detail).length ? { detail } : {}),
    });
    return response;
  };
}

function parseJsonObject(body: Uint8Array): Json {
  if (body.length === 0) throw CommonErrors.serialization("The request body is empty; Secrets Manager operations take a JSON object.");
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    throw CommonErrors.serialization("The request body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw CommonErrors.serialization("Start of structure or map found where not expected: the request body must be a JSON object.");
  return value as Json;
}

/** The condition keys a Secrets Manager request carries. */
function conditionKeys(secret: Secret | undefined, input: Json, principal: Principal): Record<string, string | string[] | undefined> {
  const keys: Record<string, string | string[] | undefined> = {
    "aws:principalarn": principal.kind === "user" ? principal.user.arn : principal.role.arn,
    "aws:principalaccount": principal.account,
    "aws:securetransport": "true",
    "secretsmanager:secretid": secret?.arn,
    "secretsmanager:versionstage": typeof input.VersionStage === "string" ? input.VersionStage : undefined,
    "secretsmanager:versionid": typeof input.VersionId === "string" ? input.VersionId : undefined,
    "secretsmanager:name": typeof input.Name === "string" ? input.Name : secret?.name,
  };
  if (principal.kind === "user") keys["aws:username"] = principal.user.name;
  for (const t of secret?.tags ?? []) {
    keys[`secretsmanager:resourcetag/${t.Key.toLowerCase()}`] = t.Value;
    keys[`aws:resourcetag/${t.Key.toLowerCase()}`] = t.Value;
  }
  if (Array.isArray(input.Tags)) {
    for (const t of input.Tags as Array<{ Key?: unknown; Value?: unknown }>) {
      if (typeof t?.Key === "string" && typeof t.Value === "string") keys[`aws:requesttag/${t.Key.toLowerCase()}`] = t.Value;
    }
  }
  return keys;
}

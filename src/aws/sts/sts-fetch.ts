import type { AwsEngine } from "../aws-engine.ts";
import { isoSeconds } from "../clock.ts";
import { AwsError, CommonErrors, StsErrors } from "../errors.ts";
import { principalArn, principalUserId, type Principal } from "../iam/directory.ts";
import { readBody } from "../request-body.ts";
import { verifySigV4, type SigV4Failures } from "../sigv4.ts";

/**
 * STS over awsQuery: a form body `Action=AssumeRole&Version=2011-06-15&RoleArn=...`, replies
 * in XML (`<AssumeRoleResponse>`), errors as `<ErrorResponse><Error><Type/><Code/><Message/>`.
 * Serves `sts.amazonaws.com` (signed for us-east-1) and `sts.<region>.amazonaws.com`.
 */
const NS = "https://sts.amazonaws.com/doc/2011-06-15/";
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export const STS_FAILURES: SigV4Failures = {
  missing: StsErrors.missingAuthentication,
  incomplete: (detail) => new AwsError(400, "IncompleteSignature", detail),
  unknownKey: StsErrors.invalidClientTokenId,
  badSignature: StsErrors.signatureDoesNotMatch,
  expired: StsErrors.expiredToken,
  wrongScope: (detail) => new AwsError(403, "SignatureDoesNotMatch", detail),
};

const escapeXml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function createStsFetch(engine: AwsEngine): (request: Request) => Promise<Response> {
  return async function stsFetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const region = url.hostname === "sts.amazonaws.com" ? "us-east-1" : (/^sts\.([a-z0-9-]+)\.amazonaws\.com$/.exec(url.hostname)?.[1] ?? engine.region);
    const requestId = crypto.getRandomValues(new Uint32Array(4)).join("-");
    let principal: Principal | undefined;
    let accessKeyId: string | undefined;
    let action = "Unknown";
    let resource: string | undefined;
    let error: AwsError | undefined;
    let xml: string;
    try {
      const body = await readBody(request);
      const params = new URLSearchParams(request.method === "GET" ? url.search : new TextDecoder().decode(body));
      action = params.get("Action") ?? "Unknown";
      if (!params.get("Action")) throw StsErrors.missingAction();
      if (action !== "GetCallerIdentity" && action !== "AssumeRole") throw StsErrors.invalidAction(action);
      const verified = await verifySigV4({ method: request.method, url, headers: request.headers, body }, engine.iam, { service: "sts", region }, STS_FAILURES);
      principal = verified.key.principal;
      accessKeyId = verified.key.accessKeyId;
      if (action === "GetCallerIdentity") {
        resource = principalArn(principal);
        xml = `<GetCallerIdentityResult><Arn>${escapeXml(principalArn(principal))}</Arn><UserId>${escapeXml(principalUserId(principal))}</UserId><Account>${principal.account}</Account></GetCallerIdentityResult>`;
      } else {
        const roleArn = params.get("RoleArn") ?? "";
        const sessionName = params.get("RoleSessionName") ?? "";
        const duration = Number(params.get("DurationSeconds") ?? "3600");
        resource = roleArn;
        const problems: string[] = [];
        if (roleArn.length < 20) problems.push(`Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20`);
        if (!SESSION_NAME.test(sessionName)) problems.push(`Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
        if (!Number.isInteger(duration) || duration < 900) problems.push(`Value '${params.get("DurationSeconds")}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`);
        if (problems.length) throw StsErrors.validation(problems);
        const role = engine.iam.roleByArn(roleArn);
        if (!role || !engine.iam.mayAssume(principal, role)) throw StsErrors.accessDenied(principalArn(principal), "sts:AssumeRole", roleArn);
        if (duration > role.maxSessionDuration) {
          throw new AwsError(400, "ValidationError", `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`);
        }
        const key = engine.iam.createSession(role, sessionName, duration, "sts:AssumeRole");
        xml =
          `<AssumeRoleResult><Credentials><AccessKeyId>${key.accessKeyId}</AccessKeyId><SecretAccessKey>${key.secretAccessKey}</SecretAccessKey>` +
          `<SessionToken>${key.sessionToken ?? ""}</SessionToken><Expiration>${isoSeconds(key.expiration ?? 0)}</Expiration></Credentials>` +
          `<AssumedRoleUser><AssumedRoleId>${role.roleId}:${escapeXml(sessionName)}</AssumedRoleId><Arn>${escapeXml(principalArn(key.principal))}</Arn></AssumedRoleUser></AssumeRoleResult>`;
      }
      xml = `<${action}Response xmlns="${NS}">${xml}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
    } catch (thrown) {
      error = thrown instanceof AwsError ? thrown : CommonErrors.internal(thrown instanceof Error ? thrown.message : String(thrown));
      xml = `<ErrorResponse xmlns="${NS}"><Error><Type>${error.fault}</Type><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    }
    engine.events.record({
      time: Math.floor(engine.clock.now()),
      eventSource: "sts.amazonaws.com",
      eventName: action,
      region,
      principalArn: principal ? principalArn(principal) : "anonymous",
      ...(accessKeyId ? { accessKeyId } : {}),
      ...(resource ? { resource } : {}),
      result: error ? "failure" : "success",
      ...(error ? { errorCode: error.code, errorMessage: error.message } : {}),
    });
    return new Response(xml, { status: error?.status ?? 200, headers: { "content-type": "text/xml", "x-amzn-requestid": requestId } });
  };
}

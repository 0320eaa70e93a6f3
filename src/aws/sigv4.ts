import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { AwsError } from "./errors.ts";
import type { AccessKey, IamDirectory } from "./iam/directory.ts";

/**
 * SigV4 verification: every request to Secrets Manager, STS and KMS proves it was signed
 * with a secret key the directory knows. The check re-signs the request with that key
 * using the official signer (`@smithy/signature-v4`, pure-JS SHA-256) and compares.
 *
 * The failures and what AWS calls them are per service (awsJson services say
 * UnrecognizedClientException, STS says InvalidClientTokenId), so the caller passes its
 * service's errors in.
 *
 * Fetch's `Request` drops `host` and `content-length`; both are rebuilt here from the URL
 * and the body bytes, since the SDK signed them.
 */
export interface SigV4Failures {
  missing(): AwsError;
  incomplete(detail: string): AwsError;
  unknownKey(): AwsError;
  badSignature(): AwsError;
  expired(): AwsError;
  /** A signature scoped to the wrong service or region (signed right, for somewhere else). */
  wrongScope(detail: string): AwsError;
}

export interface VerifiedRequest {
  key: AccessKey;
  region: string;
  service: string;
}

export interface SignatureScope {
  /** The service name a signature must be scoped to (`secretsmanager`, `sts`, `kms`). */
  service: string;
  /** The region the endpoint serves; a signature for another is refused. */
  region: string;
}

const AUTH_PATTERN = /^AWS4-HMAC-SHA256\s+(.*)$/;

interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export function parseAuthorization(header: string): ParsedAuthorization | string {
  const match = AUTH_PATTERN.exec(header.trim());
  if (!match) return `Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=${header.split(/\s/)[0] ?? ""}`;
  const fields = new Map<string, string>();
  for (const part of (match[1] ?? "").split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ["Credential", "Signature", "SignedHeaders"].filter((f) => !fields.get(f));
  if (missing.length) return missing.map((f) => `Authorization header requires '${f}' parameter.`).join(" ");
  const scope = (fields.get("Credential") ?? "").split("/");
  if (scope.length !== 5 || scope[4] !== "aws4_request") {
    return `Credential should be scoped to a valid region.`;
  }
  const [accessKeyId = "", date = "", region = "", service = ""] = scope;
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: (fields.get("SignedHeaders") ?? "").split(";").filter(Boolean),
    signature: fields.get("Signature") ?? "",
  };
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

export async function verifySigV4(
  request: { method: string; url: URL; headers: Headers; body: Uint8Array },
  iam: IamDirectory,
  scope: SignatureScope,
  failures: SigV4Failures,
): Promise<VerifiedRequest> {
  const header = request.headers.get("authorization");
  if (!header) throw failures.missing();
  const auth = parseAuthorization(header);
  if (typeof auth === "string") throw failures.incomplete(auth);
  if (auth.service !== scope.service) throw failures.wrongScope(`Credential should be scoped to correct service: '${scope.service}'. `);
  if (auth.region !== scope.region) throw failures.wrongScope(`Credential should be scoped to a valid region. `);
  const amzDate = request.headers.get("x-amz-date") ?? "";
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate) throw failures.incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (!amzDate.startsWith(auth.date)) throw failures.badSignature();

  const sessionToken = request.headers.get("x-amz-security-token") ?? undefined;
  const lookup = iam.lookupKey(auth.accessKeyId, sessionToken);
  if (!lookup.ok) throw lookup.reason === "expired" ? failures.expired() : failures.unknownKey();
  const key = lookup.key;

  // The headers as the client signed them: host and content-length rebuilt (see above).
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    if (name === "host") headers.host = request.headers.get("host") ?? request.url.host;
    else if (name === "content-length") headers["content-length"] = request.headers.get("content-length") ?? String(request.body.length);
    else {
      const value = request.headers.get(name);
      if (value === null) throw failures.badSignature();
      headers[name] = value;
    }
  }
  const declaredHash = request.headers.get("x-amz-content-sha256");
  if (declaredHash && declaredHash !== "UNSIGNED-PAYLOAD" && declaredHash !== (await sha256Hex(request.body))) {
    throw failures.badSignature();
  }
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of request.url.searchParams) {
    const prior = query[k];
    query[k] = prior === undefined ? v : Array.isArray(prior) ? [...prior, v] : [prior, v];
  }
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
      ...(auth.signedHeaders.includes("x-amz-security-token") && sessionToken ? { sessionToken } : {}),
    },
    region: auth.region,
    service: auth.service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: request.url.protocol,
      hostname: request.url.hostname,
      ...(request.url.port ? { port: Number(request.url.port) } : {}),
      path: request.url.pathname,
      query,
      headers,
      body: request.body,
    },
    { signingDate, signableHeaders: new Set(auth.signedHeaders), signingRegion: auth.region, signingService: auth.service },
  );
  const expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization ?? ""))?.[1];
  if (!expected || expected !== auth.signature) throw failures.badSignature();
  return { key, region: auth.region, service: auth.service };
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const hash = new Sha256();
  hash.update(bytes);
  const digest = await hash.digest();
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

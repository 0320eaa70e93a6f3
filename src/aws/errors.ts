/**
 * One error class for everything the simulated AWS refuses, and one factory per service
 * listing every error it sends. Handlers throw these; each face (`secretsmanager-fetch.ts`
 * for awsJson1_1, `sts/sts-fetch.ts` for awsQuery XML) serializes them in one place, and
 * anything else thrown becomes a 500 InternalServiceError.
 *
 * Texts are AWS's where we could find them (API reference, botocore/moto sources, the
 * SDK's own tests); where a text is ours, its comment says so.
 */
export class AwsError extends Error {
  override readonly name = "AwsError";
  readonly status: number;
  /** The `__type` (JSON) or `<Code>` (XML) AWS sends, e.g. `ResourceNotFoundException`. */
  readonly code: string;
  /** awsQuery's `<Type>`: Sender for the caller's fault, Receiver for ours. */
  readonly fault: "Sender" | "Receiver";

  constructor(status: number, code: string, message: string, fault: "Sender" | "Receiver" = "Sender") {
    super(message);
    this.status = status;
    this.code = code;
    this.fault = fault;
  }
}

/** Why a request was denied, as IAM says it at the end of an AccessDenied message. */
export type DenialReason =
  | { kind: "implicit"; policyType: "identity-based" | "resource-based" }
  | { kind: "explicit"; policyType: "identity-based" | "resource-based" };

export function denialText(reason: DenialReason, action: string): string {
  return reason.kind === "explicit"
    ? `with an explicit deny in ${reason.policyType === "identity-based" ? "an identity-based" : "a resource-based"} policy`
    : `because no ${reason.policyType} policy allows the ${action} action`;
}

/** Errors every awsJson service (Secrets Manager, KMS) shares: auth, protocol, throttling. */
export const CommonErrors = {
  missingAuthentication: () => new AwsError(400, "MissingAuthenticationTokenException", "Missing Authentication Token"),
  incompleteSignature: (detail: string) => new AwsError(400, "IncompleteSignatureException", detail),
  unrecognizedClient: () => new AwsError(400, "UnrecognizedClientException", "The security token included in the request is invalid."),
  invalidSignature: () =>
    new AwsError(
      400,
      "InvalidSignatureException",
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    ),
  expiredToken: () => new AwsError(400, "ExpiredTokenException", "The security token included in the request is expired"),
  /** Ours: AWS sends only the type; the target is named to help. */
  unknownOperation: (target: string) => new AwsError(400, "UnknownOperationException", `Unknown operation: X-Amz-Target '${target}' is not an operation of this service.`),
  /** Ours: AWS's serialization messages vary; this one names the problem. */
  serialization: (detail: string) => new AwsError(400, "SerializationException", detail),
  internal: (detail: string) =>
    new AwsError(500, "InternalServiceError", `The simulated AWS failed unexpectedly (${detail}). This is a bug in Secrets Lab, not in your code.`, "Receiver"),
  accessDenied: (principalArn: string, action: string, resource: string, reason: DenialReason) =>
    new AwsError(
      400,
      "AccessDeniedException",
      `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} ${denialText(reason, action)}`,
    ),
} as const;

const SECRET_NOT_FOUND = "Secrets Manager can't find the specified secret.";

export const SecretsManagerErrors = {
  secretNotFound: () => new AwsError(400, "ResourceNotFoundException", SECRET_NOT_FOUND),
  valueNotFound: (by: "staging label" | "VersionId", value: string) =>
    new AwsError(400, "ResourceNotFoundException", `Secrets Manager can't find the specified secret value for ${by}: ${value}`),
  markedForDeletion: () =>
    new AwsError(400, "InvalidRequestException", "You can't perform this operation on the secret because it was marked for deletion."),
  scheduledForDeletion: () =>
    new AwsError(400, "InvalidRequestException", "You can't create this secret because a secret with this name is already scheduled for deletion."),
  alreadyExists: (name: string) => new AwsError(400, "ResourceExistsException", `The operation failed because the secret ${name} already exists.`),
  tokenInUse: (token: string, arn: string) =>
    new AwsError(
      400,
      "ResourceExistsException",
      `You can't use ClientRequestToken ${token} because that value is already in use for a version of secret ${arn}.`,
    ),
  stageMismatch: () => new AwsError(400, "InvalidRequestException", "You provided a VersionStage that is not associated to the provided VersionId."),
  invalidRequest: (message: string) => new AwsError(400, "InvalidRequestException", message),
  invalidParameter: (message: string) => new AwsError(400, "InvalidParameterException", message),
  invalidNextToken: () => new AwsError(400, "InvalidNextTokenException", "The NextToken value is invalid."),
  validation: (problems: readonly string[]) =>
    new AwsError(400, "ValidationException", `${problems.length} validation error${problems.length === 1 ? "" : "s"} detected: ${problems.join("; ")}`),
  invalidName: () =>
    new AwsError(
      400,
      "InvalidParameterException",
      "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!",
    ),
  /** Ours: the ARN is malformed (AWS answers some of these with ValidationException). */
  invalidArn: (value: string) => new AwsError(400, "ValidationException", `Invalid ARN: '${value}' is not a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>).`),
  malformedPolicy: (detail: string) => new AwsError(400, "MalformedPolicyDocumentException", detail),
  publicPolicy: () =>
    new AwsError(
      400,
      "PublicPolicyException",
      "The BlockPublicPolicy parameter is set to true, and the resource policy did not prevent broad access to the secret.",
    ),
  kmsAccessDenied: () => new AwsError(400, "AccessDeniedException", "Access to KMS is not allowed"),
  kmsDisabled: (keyArn: string) =>
    new AwsError(400, "KMSInvalidStateException", `${keyArn} is disabled.`),
  /** Ours (AWS: a Lambda must be named): RotateSecret with no rotation function. */
  noRotationFunction: () =>
    new AwsError(400, "InvalidRequestException", "No Lambda rotation function ARN is associated with this secret."),
  rotationInProgress: () =>
    new AwsError(400, "InvalidRequestException", "A previous rotation isn't complete. That rotation will be reattempted."),
  rotationFunctionNotFound: (arn: string) => new AwsError(400, "ResourceNotFoundException", `Resource not found for ARN '${arn}'.`),
} as const;

/** STS (awsQuery): its own codes for the same auth failures, HTTP 403 for most. */
export const StsErrors = {
  missingAuthentication: () => new AwsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token"),
  invalidClientTokenId: () => new AwsError(403, "InvalidClientTokenId", "The security token included in the request is invalid."),
  signatureDoesNotMatch: () =>
    new AwsError(
      403,
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    ),
  expiredToken: () => new AwsError(400, "ExpiredToken", "The security token included in the request is expired"),
  accessDenied: (principalArn: string, action: string, resource: string) =>
    new AwsError(403, "AccessDenied", `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource}`),
  validation: (problems: readonly string[]) =>
    new AwsError(400, "ValidationError", `${problems.length} validation error${problems.length === 1 ? "" : "s"} detected: ${problems.join("; ")}`),
  invalidAction: (action: string) =>
    new AwsError(400, "InvalidAction", `Could not find operation ${action} for version 2011-06-15`),
  missingAction: () => new AwsError(400, "MissingAction", "Missing Action"),
} as const;

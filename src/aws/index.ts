/**
 * Simulated AWS (Secrets Manager, IAM + STS, KMS keys, IMDSv2, ECS credentials, rotation):
 * the whole public face of `src/aws`.
 *
 *   const world = new AwsWorld(scenario);                    // zod-validated, reset() to start over
 *   const aws = createAwsFetch(world.engine);               // fetch handlers routed by host
 *   const client = new SecretsManagerClient({ region: "us-east-1",
 *     requestHandler: createSdkRequestHandler(aws.fetch) }); // the real SDK, no sockets
 *   world.engine.clock.advance(8 * 86400);                   // sessions expire, deletions complete
 *   world.engine.events.events();                            // CloudTrail-style log
 *   world.engine.snapshot();                                 // JSON for graders and the inspector
 *
 * Plain TypeScript: no DOM, no Node APIs; runs in a Worker, a page or Node.
 */
export { AwsEngine, DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from "./aws-engine.ts";
export type { AwsEngineOptions, ComputeRole, EngineSnapshot } from "./aws-engine.ts";
export { createAwsClock, isoSeconds } from "./clock.ts";
export type { AwsClock, AwsClockOptions } from "./clock.ts";
export { createAwsFetch, createAwsLocalFetch } from "./aws-fetch.ts";
export type { AwsFetch, AwsHosts } from "./aws-fetch.ts";
export { createSdkRequestHandler } from "./sdk-request-handler.ts";
export type { SdkRequestHandler, SdkHttpRequestLike, SdkHttpResponseLike } from "./sdk-request-handler.ts";
export { AwsWorld, AwsScenarioSchema, AwsScenarioError, parseAwsScenario, createAwsEngine } from "./scenario.ts";
export type { AwsScenario, AwsScenarioInput } from "./scenario.ts";
export { EventLog } from "./event-log.ts";
export type { AwsEvent, AwsEventListener } from "./event-log.ts";
export { AwsError, CommonErrors, SecretsManagerErrors, StsErrors } from "./errors.ts";
export { IamDirectory, principalArn } from "./iam/directory.ts";
export type { IamUser, IamRole, AccessKey, Principal, Credentials, CredentialSource } from "./iam/directory.ts";
export { PolicyDocumentSchema, parsePolicy, evaluatePolicy } from "./iam/policy.ts";
export type { PolicyDocument, PolicyStatement } from "./iam/policy.ts";
export { KmsKeys } from "./kms/kms-keys.ts";
export type { KmsKey } from "./kms/kms-keys.ts";
export { SimulatedDatabase } from "./rotation/database.ts";
export type { DatabaseEvent } from "./rotation/database.ts";
export { ROTATION_STEPS } from "./rotation/rotation-runner.ts";
export type { RotationEvent, RotationFunction, RotationInvocation, RotationRecord, RotationStep } from "./rotation/rotation-runner.ts";
export { MAX_SECRET_BYTES, SECRET_NAME } from "./secrets/secret-store.ts";
export type { Secret, SecretVersion, Tag } from "./secrets/secret-store.ts";
export { fromSandboxChain, fromEnvKeys, fromSharedFile, fromContainer, fromInstanceMetadata, parseSharedCredentials, CredentialsProviderError, DEFAULT_CHAIN } from "./client/credential-chain.ts";
export type { SandboxCredentials, ChainOptions } from "./client/credential-chain.ts";

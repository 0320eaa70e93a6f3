import { createAwsClock, type AwsClock } from "./clock.ts";
import { EventLog } from "./event-log.ts";
import { IamDirectory, principalArn, type AccessKey, type CredentialSource, type IamRole } from "./iam/directory.ts";
import { imdsToken, hexId } from "./ids.ts";
import { KmsKeys } from "./kms/kms-keys.ts";
import { LambdaRuntimeApi } from "./lambda/runtime-api.ts";
import { SimulatedDatabase } from "./rotation/database.ts";
import { ROTATION_STEPS, type RotationFunction, type RotationRecord, type RotationStep } from "./rotation/rotation-runner.ts";
import { SecretStore, type Secret } from "./secrets/secret-store.ts";
import { describe } from "./secrets/operations.ts";

/**
 * The simulated AWS account: Secrets Manager, IAM + STS, KMS keys, the workload's compute
 * (an EC2 instance role behind IMDSv2, an ECS task role behind the container credentials
 * endpoint), rotation functions, a database, one clock and one event log.
 *
 *   const engine = createAwsEngineFromScenario(scenario);
 *   const fetch = createAwsFetch(engine);          // routes by host: secretsmanager.<region>.amazonaws.com, sts, IMDS, ECS
 *   new SecretsManagerClient({ region, requestHandler: createSdkRequestHandler(fetch) });
 */
export interface AwsEngineOptions {
  accountId?: string;
  region?: string;
  clock?: AwsClock;
}

export interface ComputeRole {
  role: IamRole;
  /** The instance id (EC2) or task id (ECS) used as the session name. */
  sessionName: string;
  /** Seconds each handed-out credential lives. Default 6 hours, as AWS. */
  durationSeconds: number;
  current?: AccessKey;
}

export interface EngineSnapshot {
  readonly accountId: string;
  readonly region: string;
  readonly now: number;
  readonly secrets: ReadonlyArray<ReturnType<typeof describe> & { Versions: Array<{ VersionId: string; VersionStages: string[]; CreatedDate: number; hasValue: boolean }>; ResourcePolicy?: string }>;
  readonly users: ReadonlyArray<{ name: string; arn: string; policies: unknown[] }>;
  readonly roles: ReadonlyArray<{ name: string; arn: string; trustPolicy: unknown; policies: unknown[] }>;
  readonly events: ReturnType<EventLog["events"]>;
  readonly rotations: readonly RotationRecord[];
  readonly database?: { host: string; users: string[]; events: ReturnType<SimulatedDatabase["events"]> };
}

export const DEFAULT_ACCOUNT_ID = "123456789012";
export const DEFAULT_REGION = "us-east-1";

export class AwsEngine {
  readonly accountId: string;
  readonly region: string;
  readonly clock: AwsClock;
  readonly events = new EventLog();
  readonly iam: IamDirectory;
  readonly secrets: SecretStore;
  readonly kms: KmsKeys;
  database: SimulatedDatabase | undefined;
  /** The EC2 instance's role (IMDS); undefined: no instance profile. */
  instanceRole: ComputeRole | undefined;
  /** IMDSv1 (no token) accepted? AWS's default for new instances is "required" (v2 only). */
  imdsV1Allowed = false;
  /** The ECS task role, served at 169.254.170.2 + relativeUri. */
  taskRole: (ComputeRole & { relativeUri: string }) | undefined;
  readonly rotations: RotationRecord[] = [];
  /** Invocations of rotation functions whose code runs in the learner's program (`hostRotationFunctionInProgram`). */
  readonly lambdaRuntime = new LambdaRuntimeApi();
  readonly #functions = new Map<string, { fn: RotationFunction; role: IamRole }>();
  readonly #imdsTokens = new Map<string, number>();
  readonly #hostedInProgram = new Set<string>();

  constructor(options: AwsEngineOptions = {}) {
    this.accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
    this.region = options.region ?? DEFAULT_REGION;
    this.clock = options.clock ?? createAwsClock();
    this.iam = new IamDirectory(this.accountId, this.clock);
    this.secrets = new SecretStore(this.region, this.accountId, this.clock);
    this.kms = new KmsKeys(this.iam, this.region);
  }

  setInstanceRole(roleName: string, options: { instanceId?: string; durationSeconds?: number } = {}): void {
    const role = this.#requireRole(roleName);
    this.instanceRole = { role, sessionName: options.instanceId ?? `i-0${hexId(16)}`, durationSeconds: options.durationSeconds ?? 6 * 3600 };
  }

  setTaskRole(roleName: string, options: { taskId?: string; durationSeconds?: number } = {}): void {
    const role = this.#requireRole(roleName);
    const taskId = options.taskId ?? hexId(32);
    this.taskRole = { role, sessionName: taskId, durationSeconds: options.durationSeconds ?? 6 * 3600, relativeUri: `/v2/credentials/${hexId(8)}-${hexId(4)}-${hexId(4)}-${hexId(4)}-${hexId(12)}` };
  }

  /** The credentials IMDS or the ECS agent hands out now: the same ones until 15 minutes before they expire. */
  computeCredentials(compute: ComputeRole, via: CredentialSource): AccessKey {
    const now = this.clock.now();
    if (!compute.current || (compute.current.expiration ?? 0) - now < 15 * 60) {
      compute.current = this.iam.createSession(compute.role, compute.sessionName, compute.durationSeconds, via);
    }
    return compute.current;
  }

  issueImdsToken(ttlSeconds: number): string {
    const token = imdsToken();
    this.#imdsTokens.set(token, this.clock.now() + ttlSeconds);
    return token;
  }

  imdsTokenValid(token: string | null): boolean {
    if (!token) return false;
    const expires = this.#imdsTokens.get(token);
    return expires !== undefined && expires > this.clock.now();
  }

  /**
   * Registers a rotation function (a Lambda) under its ARN or name, run with `executionRole`'s
   * credentials. Returns the function's ARN, for RotateSecret's RotationLambdaARN.
   */
  registerRotationFunction(name: string, executionRole: string, fn: RotationFunction): string {
    const arn = name.startsWith("arn:") ? name : `arn:aws:lambda:${this.region}:${this.accountId}:function:${name}`;
    this.#functions.set(arn, { fn, role: this.#requireRole(executionRole) });
    return arn;
  }

  /**
   * A rotation function whose code is the learner's program's: each step is an invocation the
   * program's runtime loop takes from the Lambda Runtime API (src/aws/lambda/runtime-api.ts).
   */
  hostRotationFunctionInProgram(name: string, executionRole: string): string {
    let arn = "";
    arn = this.registerRotationFunction(name, executionRole, (event, invocation) => this.lambdaRuntime.invoke(arn, event, invocation));
    this.#hostedInProgram.add(arn);
    return arn;
  }

  /** @internal RotateSecret's four steps; records each in the event log and `rotations`. */
  async runRotation(secret: Secret, token: string): Promise<void> {
    this.lambdaRuntime.begin();
    const run = this.#runRotation(secret, token).finally(() => this.lambdaRuntime.end());
    // A function hosted in the program runs as a Lambda does: RotateSecret answers at once and the
    // steps follow (the program serves them while it waits). Callback functions run before the answer.
    if (this.#hostedInProgram.has(secret.rotationLambdaArn ?? "") || this.#hostedInProgram.has(`arn:aws:lambda:${this.region}:${this.accountId}:function:${secret.rotationLambdaArn ?? ""}`)) {
      run.catch(() => {});
      return;
    }
    await run;
  }

  async #runRotation(secret: Secret, token: string): Promise<void> {
    const arn = secret.rotationLambdaArn ?? "";
    const entry = this.#functions.get(arn) ?? this.#functions.get(`arn:aws:lambda:${this.region}:${this.accountId}:function:${arn}`);
    const steps: Array<{ step: RotationStep; ok: boolean; error?: string }> = [];
    const log = (eventName: string, ok: boolean, errorMessage?: string) =>
      this.events.record({
        time: Math.floor(this.clock.now()),
        eventSource: "secretsmanager.amazonaws.com",
        eventName,
        region: this.region,
        principalArn: "secretsmanager.amazonaws.com",
        resource: secret.arn,
        result: ok ? "success" : "failure",
        ...(errorMessage !== undefined ? { errorMessage } : {}),
        detail: { ClientRequestToken: token },
      });
    log("RotationStarted", true);
    let failed = false;
    if (!entry) {
      failed = true;
      log("RotationFailed", false, `Resource not found for ARN '${arn}'.`);
    } else {
      const session = this.iam.createSession(entry.role, arn.split(":").pop() ?? "rotation", 900, "lambda");
      const credentials = { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, ...(session.sessionToken ? { sessionToken: session.sessionToken } : {}), ...(session.expiration ? { expiration: new Date(session.expiration * 1000) } : {}) };
      for (const step of ROTATION_STEPS) {
        try {
          await entry.fn({ Step: step, SecretId: secret.arn, ClientRequestToken: token }, { functionArn: arn, region: this.region, credentials, database: this.database });
          steps.push({ step, ok: true });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          steps.push({ step, ok: false, error: message });
          log("RotationFailed", false, `${step}: ${message}`);
          failed = true;
          break;
        }
      }
    }
    const pending = this.secrets.withStage(secret, "AWSPENDING");
    if (!failed && pending?.versionId === token && pending.stages.includes("AWSCURRENT")) {
      // finishSecret moved AWSCURRENT; Secrets Manager then drops AWSPENDING from it.
      pending.stages = pending.stages.filter((s) => s !== "AWSPENDING");
      secret.lastRotatedDate = Math.floor(this.clock.now());
      log("RotationSucceeded", true);
    } else if (!failed) {
      failed = true;
      log("RotationFailed", false, "finishSecret did not move AWSCURRENT to the new version.");
    }
    this.rotations.push({ secretArn: secret.arn, token, steps, outcome: failed ? "failed" : "succeeded" });
  }

  /** Credentials for a user's new access key, e.g. what a lesson puts in `~/.aws/credentials`. */
  createAccessKey(userName: string, fixed?: { accessKeyId: string; secretAccessKey: string }): AccessKey {
    return this.iam.createAccessKey(userName, fixed);
  }

  /** Everything a grader or the inspector reads, as plain JSON (no secret values). */
  snapshot(): EngineSnapshot {
    return JSON.parse(
      JSON.stringify({
        accountId: this.accountId,
        region: this.region,
        now: this.clock.now(),
        secrets: this.secrets.list().map((s) => ({
          ...describe(s, this.secrets),
          Versions: [...s.versions.values()].map((v) => ({ VersionId: v.versionId, VersionStages: v.stages, CreatedDate: v.createdDate, hasValue: v.secretString !== undefined || v.secretBinary !== undefined })),
          ...(s.resourcePolicy ? { ResourcePolicy: s.resourcePolicy.text } : {}),
        })),
        users: this.iam.users().map((u) => ({ name: u.name, arn: u.arn, policies: u.policies })),
        roles: this.iam.roles().map((r) => ({ name: r.name, arn: r.arn, trustPolicy: r.trustPolicy, policies: r.policies })),
        events: this.events.events(),
        rotations: this.rotations,
        ...(this.database ? { database: { host: this.database.host, users: this.database.users(), events: this.database.events() } } : {}),
      }),
    ) as EngineSnapshot;
  }

  /** The ARN a principal is known by (for lessons that print it). */
  static principalArn = principalArn;

  #requireRole(name: string): IamRole {
    const role = this.iam.role(name);
    if (!role) throw new RangeError(`No IAM role named '${name}' (known: ${this.iam.roles().map((r) => r.name).join(", ") || "none"}).`);
    return role;
  }
}

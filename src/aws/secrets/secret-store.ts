import type { AwsClock } from "../clock.ts";
import { SecretsManagerErrors as E } from "../errors.ts";
import * as ids from "../ids.ts";
import type { PolicyDocument } from "../iam/policy.ts";

/**
 * Secrets and their versions, with staging labels kept as AWS keeps them:
 * - at most one version holds each label; exactly one holds AWSCURRENT once a value exists;
 * - moving AWSCURRENT to a version moves AWSPREVIOUS to the version it left;
 * - a version with no label is deprecated (kept, hidden from ListSecretVersionIds by default);
 * - a ClientRequestToken is the new version's VersionId, so a retry with the same token and
 *   value changes nothing, and the same token with another value is refused.
 */
export const MAX_SECRET_BYTES = 65536;
export const SECRET_NAME = /^[A-Za-z0-9/_+=.@!-]{1,512}$/;

export interface SecretVersion {
  readonly versionId: string;
  secretString?: string;
  /** Base64, as on the wire. */
  secretBinary?: string;
  stages: string[];
  readonly createdDate: number;
  lastAccessedDate?: number;
}

export interface Tag {
  Key: string;
  Value: string;
}

export interface Secret {
  readonly name: string;
  readonly arn: string;
  description?: string;
  kmsKeyId?: string;
  tags: Tag[];
  readonly versions: Map<string, SecretVersion>;
  readonly createdDate: number;
  lastChangedDate: number;
  lastAccessedDate?: number;
  lastRotatedDate?: number;
  deletedDate?: number;
  /** Unix seconds when a scheduled deletion completes. */
  deletionDate?: number;
  rotationEnabled: boolean;
  rotationLambdaArn?: string;
  rotationRules?: { AutomaticallyAfterDays?: number; ScheduleExpression?: string; Duration?: string };
  resourcePolicy?: { text: string; document: PolicyDocument };
}

export class SecretStore {
  readonly region: string;
  readonly accountId: string;
  readonly #clock: AwsClock;
  readonly #secrets = new Map<string, Secret>();

  constructor(region: string, accountId: string, clock: AwsClock) {
    this.region = region;
    this.accountId = accountId;
    this.#clock = clock;
  }

  #now = (): number => Math.floor(this.#clock.now());

  /** Finishes deletions whose recovery window has passed. */
  purgeDue(): void {
    const now = this.#now();
    for (const [name, s] of this.#secrets) if (s.deletionDate !== undefined && s.deletionDate <= now) this.#secrets.delete(name);
  }

  list(): Secret[] {
    this.purgeDue();
    return [...this.#secrets.values()];
  }

  /**
   * A SecretId as the API takes it: a name, a full ARN, or a partial ARN (without the six
   * random characters). Undefined when nothing matches; a malformed ARN throws.
   */
  find(secretId: string): Secret | undefined {
    this.purgeDue();
    if (!secretId.startsWith("arn:")) return this.#secrets.get(secretId);
    const m = /^arn:aws:secretsmanager:([a-z0-9-]+):(\d{12}):secret:(.+)$/.exec(secretId);
    if (!m) throw E.invalidArn(secretId);
    if (m[1] !== this.region || m[2] !== this.accountId) return undefined;
    for (const s of this.#secrets.values()) if (s.arn === secretId) return s;
    return this.#secrets.get(m[3] ?? "");
  }

  /** find() for operations on a live secret: not found, or marked for deletion, throw. */
  require(secretId: string, options: { allowDeleted?: boolean } = {}): Secret {
    const secret = this.find(secretId);
    if (!secret) throw E.secretNotFound();
    if (secret.deletedDate !== undefined && !options.allowDeleted) throw E.markedForDeletion();
    return secret;
  }

  create(input: { name: string; description?: string; kmsKeyId?: string; tags?: Tag[]; arnSuffix?: string }): Secret {
    if (!SECRET_NAME.test(input.name)) throw E.invalidName();
    const existing = this.find(input.name);
    if (existing) throw existing.deletedDate !== undefined ? E.scheduledForDeletion() : E.alreadyExists(input.name);
    const now = this.#now();
    const secret: Secret = {
      name: input.name,
      arn: `arn:aws:secretsmanager:${this.region}:${this.accountId}:secret:${input.name}-${input.arnSuffix ?? ids.arnSuffix()}`,
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.kmsKeyId !== undefined ? { kmsKeyId: input.kmsKeyId } : {}),
      tags: [...(input.tags ?? [])],
      versions: new Map(),
      createdDate: now,
      lastChangedDate: now,
      rotationEnabled: false,
    };
    this.#secrets.set(secret.name, secret);
    return secret;
  }

  /**
   * Adds a version (PutSecretValue, CreateSecret with a value, a rotation's createSecret).
   * Returns the version and whether it was new (false: an idempotent retry).
   */
  putValue(
    secret: Secret,
    value: { secretString?: string; secretBinary?: string },
    token: string | undefined,
    stages: readonly string[] = ["AWSCURRENT"],
  ): { version: SecretVersion; created: boolean } {
    const versionId = token ?? ids.uuid();
    const existing = secret.versions.get(versionId);
    if (existing) {
      const empty = existing.secretString === undefined && existing.secretBinary === undefined;
      if (!empty) {
        if (existing.secretString === value.secretString && existing.secretBinary === value.secretBinary) return { version: existing, created: false };
        throw E.tokenInUse(versionId, secret.arn);
      }
      // The version RotateSecret reserved for its token (AWSPENDING, no value yet): fill it.
      if (value.secretString !== undefined) existing.secretString = value.secretString;
      if (value.secretBinary !== undefined) existing.secretBinary = value.secretBinary;
      for (const stage of stages) this.moveStage(secret, stage, versionId);
      secret.lastChangedDate = this.#now();
      return { version: existing, created: true };
    }
    const version: SecretVersion = {
      versionId,
      ...(value.secretString !== undefined ? { secretString: value.secretString } : {}),
      ...(value.secretBinary !== undefined ? { secretBinary: value.secretBinary } : {}),
      stages: [],
      createdDate: this.#now(),
    };
    secret.versions.set(versionId, version);
    // The first value of a secret is AWSCURRENT whatever labels were asked for.
    const labels = this.current(secret) ? [...stages] : [...new Set(["AWSCURRENT", ...stages])];
    for (const stage of labels) this.moveStage(secret, stage, versionId);
    secret.lastChangedDate = this.#now();
    return { version, created: true };
  }

  /** A version exactly as a scenario declares it (id, date, labels), for lessons that show them. */
  addVersion(secret: Secret, input: { versionId?: string; createdDate?: number; stages: readonly string[]; secretString: string }): SecretVersion {
    const version: SecretVersion = { versionId: input.versionId ?? ids.uuid(), secretString: input.secretString, stages: [...input.stages], createdDate: input.createdDate ?? this.#now() };
    secret.versions.set(version.versionId, version);
    secret.lastChangedDate = Math.max(secret.lastChangedDate, version.createdDate);
    return version;
  }

  /** Reserves a version for a rotation token, labelled AWSPENDING, with no value yet. */
  reservePending(secret: Secret, token: string): SecretVersion {
    const version: SecretVersion = { versionId: token, stages: [], createdDate: this.#now() };
    secret.versions.set(token, version);
    this.moveStage(secret, "AWSPENDING", token);
    return version;
  }

  current(secret: Secret): SecretVersion | undefined {
    return this.withStage(secret, "AWSCURRENT");
  }

  withStage(secret: Secret, stage: string): SecretVersion | undefined {
    for (const v of secret.versions.values()) if (v.stages.includes(stage)) return v;
    return undefined;
  }

  /**
   * Attaches `stage` to `toVersionId` (taking it from whichever version had it). Moving
   * AWSCURRENT hands AWSPREVIOUS to the version it came from.
   */
  moveStage(secret: Secret, stage: string, toVersionId: string): void {
    const target = secret.versions.get(toVersionId);
    if (!target) throw E.invalidParameter(`Not a valid version: ${toVersionId}`);
    if (target.stages.includes(stage)) return;
    const from = this.withStage(secret, stage);
    if (from) from.stages = from.stages.filter((s) => s !== stage);
    target.stages.push(stage);
    if (stage === "AWSCURRENT") {
      target.stages = target.stages.filter((s) => s !== "AWSPREVIOUS");
      if (from) {
        const previous = this.withStage(secret, "AWSPREVIOUS");
        if (previous) previous.stages = previous.stages.filter((s) => s !== "AWSPREVIOUS");
        from.stages.push("AWSPREVIOUS");
      }
    }
  }

  removeStage(secret: Secret, stage: string, fromVersionId: string): void {
    const version = secret.versions.get(fromVersionId);
    if (!version) throw E.invalidParameter(`Not a valid version: ${fromVersionId}`);
    if (!version.stages.includes(stage)) throw E.invalidParameter(`Version stage ${stage} not found in version ${fromVersionId}`);
    version.stages = version.stages.filter((s) => s !== stage);
  }

  scheduleDeletion(secret: Secret, recoveryDays: number | "force"): number {
    const now = this.#now();
    if (recoveryDays === "force") {
      this.#secrets.delete(secret.name);
      return now;
    }
    secret.deletedDate = now;
    secret.deletionDate = now + recoveryDays * 86400;
    return secret.deletionDate;
  }

  restore(secret: Secret): void {
    delete secret.deletedDate;
    delete secret.deletionDate;
  }

  touch(secret: Secret, version: SecretVersion): void {
    // AWS keeps LastAccessedDate to the day.
    const day = Math.floor(this.#now() / 86400) * 86400;
    secret.lastAccessedDate = day;
    version.lastAccessedDate = day;
  }

  clear(): void {
    this.#secrets.clear();
  }
}

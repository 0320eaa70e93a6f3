import { AwsError, SecretsManagerErrors as E } from "../errors.ts";
import { uuid } from "../ids.ts";
import { parsePolicy } from "../iam/policy.ts";
import { MAX_SECRET_BYTES, type Secret, type SecretStore, type SecretVersion, type Tag } from "./secret-store.ts";

/**
 * The Secrets Manager API as a table: X-Amz-Target operation -> the IAM action it needs,
 * how to find the secret it is about, and the handler. Handlers see a parsed JSON body and
 * the store, never a Request; `secretsmanager-fetch.ts` runs the pipeline around them.
 */
export type Json = Record<string, unknown>;

export interface OperationContext {
  store: SecretStore;
  body: Json;
  /** The secret the operation names, already resolved (and authorized) by the pipeline. */
  secret: Secret | undefined;
  /** Runs a RotateSecret's four steps; supplied by the engine. */
  rotate(secret: Secret, token: string): Promise<void>;
  /** kms:Decrypt / kms:GenerateDataKey on the secret's key, for the caller. */
  checkKms(secret: Secret, action: "kms:Decrypt" | "kms:GenerateDataKey"): void;
  /** Per-secret GetSecretValue authorization for BatchGetSecretValue. */
  mayGet(secret: Secret): string | undefined;
}

export interface Operation {
  readonly action: string;
  /** Which body field names the secret; none for list operations. */
  readonly secretField?: "SecretId" | "Name";
  /** DescribeSecret and RestoreSecret work on a secret marked for deletion. */
  readonly allowDeleted?: boolean;
  readonly handle: (ctx: OperationContext) => Json | Promise<Json>;
}

const str = (body: Json, field: string): string | undefined => {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw E.validation([`Value at '${lower(field)}' failed to satisfy constraint: Member must be a string`]);
  return v;
};
const lower = (f: string): string => f.charAt(0).toLowerCase() + f.slice(1);
const need = (ctx: OperationContext): Secret => {
  if (!ctx.secret) throw E.secretNotFound();
  return ctx.secret;
};

function secretValue(body: Json): { secretString?: string; secretBinary?: string } {
  const s = str(body, "SecretString");
  const b = str(body, "SecretBinary");
  if (s !== undefined && b !== undefined) throw E.invalidParameter("You can't specify both a binary secret value and a string secret value in the same secret.");
  if (s !== undefined && new TextEncoder().encode(s).length > MAX_SECRET_BYTES) {
    throw E.validation([`Value at 'secretString' failed to satisfy constraint: Member must have length less than or equal to ${MAX_SECRET_BYTES}`]);
  }
  if (b !== undefined && b.length > Math.ceil(MAX_SECRET_BYTES / 3) * 4) {
    throw E.validation([`Value at 'secretBinary' failed to satisfy constraint: Member must have length less than or equal to ${MAX_SECRET_BYTES}`]);
  }
  return { ...(s !== undefined ? { secretString: s } : {}), ...(b !== undefined ? { secretBinary: b } : {}) };
}

function token(body: Json): string | undefined {
  const t = str(body, "ClientRequestToken");
  if (t !== undefined && (t.length < 32 || t.length > 64)) throw E.invalidParameter("ClientRequestToken must be 32-64 characters long.");
  return t;
}

function tags(body: Json): Tag[] | undefined {
  const t = body.Tags;
  if (t === undefined) return undefined;
  if (!Array.isArray(t) || t.some((x) => typeof x !== "object" || x === null || typeof (x as Tag).Key !== "string" || typeof (x as Tag).Value !== "string")) {
    throw E.validation(["Value at 'tags' failed to satisfy constraint: Member must be a list of {Key, Value} strings"]);
  }
  return t.map((x: Tag) => ({ Key: x.Key, Value: x.Value }));
}

function stages(body: Json): string[] | undefined {
  const v = body.VersionStages;
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length === 0 || v.length > 20 || v.some((x) => typeof x !== "string" || x.length < 1 || x.length > 256)) {
    throw E.validation(["Value at 'versionStages' failed to satisfy constraint: Member must have length between 1 and 20"]);
  }
  return v as string[];
}

const short = (s: Secret) => ({ ARN: s.arn, Name: s.name });

export function versionsToStages(s: Secret): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const v of s.versions.values()) if (v.stages.length) out[v.versionId] = [...v.stages];
  return out;
}

export function describe(s: Secret, store: SecretStore): Json {
  return {
    ARN: s.arn,
    Name: s.name,
    ...(s.description !== undefined ? { Description: s.description } : {}),
    ...(s.kmsKeyId !== undefined ? { KmsKeyId: s.kmsKeyId } : {}),
    RotationEnabled: s.rotationEnabled,
    ...(s.rotationLambdaArn ? { RotationLambdaARN: s.rotationLambdaArn } : {}),
    ...(s.rotationRules ? { RotationRules: s.rotationRules } : {}),
    ...(s.lastRotatedDate !== undefined ? { LastRotatedDate: s.lastRotatedDate } : {}),
    LastChangedDate: s.lastChangedDate,
    ...(s.lastAccessedDate !== undefined ? { LastAccessedDate: s.lastAccessedDate } : {}),
    ...(s.deletedDate !== undefined ? { DeletedDate: s.deletedDate } : {}),
    ...(s.tags.length ? { Tags: s.tags.map((t) => ({ ...t })) } : {}),
    VersionIdsToStages: versionsToStages(s),
    CreatedDate: s.createdDate,
  };
}

function valueResponse(s: Secret, v: SecretVersion): Json {
  return {
    ARN: s.arn,
    Name: s.name,
    VersionId: v.versionId,
    ...(v.secretString !== undefined ? { SecretString: v.secretString } : {}),
    ...(v.secretBinary !== undefined ? { SecretBinary: v.secretBinary } : {}),
    VersionStages: [...v.stages],
    CreatedDate: v.createdDate,
  };
}

/** GetSecretValue's version choice: VersionId and/or VersionStage, default AWSCURRENT. */
function pickVersion(store: SecretStore, s: Secret, body: Json): SecretVersion {
  const versionId = str(body, "VersionId");
  const stage = str(body, "VersionStage");
  let version: SecretVersion | undefined;
  if (versionId !== undefined) {
    version = s.versions.get(versionId);
    if (!version) throw E.valueNotFound("VersionId", versionId);
    if (stage !== undefined && !version.stages.includes(stage)) throw E.stageMismatch();
  } else {
    version = store.withStage(s, stage ?? "AWSCURRENT");
    if (!version) throw E.valueNotFound("staging label", stage ?? "AWSCURRENT");
  }
  if (version.secretString === undefined && version.secretBinary === undefined) {
    throw versionId !== undefined ? E.valueNotFound("VersionId", versionId) : E.valueNotFound("staging label", stage ?? "AWSCURRENT");
  }
  return version;
}

type Filter = { Key: string; Values: string[] };
const FILTER_KEYS = ["description", "name", "tag-key", "tag-value", "primary-region", "owning-service", "all"];

function parseFilters(body: Json): Filter[] {
  const f = body.Filters;
  if (f === undefined) return [];
  if (!Array.isArray(f)) throw E.validation(["Value at 'filters' failed to satisfy constraint: Member must be a list"]);
  return f.map((x: Filter, i: number) => {
    if (!FILTER_KEYS.includes(x?.Key)) {
      throw E.validation([`Value '${String(x?.Key)}' at 'filters.${i + 1}.member.key' failed to satisfy constraint: Member must satisfy enum value set: [${FILTER_KEYS.join(", ")}]`]);
    }
    if (!Array.isArray(x.Values) || x.Values.length === 0 || x.Values.length > 10) throw E.invalidParameter("Invalid filter values: each filter takes 1-10 values.");
    return { Key: x.Key, Values: x.Values.map(String) };
  });
}

/** Prefix match, case-sensitive (name, tag-key, tag-value); `!` negates; `all` is word-insensitive. */
function matches(s: Secret, filters: Filter[]): boolean {
  return filters.every((f) => {
    const fields =
      f.Key === "name" ? [s.name]
      : f.Key === "description" ? [s.description ?? ""]
      : f.Key === "tag-key" ? s.tags.map((t) => t.Key)
      : f.Key === "tag-value" ? s.tags.map((t) => t.Value)
      : f.Key === "all" ? [s.name, s.description ?? "", ...s.tags.flatMap((t) => [t.Key, t.Value])]
      : [];
    const insensitive = f.Key === "all" || f.Key === "description";
    return f.Values.some((raw) => {
      const negate = raw.startsWith("!");
      const value = negate ? raw.slice(1) : raw;
      const hit = fields.some((field) => (insensitive ? field.toLowerCase().includes(value.toLowerCase()) : field.startsWith(value)));
      return negate ? !hit : hit;
    });
  });
}

function page<T>(items: T[], body: Json, defaultMax = 100): { items: T[]; next?: string } {
  const max = body.MaxResults === undefined ? defaultMax : Number(body.MaxResults);
  if (!Number.isInteger(max) || max < 1 || max > 100) throw E.validation([`Value '${String(body.MaxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100`]);
  let start = 0;
  const next = str(body, "NextToken");
  if (next !== undefined) {
    const m = /^page:(\d+)$/.exec(safeAtob(next));
    if (!m) throw E.invalidNextToken();
    start = Number(m[1]);
  }
  const end = start + max;
  return { items: items.slice(start, end), ...(end < items.length ? { next: btoa(`page:${end}`) } : {}) };
}

function safeAtob(s: string): string {
  try {
    return atob(s);
  } catch {
    return "";
  }
}

const PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/**
 * GetRandomPassword, as the API reference describes it: 32 characters by default (1-4096), from
 * upper- and lower-case letters, digits and punctuation (each class can be excluded, a space
 * included), at least one of each included class unless RequireEachIncludedType is false, never a
 * character of ExcludeCharacters. Random bytes from crypto.getRandomValues, no modulo bias.
 */
function randomPassword(body: Json): string {
  const length = body.PasswordLength === undefined ? 32 : Number(body.PasswordLength);
  if (!Number.isInteger(length) || length < 1 || length > 4096) throw E.validation([`Value '${String(body.PasswordLength)}' at 'passwordLength' failed to satisfy constraint: Member must have value between 1 and 4096`]);
  const exclude = new Set(str(body, "ExcludeCharacters") ?? "");
  const flag = (field: string, fallback: boolean): boolean => (body[field] === undefined ? fallback : body[field] === true);
  const classes = [
    flag("ExcludeUppercase", false) ? "" : "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    flag("ExcludeLowercase", false) ? "" : "abcdefghijklmnopqrstuvwxyz",
    flag("ExcludeNumbers", false) ? "" : "0123456789",
    flag("ExcludePunctuation", false) ? "" : PUNCTUATION,
    flag("IncludeSpace", false) ? " " : "",
  ]
    .map((chars) => [...chars].filter((c) => !exclude.has(c)).join(""))
    .filter(Boolean);
  // Ours: AWS's text for "nothing left to choose from" is not documented.
  if (classes.length === 0) throw E.invalidParameter("The parameters you provided exclude every character: the password can't be generated.");
  const requireEach = flag("RequireEachIncludedType", true);
  if (requireEach && length < classes.length) throw E.invalidParameter(`PasswordLength ${length} is too short to include one character of each of the ${classes.length} included types.`);
  const all = classes.join("");
  /** A uniform index below n (n <= 4096), by rejection sampling two random bytes. */
  const below = (n: number): number => {
    const limit = 65536 - (65536 % n);
    const word = new Uint16Array(1);
    do globalThis.crypto.getRandomValues(word);
    while (word[0]! >= limit);
    return word[0]! % n;
  };
  const pick = (chars: string): string => chars[below(chars.length)]!;
  const out = Array.from({ length }, () => pick(all));
  if (requireEach) {
    // One character of each included class, at distinct random positions.
    const positions = [...out.keys()];
    for (const chars of classes) out[positions.splice(below(positions.length), 1)[0]!] = pick(chars);
  }
  return out.join("");
}

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  GetRandomPassword: {
    action: "secretsmanager:GetRandomPassword",
    handle: (ctx) => ({ RandomPassword: randomPassword(ctx.body) }),
  },
  CreateSecret: {
    action: "secretsmanager:CreateSecret",
    handle: (ctx) => {
      const name = str(ctx.body, "Name");
      if (name === undefined) throw E.validation(["Value null at 'name' failed to satisfy constraint: Member must not be null"]);
      const value = secretValue(ctx.body);
      const t = token(ctx.body);
      const existing = ctx.store.find(name);
      if (existing && t !== undefined && existing.deletedDate === undefined) {
        // An idempotent retry of the same CreateSecret (same token, same value) answers as the first
        // call did. Any other CreateSecret of an existing name is refused without touching it: the
        // SDK sends a fresh ClientRequestToken on every call, and AWS still answers
        // ResourceExistsException then.
        const retried = existing.versions.get(t);
        if (retried && retried.secretString === value.secretString && retried.secretBinary === value.secretBinary) return { ...short(existing), VersionId: retried.versionId };
      }
      const description = str(ctx.body, "Description");
      const kmsKeyId = str(ctx.body, "KmsKeyId");
      const tagList = tags(ctx.body);
      const secret = ctx.store.create({ name, ...(description !== undefined ? { description } : {}), ...(kmsKeyId !== undefined ? { kmsKeyId } : {}), ...(tagList ? { tags: tagList } : {}) });
      if (value.secretString === undefined && value.secretBinary === undefined) return short(secret);
      try {
        ctx.checkKms(secret, "kms:GenerateDataKey");
      } catch (error) {
        ctx.store.scheduleDeletion(secret, "force");
        throw error;
      }
      const { version } = ctx.store.putValue(secret, value, t);
      return { ...short(secret), VersionId: version.versionId };
    },
  },
  GetSecretValue: {
    action: "secretsmanager:GetSecretValue",
    secretField: "SecretId",
    handle: (ctx) => {
      const s = need(ctx);
      const v = pickVersion(ctx.store, s, ctx.body);
      ctx.checkKms(s, "kms:Decrypt");
      ctx.store.touch(s, v);
      return valueResponse(s, v);
    },
  },
  BatchGetSecretValue: {
    action: "secretsmanager:BatchGetSecretValue",
    handle: (ctx) => {
      const idList = ctx.body.SecretIdList;
      const filters = parseFilters(ctx.body);
      if (idList !== undefined && filters.length) throw E.invalidParameter("Either 'SecretIdList' or 'Filters' must be provided, but not both.");
      if (idList !== undefined && (!Array.isArray(idList) || idList.length < 1 || idList.length > 20 || idList.some((x) => typeof x !== "string"))) {
        throw E.validation(["Value at 'secretIdList' failed to satisfy constraint: Member must have length between 1 and 20"]);
      }
      const values: Json[] = [];
      const errors: Json[] = [];
      const targets: Array<{ id: string; secret: Secret | undefined }> = Array.isArray(idList)
        ? (idList as string[]).map((id) => ({ id, secret: ctx.store.find(id) }))
        : ctx.store.list().filter((s) => s.deletedDate === undefined && matches(s, filters)).map((s) => ({ id: s.name, secret: s }));
      for (const { id, secret } of targets) {
        try {
          if (!secret) throw E.secretNotFound();
          if (secret.deletedDate !== undefined) throw E.markedForDeletion();
          const denied = ctx.mayGet(secret);
          if (denied) throw new AwsError(400, "AccessDeniedException", denied);
          const v = pickVersion(ctx.store, secret, {});
          ctx.checkKms(secret, "kms:Decrypt");
          ctx.store.touch(secret, v);
          values.push(valueResponse(secret, v));
        } catch (error) {
          const e = error as { code?: string; message?: string };
          errors.push({ SecretId: id, ErrorCode: e.code ?? "InternalServiceError", Message: e.message ?? "" });
        }
      }
      return { SecretValues: values, Errors: errors };
    },
  },
  PutSecretValue: {
    action: "secretsmanager:PutSecretValue",
    secretField: "SecretId",
    handle: (ctx) => {
      const s = need(ctx);
      const value = secretValue(ctx.body);
      if (value.secretString === undefined && value.secretBinary === undefined) {
        throw E.invalidRequest("You must provide either SecretString or SecretBinary.");
      }
      ctx.checkKms(s, "kms:GenerateDataKey");
      const { version } = ctx.store.putValue(s, value, token(ctx.body), stages(ctx.body));
      return { ...short(s), VersionId: version.versionId, VersionStages: [...version.stages] };
    },
  },
  DescribeSecret: {
    action: "secretsmanager:DescribeSecret",
    secretField: "SecretId",
    allowDeleted: true,
    handle: (ctx) => describe(need(ctx), ctx.store),
  },
  ListSecrets: {
    action: "secretsmanager:ListSecrets",
    handle: (ctx) => {
      const filters = parseFilters(ctx.body);
      const includeDeleted = ctx.body.IncludePlannedDeletion === true;
      let all = ctx.store.list().filter((s) => (includeDeleted || s.deletedDate === undefined) && matches(s, filters));
      all.sort((a, b) => a.createdDate - b.createdDate);
      if (ctx.body.SortOrder === "desc") all = all.reverse();
      const { items, next } = page(all, ctx.body);
      return {
        SecretList: items.map((s) => {
          const { VersionIdsToStages, ...rest } = describe(s, ctx.store);
          return { ...rest, SecretVersionsToStages: VersionIdsToStages };
        }),
        ...(next ? { NextToken: next } : {}),
      };
    },
  },
  ListSecretVersionIds: {
    action: "secretsmanager:ListSecretVersionIds",
    secretField: "SecretId",
    handle: (ctx) => {
      const s = need(ctx);
      const all = [...s.versions.values()].filter((v) => ctx.body.IncludeDeprecated === true || v.stages.length > 0);
      const { items, next } = page(all, ctx.body);
      return {
        Versions: items.map((v) => ({
          VersionId: v.versionId,
          VersionStages: [...v.stages],
          ...(v.lastAccessedDate !== undefined ? { LastAccessedDate: v.lastAccessedDate } : {}),
          CreatedDate: v.createdDate,
          KmsKeyIds: [s.kmsKeyId ?? "DefaultEncryptionKey"],
        })),
        ...short(s),
        ...(next ? { NextToken: next } : {}),
      };
    },
  },
  UpdateSecretVersionStage: {
    action: "secretsmanager:UpdateSecretVersionStage",
    secretField: "SecretId",
    handle: (ctx) => {
      const s = need(ctx);
      const stage = str(ctx.body, "VersionStage");
      if (!stage) throw E.validation(["Value null at 'versionStage' failed to satisfy constraint: Member must not be null"]);
      const removeFrom = str(ctx.body, "RemoveFromVersionId");
      const moveTo = str(ctx.body, "MoveToVersionId");
      if (moveTo !== undefined && !s.versions.has(moveTo)) throw E.invalidParameter(`Not a valid version: ${moveTo}`);
      if (removeFrom !== undefined && !s.versions.has(removeFrom)) throw E.invalidParameter(`Not a valid version: ${removeFrom}`);
      const holder = ctx.store.withStage(s, stage);
      if (holder && moveTo !== undefined && holder.versionId !== moveTo && holder.versionId !== removeFrom) {
        throw E.invalidParameter(
          `The parameter RemoveFromVersionId can't be empty. Staging label ${stage} is currently attached to version ${holder.versionId}, so you must explicitly reference that version in RemoveFromVersionId.`,
        );
      }
      if (moveTo === undefined) {
        if (removeFrom === undefined) throw E.invalidParameter("You must specify MoveToVersionId or RemoveFromVersionId.");
        if (stage === "AWSCURRENT") throw E.invalidParameter("You can't remove the staging label AWSCURRENT from a version without moving it to another version.");
        ctx.store.removeStage(s, stage, removeFrom);
      } else {
        if (removeFrom !== undefined && !s.versions.get(removeFrom)?.stages.includes(stage)) {
          throw E.invalidParameter(`Version stage ${stage} not found in version ${removeFrom}`);
        }
        ctx.store.moveStage(s, stage, moveTo);
      }
      return short(s);
    },
  },
  RotateSecret: {
    action: "secretsmanager:RotateSecret",
    secretField: "SecretId",
    handle: async (ctx) => {
      const s = need(ctx);
      const lambdaArn = str(ctx.body, "RotationLambdaARN");
      const rules = ctx.body.RotationRules as Secret["rotationRules"] | undefined;
      const days = rules?.AutomaticallyAfterDays;
      if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 1000)) throw E.invalidParameter("RotationRules.AutomaticallyAfterDays must be within 1-1000.");
      const pending = ctx.store.withStage(s, "AWSPENDING");
      if (pending && !pending.stages.includes("AWSCURRENT")) throw E.rotationInProgress();
      if (lambdaArn !== undefined) s.rotationLambdaArn = lambdaArn;
      if (!s.rotationLambdaArn) throw E.noRotationFunction();
      if (rules) s.rotationRules = { ...rules };
      s.rotationEnabled = true;
      const t = token(ctx.body) ?? uuid();
      if (ctx.body.RotateImmediately !== false) {
        if (pending) pending.stages = pending.stages.filter((x) => x !== "AWSPENDING");
        ctx.store.reservePending(s, t);
        await ctx.rotate(s, t);
      }
      return { ...short(s), VersionId: t };
    },
  },
  CancelRotateSecret: {
    action: "secretsmanager:CancelRotateSecret",
    secretField: "SecretId",
    handle: (ctx) => {
      const s = need(ctx);
      s.rotationEnabled = false;
      const pending = ctx.store.withStage(s, "AWSPENDING");
      if (pending && !pending.stages.includes("AWSCURRENT")) ctx.store.removeStage(s, "AWSPENDING", pending.versionId);
      return { ...short(s), ...(pending ? { VersionId: pending.versionId } : {}) };
    },
  },
  DeleteSecret: {
    action: "secretsmanager:DeleteSecret",
    secretField: "SecretId",
    handle: (ctx) => {
      const s = need(ctx);
      const days = ctx.body.RecoveryWindowInDays;
      const force = ctx.body.ForceDeleteWithoutRecovery === true;
      if (days !== undefined && force) throw E.invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
      if (days !== undefined && (typeof days !== "number" || !Number.isInteger(days) || days < 7 || days > 30)) {
        throw E.invalidParameter("The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
      }
      const deletionDate = ctx.store.scheduleDeletion(s, force ? "force" : ((days as number | undefined) ?? 30));
      return { ...short(s), DeletionDate: deletionDate };
    },
  },
  RestoreSecret: {
    action: "secretsmanager:RestoreSecret",
    secretField: "SecretId",
    allowDeleted: true,
    handle: (ctx) => {
      const s = need(ctx);
      ctx.store.restore(s);
      return short(s);
    },
  },
  TagResource: {
    action: "secretsmanager:TagResource",
    secretField: "SecretId",
    handle: (ctx) => {
      const s = need(ctx);
      for (const t of tags(ctx.body) ?? []) {
        const existing = s.tags.find((x) => x.Key === t.Key);
        if (existing) existing.Value = t.Value;
        else s.tags.push(t);
      }
      if (s.tags.length > 50) throw E.validation(["Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50"]);
      return {};
    },
  },
  UntagResource: {
    action: "secretsmanager:UntagResource",
    secretField: "SecretId",
    handle: (ctx) => {
      const s = need(ctx);
      const keys = ctx.body.TagKeys;
      if (!Array.isArray(keys)) throw E.validation(["Value null at 'tagKeys' failed to satisfy constraint: Member must not be null"]);
      s.tags = s.tags.filter((t) => !keys.includes(t.Key));
      return {};
    },
  },
  GetResourcePolicy: {
    action: "secretsmanager:GetResourcePolicy",
    secretField: "SecretId",
    handle: (ctx) => {
      const s = need(ctx);
      return { ...short(s), ...(s.resourcePolicy ? { ResourcePolicy: s.resourcePolicy.text } : {}) };
    },
  },
  PutResourcePolicy: {
    action: "secretsmanager:PutResourcePolicy",
    secretField: "SecretId",
    handle: (ctx) => {
      const s = need(ctx);
      const text = str(ctx.body, "ResourcePolicy");
      if (text === undefined) throw E.validation(["Value null at 'resourcePolicy' failed to satisfy constraint: Member must not be null"]);
      const parsed = parsePolicy(text);
      if (!parsed.ok) throw E.malformedPolicy(`This resource policy contains a syntax error: ${parsed.problems.join("; ")}`);
      const statements = Array.isArray(parsed.policy.Statement) ? parsed.policy.Statement : [parsed.policy.Statement];
      const isPublic = statements.some(
        (st) => st.Effect === "Allow" && (st.Principal === "*" || (typeof st.Principal === "object" && [st.Principal.AWS].flat().includes("*"))) && !st.Condition,
      );
      if (isPublic && ctx.body.BlockPublicPolicy === true) throw E.publicPolicy();
      s.resourcePolicy = { text, document: parsed.policy };
      return short(s);
    },
  },
  DeleteResourcePolicy: {
    action: "secretsmanager:DeleteResourcePolicy",
    secretField: "SecretId",
    handle: (ctx) => {
      const s = need(ctx);
      delete s.resourcePolicy;
      return short(s);
    },
  },
};

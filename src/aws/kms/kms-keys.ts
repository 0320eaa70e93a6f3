import { principalMatchInfo, type IamDirectory, type Principal } from "../iam/directory.ts";
import type { PolicyDocument } from "../iam/policy.ts";
import { evaluatePolicy } from "../iam/policy.ts";
import { uuid } from "../ids.ts";

/**
 * Customer-managed KMS keys, as far as Secrets Manager needs them: a secret encrypted with
 * one can be read only by a caller that may use the key (kms:Decrypt), else GetSecretValue
 * fails with "Access to KMS is not allowed". The key policy decides; when it delegates to
 * the account (`arn:aws:iam::<account>:root`), IAM identity policies decide too. Secrets
 * without a KmsKeyId use the AWS managed key `aws/secretsmanager`, which any caller allowed
 * by Secrets Manager may use.
 */
export interface KmsKey {
  readonly keyId: string;
  readonly arn: string;
  readonly alias?: string;
  enabled: boolean;
  readonly keyPolicy: PolicyDocument;
}

export class KmsKeys {
  readonly #keys = new Map<string, KmsKey>();
  readonly #iam: IamDirectory;
  readonly #region: string;

  constructor(iam: IamDirectory, region: string) {
    this.#iam = iam;
    this.#region = region;
  }

  add(input: { keyId?: string; alias?: string; keyPolicy: PolicyDocument; enabled?: boolean }): KmsKey {
    const keyId = input.keyId ?? uuid();
    const key: KmsKey = {
      keyId,
      arn: `arn:aws:kms:${this.#region}:${this.#iam.accountId}:key/${keyId}`,
      ...(input.alias !== undefined ? { alias: input.alias.startsWith("alias/") ? input.alias : `alias/${input.alias}` } : {}),
      enabled: input.enabled ?? true,
      keyPolicy: input.keyPolicy,
    };
    this.#keys.set(keyId, key);
    return key;
  }

  /** By key id, key ARN, alias name or alias ARN. */
  find(id: string): KmsKey | undefined {
    for (const k of this.#keys.values()) {
      if (k.keyId === id || k.arn === id || k.alias === id || (k.alias && id === `arn:aws:kms:${this.#region}:${this.#iam.accountId}:${k.alias}`)) return k;
    }
    return undefined;
  }

  list(): KmsKey[] {
    return [...this.#keys.values()];
  }

  /**
   * May `principal` use the key for `action`? Through Secrets Manager by default (the request
   * carries `kms:ViaService`); `{ via: false }` asks about a direct call to KMS, which has none.
   */
  mayUse(key: KmsKey, principal: Principal, action: string, options: { via?: boolean } = {}): boolean {
    const request = {
      action,
      resource: key.arn,
      keys: { ...(options.via === false ? {} : { "kms:viaservice": `secretsmanager.${this.#region}.amazonaws.com` }), "kms:calleraccount": this.#iam.accountId },
    };
    const keyOutcome = evaluatePolicy(key.keyPolicy, request, principalMatchInfo(principal));
    if (keyOutcome === "deny") return false;
    const identity = this.#iam.authorize({ principal, request });
    if (!identity.allowed && identity.reason.kind === "explicit") return false;
    if (keyOutcome === "allow") {
      // A statement naming the account root delegates to IAM; one naming the caller grants.
      const delegates = evaluatePolicy(key.keyPolicy, request, { arns: [], account: this.#iam.accountId }) === "allow";
      const direct = evaluatePolicy(key.keyPolicy, request, { arns: principalMatchInfo(principal).arns, account: "no-account" }) === "allow";
      return direct || (delegates && identity.allowed);
    }
    return false;
  }
}

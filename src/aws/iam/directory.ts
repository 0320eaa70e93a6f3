import type { AwsClock } from "../clock.ts";
import * as ids from "../ids.ts";
import { evaluatePolicy, namesPrincipalDirectly, type PolicyDocument, type PrincipalMatchInfo, type RequestContext } from "./policy.ts";
import type { DenialReason } from "../errors.ts";

/**
 * IAM as far as a workload reading secrets meets it: users with access keys, roles with a
 * trust policy, identity policies on both, and the temporary sessions STS, the EC2 instance
 * metadata service and the ECS agent hand out for a role.
 */
export interface IamUser {
  readonly name: string;
  readonly arn: string;
  readonly userId: string;
  readonly policies: PolicyDocument[];
}

export interface IamRole {
  readonly name: string;
  readonly arn: string;
  readonly roleId: string;
  readonly trustPolicy: PolicyDocument;
  readonly policies: PolicyDocument[];
  /** Seconds; AssumeRole's DurationSeconds may not exceed it. Default 3600. */
  readonly maxSessionDuration: number;
}

export interface AccessKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** Unix seconds; temporary credentials only. */
  readonly expiration?: number;
  readonly principal: Principal;
  status: "Active" | "Inactive";
}

/** Who a request comes from once its signature checked out. */
export type Principal =
  | { kind: "user"; user: IamUser; account: string }
  | { kind: "assumed-role"; role: IamRole; sessionName: string; account: string; via: CredentialSource };

/** Where a session's credentials came from: the inspector and the event log show it. */
export type CredentialSource = "sts:AssumeRole" | "ec2-instance-metadata" | "ecs-container-credentials" | "lambda" | "engine";

export function principalArn(p: Principal): string {
  return p.kind === "user" ? p.user.arn : `arn:aws:sts::${p.account}:assumed-role/${p.role.name}/${p.sessionName}`;
}

/** GetCallerIdentity's UserId: the user's AIDA id, or `AROA...:session`. */
export function principalUserId(p: Principal): string {
  return p.kind === "user" ? p.user.userId : `${p.role.roleId}:${p.sessionName}`;
}

export function principalMatchInfo(p: Principal): PrincipalMatchInfo {
  return p.kind === "user"
    ? { arns: [p.user.arn], account: p.account }
    : { arns: [principalArn(p), p.role.arn], account: p.account };
}

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: number;
}

export type KeyLookup =
  | { ok: true; key: AccessKey }
  | { ok: false; reason: "unknown" | "expired" | "token-mismatch" };

export interface AuthorizationInput {
  principal: Principal;
  request: RequestContext;
  /** The resource's own policy (a secret's resource policy, a KMS key policy), if any. */
  resourcePolicy?: PolicyDocument | undefined;
}

export type AuthorizationResult = { allowed: true } | { allowed: false; reason: DenialReason };

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

export class IamDirectory {
  readonly accountId: string;
  readonly #clock: AwsClock;
  readonly #users = new Map<string, IamUser>();
  readonly #roles = new Map<string, IamRole>();
  readonly #keys = new Map<string, AccessKey>();

  constructor(accountId: string, clock: AwsClock) {
    this.accountId = accountId;
    this.#clock = clock;
  }

  addUser(input: { name: string; policies?: PolicyDocument[] }): IamUser {
    if (!ROLE_NAME.test(input.name)) throw new RangeError(`IAM user name '${input.name}' is not valid.`);
    if (this.#users.has(input.name)) throw new RangeError(`An IAM user named '${input.name}' already exists.`);
    const user: IamUser = {
      name: input.name,
      arn: `arn:aws:iam::${this.accountId}:user/${input.name}`,
      userId: ids.principalId("AIDA"),
      policies: [...(input.policies ?? [])],
    };
    this.#users.set(user.name, user);
    return user;
  }

  addRole(input: { name: string; trustPolicy: PolicyDocument; policies?: PolicyDocument[]; maxSessionDuration?: number }): IamRole {
    if (!ROLE_NAME.test(input.name)) throw new RangeError(`IAM role name '${input.name}' is not valid.`);
    if (this.#roles.has(input.name)) throw new RangeError(`An IAM role named '${input.name}' already exists.`);
    const role: IamRole = {
      name: input.name,
      arn: `arn:aws:iam::${this.accountId}:role/${input.name}`,
      roleId: ids.principalId("AROA"),
      trustPolicy: input.trustPolicy,
      policies: [...(input.policies ?? [])],
      maxSessionDuration: input.maxSessionDuration ?? 3600,
    };
    this.#roles.set(role.name, role);
    return role;
  }

  user(name: string): IamUser | undefined {
    return this.#users.get(name);
  }
  role(name: string): IamRole | undefined {
    return this.#roles.get(name);
  }
  roleByArn(arn: string): IamRole | undefined {
    const match = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
    if (!match || match[1] !== this.accountId) return undefined;
    return this.#roles.get(match[2] ?? "");
  }
  users(): IamUser[] {
    return [...this.#users.values()];
  }
  roles(): IamRole[] {
    return [...this.#roles.values()];
  }

  /** A long-term access key pair for a user (what `aws configure` stores). */
  createAccessKey(userName: string, fixed?: { accessKeyId: string; secretAccessKey: string }): AccessKey {
    const user = this.#users.get(userName);
    if (!user) throw new RangeError(`No IAM user named '${userName}'.`);
    const key: AccessKey = {
      accessKeyId: fixed?.accessKeyId ?? ids.accessKeyId(false),
      secretAccessKey: fixed?.secretAccessKey ?? ids.secretAccessKey(),
      principal: { kind: "user", user, account: this.accountId },
      status: "Active",
    };
    this.#keys.set(key.accessKeyId, key);
    return key;
  }

  /** Temporary credentials for a role session (AssumeRole, IMDS, ECS, a Lambda's role). */
  createSession(role: IamRole, sessionName: string, durationSeconds: number, via: CredentialSource): AccessKey {
    const key: AccessKey = {
      accessKeyId: ids.accessKeyId(true),
      secretAccessKey: ids.secretAccessKey(),
      sessionToken: ids.sessionToken(),
      expiration: Math.floor(this.#clock.now()) + durationSeconds,
      principal: { kind: "assumed-role", role, sessionName, account: this.accountId, via },
      status: "Active",
    };
    this.#keys.set(key.accessKeyId, key);
    return key;
  }

  /** Deactivates a key (a lesson's "the leaked key was revoked"). */
  deactivateKey(accessKeyId: string): void {
    const key = this.#keys.get(accessKeyId);
    if (key) key.status = "Inactive";
  }

  /** The key a signature names; temporary keys must come with their own session token, unexpired. */
  lookupKey(accessKeyId: string, sessionToken: string | undefined): KeyLookup {
    const key = this.#keys.get(accessKeyId);
    if (!key || key.status !== "Active") return { ok: false, reason: "unknown" };
    // A temporary key without its token, with another session's, or a long-term key sent
    // with a token: AWS refuses all three as an invalid security token.
    if (key.sessionToken !== sessionToken) return { ok: false, reason: "token-mismatch" };
    if (key.expiration !== undefined && key.expiration <= this.#clock.now()) return { ok: false, reason: "expired" };
    return { ok: true, key };
  }

  keys(): AccessKey[] {
    return [...this.#keys.values()];
  }

  /** Explicit Deny > Allow (identity or resource policy) > implicit deny, within one account. */
  authorize(input: AuthorizationInput): AuthorizationResult {
    const identityPolicies = input.principal.kind === "user" ? input.principal.user.policies : input.principal.role.policies;
    let identityAllows = false;
    for (const policy of identityPolicies) {
      const outcome = evaluatePolicy(policy, input.request);
      if (outcome === "deny") return { allowed: false, reason: { kind: "explicit", policyType: "identity-based" } };
      if (outcome === "allow") identityAllows = true;
    }
    let resourceAllows = false;
    if (input.resourcePolicy) {
      const outcome = evaluatePolicy(input.resourcePolicy, input.request, principalMatchInfo(input.principal));
      if (outcome === "deny") return { allowed: false, reason: { kind: "explicit", policyType: "resource-based" } };
      resourceAllows = outcome === "allow";
    }
    if (identityAllows || resourceAllows) return { allowed: true };
    return { allowed: false, reason: { kind: "implicit", policyType: "identity-based" } };
  }

  /**
   * May `caller` assume `role`? The trust policy must allow it; when it names only the
   * account, the caller's identity policy must also allow sts:AssumeRole on the role.
   */
  mayAssume(caller: Principal, role: IamRole): boolean {
    const who = principalMatchInfo(caller);
    const request: RequestContext = {
      action: "sts:AssumeRole",
      resource: role.arn,
      keys: { "aws:principalarn": principalArn(caller), "aws:principalaccount": this.accountId },
    };
    const trust = evaluatePolicy(role.trustPolicy, request, who);
    if (trust !== "allow") return false;
    const identity = this.authorize({ principal: caller, request });
    if (!identity.allowed && identity.reason.kind === "explicit") return false;
    return namesPrincipalDirectly(role.trustPolicy, who) || identity.allowed;
  }

  /** May this AWS service (ec2.amazonaws.com, ecs-tasks.amazonaws.com) hand out the role? */
  serviceMayAssume(service: string, role: IamRole): boolean {
    return evaluatePolicy(role.trustPolicy, { action: "sts:AssumeRole", resource: role.arn, keys: {} }, { arns: [], account: "", service }) === "allow";
  }
}

import { z } from "zod";
import { globMatch } from "../arn.ts";

/**
 * IAM policy documents and their evaluation, as IAM does it within one account:
 * an explicit Deny anywhere wins; else an Allow in an identity policy or in the resource's
 * policy (one naming the principal) allows; else the request is implicitly denied.
 *
 * Conditions supported: String{Equals,NotEquals,Like,NotLike}[IgnoreCase], Arn{Equals,Like,
 * NotEquals,NotLike}, Bool, Null, each with `...IfExists`, over keys the caller fills in
 * (`secretsmanager:ResourceTag/<key>`, `aws:ResourceTag/<key>`, `aws:PrincipalArn`,
 * `secretsmanager:SecretId`, `secretsmanager:VersionStage`, `kms:ViaService`, ...).
 */
const stringOrList = z.union([z.string(), z.array(z.string()).min(1)]);

const PrincipalSchema = z.union([
  z.literal("*"),
  z
    .object({
      AWS: stringOrList.optional(),
      Service: stringOrList.optional(),
      Federated: stringOrList.optional(),
    })
    .strict(),
]);

const StatementSchema = z
  .object({
    Sid: z.string().optional(),
    Effect: z.enum(["Allow", "Deny"]),
    Action: stringOrList.optional(),
    NotAction: stringOrList.optional(),
    Resource: stringOrList.optional(),
    NotResource: stringOrList.optional(),
    Principal: PrincipalSchema.optional(),
    NotPrincipal: PrincipalSchema.optional(),
    Condition: z.record(z.string(), z.record(z.string(), z.union([stringOrList, z.boolean(), z.array(z.boolean())]))).optional(),
  })
  .strict()
  .refine((s) => (s.Action === undefined) !== (s.NotAction === undefined), { message: "a statement needs exactly one of Action or NotAction" });

export const PolicyDocumentSchema = z
  .object({
    Version: z.enum(["2012-10-17", "2008-10-17"]).optional(),
    Id: z.string().optional(),
    Statement: z.union([StatementSchema, z.array(StatementSchema)]),
  })
  .strict();

export type PolicyDocument = z.infer<typeof PolicyDocumentSchema>;
export type PolicyStatement = z.infer<typeof StatementSchema>;

/** Parses a policy given as JSON text or an object; the error lists each problem by path. */
export function parsePolicy(input: string | unknown): { ok: true; policy: PolicyDocument } | { ok: false; problems: string[] } {
  let value: unknown = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, problems: ["the policy is not valid JSON"] };
    }
  }
  const result = PolicyDocumentSchema.safeParse(value);
  if (result.success) return { ok: true, policy: result.data };
  return { ok: false, problems: result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`) };
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
export const statements = (p: PolicyDocument): PolicyStatement[] => (Array.isArray(p.Statement) ? p.Statement : [p.Statement]);

/** Who asks, as a policy's `Principal` can name them. */
export interface PrincipalMatchInfo {
  /** The ARNs that name this caller: an assumed-role session matches its role's ARN too. */
  arns: readonly string[];
  account: string;
  /** For service principals (`ec2.amazonaws.com`) in trust policies. */
  service?: string;
}

export interface RequestContext {
  action: string;
  resource: string;
  /** Condition keys, lower-cased names. A list value matches if any member does. */
  keys: Readonly<Record<string, string | readonly string[] | undefined>>;
}

export type StatementOutcome = "allow" | "deny" | "none";

/** What one policy says about a request: the strongest statement wins (deny > allow > none). */
export function evaluatePolicy(policy: PolicyDocument, request: RequestContext, principal?: PrincipalMatchInfo): StatementOutcome {
  let outcome: StatementOutcome = "none";
  for (const s of statements(policy)) {
    if (!statementApplies(s, request, principal)) continue;
    if (s.Effect === "Deny") return "deny";
    outcome = "allow";
  }
  return outcome;
}

function statementApplies(s: PolicyStatement, request: RequestContext, principal: PrincipalMatchInfo | undefined): boolean {
  const actionMatch = (patterns: string[]) => patterns.some((p) => globMatch(p, request.action, true));
  if (s.Action !== undefined && !actionMatch(list(s.Action))) return false;
  if (s.NotAction !== undefined && actionMatch(list(s.NotAction))) return false;
  const resourceMatch = (patterns: string[]) => patterns.some((p) => globMatch(p, request.resource));
  // Trust policies name no Resource: the role itself is the resource.
  if (s.Resource !== undefined && !resourceMatch(list(s.Resource))) return false;
  if (s.NotResource !== undefined && resourceMatch(list(s.NotResource))) return false;
  if (principal) {
    if (s.Principal !== undefined && !principalMatches(s.Principal, principal)) return false;
    if (s.NotPrincipal !== undefined && principalMatches(s.NotPrincipal, principal)) return false;
  }
  return conditionsHold(s.Condition, request.keys);
}

export function principalMatches(p: z.infer<typeof PrincipalSchema>, who: PrincipalMatchInfo): boolean {
  if (p === "*") return true;
  for (const name of list(p.AWS)) {
    if (name === "*") return true;
    if (name === who.account || name === `arn:aws:iam::${who.account}:root`) return true;
    if (who.arns.includes(name)) return true;
  }
  if (who.service !== undefined && list(p.Service).includes(who.service)) return true;
  return false;
}

/** Does the policy name this principal directly (not just its account)? Trust policies care. */
export function namesPrincipalDirectly(policy: PolicyDocument, who: PrincipalMatchInfo): boolean {
  return statements(policy).some((s) => {
    if (s.Effect !== "Allow" || s.Principal === undefined || s.Principal === "*") return false;
    return list(s.Principal.AWS).some((n) => who.arns.includes(n)) || (who.service !== undefined && list(s.Principal.Service).includes(who.service));
  });
}

type ConditionBlock = PolicyStatement["Condition"];

function conditionsHold(block: ConditionBlock, keys: RequestContext["keys"]): boolean {
  if (!block) return true;
  for (const [rawOperator, entries] of Object.entries(block)) {
    const ifExists = rawOperator.endsWith("IfExists");
    const operator = ifExists ? rawOperator.slice(0, -"IfExists".length) : rawOperator;
    for (const [rawKey, rawExpected] of Object.entries(entries)) {
      const expected = (Array.isArray(rawExpected) ? rawExpected : [rawExpected]).map(String);
      const actual = keys[rawKey.toLowerCase()];
      const values = actual === undefined ? [] : typeof actual === "string" ? [actual] : [...actual];
      if (operator === "Null") {
        const wantMissing = expected[0] === "true";
        if (wantMissing !== (values.length === 0)) return false;
        continue;
      }
      if (values.length === 0) {
        if (ifExists) continue;
        // A negated operator on a missing key holds (IAM: "StringNotEquals" matches absence).
        if (/Not/.test(operator)) continue;
        return false;
      }
      if (!values.some((v) => compare(operator, v, expected))) return false;
    }
  }
  return true;
}

function compare(operator: string, actual: string, expected: string[]): boolean {
  switch (operator) {
    case "StringEquals":
    case "ArnEquals":
      return expected.includes(actual);
    case "StringNotEquals":
    case "ArnNotEquals":
      return !expected.includes(actual);
    case "StringEqualsIgnoreCase":
      return expected.some((e) => e.toLowerCase() === actual.toLowerCase());
    case "StringNotEqualsIgnoreCase":
      return !expected.some((e) => e.toLowerCase() === actual.toLowerCase());
    case "StringLike":
    case "ArnLike":
      return expected.some((e) => globMatch(e, actual));
    case "StringNotLike":
    case "ArnNotLike":
      return !expected.some((e) => globMatch(e, actual));
    case "Bool":
      return expected.some((e) => e.toLowerCase() === actual.toLowerCase());
    default:
      // An operator we do not model never matches: fail closed, as a typo in IAM would.
      return false;
  }
}

import { z } from "zod";
import { createClock, type VaultClock } from "./clock.ts";
import { ROLE_NAMES, type RoleName } from "./rbac.ts";
import { MAX_TAGS, SECRET_NAME_PATTERN } from "./model.ts";
import { VaultEngine, type AuthMode } from "./vault-engine.ts";
import { hex, randomBytes } from "./encoding.ts";
import type { RotationContext } from "./rotation-policy.ts";

/**
 * A vault world declared as data: what a lesson or exercise ships (as JSON or frontmatter)
 * and what `npm run vault -- --seed file.json` reads. Validated with one schema; every
 * problem is reported with the path of the field at fault.
 *
 *   {
 *     "identities": [{ "name": "payments-api", "kind": "managed-identity" }],
 *     "vaults": [{ "name": "payments-kv", "secrets": [
 *       { "name": "StripeApiKey", "versions": [{ "value": "sk_test_51FakeKeyForSecretsLab" }] }
 *     ] }],
 *     "roleAssignments": [
 *       { "principal": "payments-api", "role": "Key Vault Secrets User", "vault": "payments-kv", "secret": "StripeApiKey" }
 *     ]
 *   }
 */
const unixSeconds = z.number().int().nonnegative();

const SecretVersionSchema = z.object({
  value: z.string(),
  contentType: z.string().max(255).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  enabled: z.boolean().optional(),
  nbf: unixSeconds.optional(),
  exp: unixSeconds.optional(),
  /** When the version was set, unix seconds; default: the scenario's start time. */
  created: unixSeconds.optional(),
});

/**
 * "A new version every `afterSeconds`" (see rotation-policy.ts), fired by `clock.advance()`.
 * `value` is a template: `{n}` becomes the rotation number, `{random}` 8 random hex digits;
 * default `<name>-rotated-{n}-{random}`.
 */
const RotationSchema = z.strictObject({
  afterSeconds: z.number().int().positive(),
  value: z.string().min(1).optional(),
  contentType: z.string().max(255).optional(),
  expiresAfterSeconds: z.number().int().positive().optional(),
});

const SecretSchema = z.object({
  name: z.string().regex(SECRET_NAME_PATTERN, "must be 1-127 letters, digits or dashes"),
  /** Oldest first; the last one is what a versionless get returns. */
  versions: z.array(SecretVersionSchema).min(1, "a secret needs at least one version"),
  /** Start the scenario with this secret soft-deleted (for recovery lessons). */
  deleted: z.boolean().optional(),
  rotation: RotationSchema.optional(),
});

const ThrottlingSchema = z.object({
  requestsPerWindow: z.number().int().positive(),
  windowSeconds: z.number().positive().optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
});

const VaultSchema = z.object({
  name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]{2,23}$/, "must be 3-24 letters, digits or dashes, starting with a letter"),
  tenantId: z.string().optional(),
  subscriptionId: z.string().optional(),
  resourceGroup: z.string().optional(),
  location: z.string().optional(),
  recoverableDays: z.number().int().min(7).max(90).optional(),
  throttling: ThrottlingSchema.optional(),
  secrets: z.array(SecretSchema).default([]),
});

const IdentitySchema = z.object({
  name: z.string().min(1),
  kind: z.enum(["managed-identity", "user", "service-principal"]),
  tenantId: z.string().optional(),
  objectId: z.string().optional(),
  appId: z.string().optional(),
});

const RoleAssignmentSchema = z.object({
  principal: z.string(),
  role: z.enum(ROLE_NAMES as [RoleName, ...RoleName[]]),
  vault: z.string(),
  secret: z.string().optional(),
});

export const VaultScenarioSchema = z
  .object({
    /** Unix seconds the vault clock starts at; default: now. */
    startTime: unixSeconds.optional(),
    tenantId: z.string().optional(),
    authMode: z.enum(["rbac", "open"]).optional(),
    identities: z.array(IdentitySchema).default([]),
    vaults: z.array(VaultSchema).min(1, "a scenario needs at least one vault"),
    roleAssignments: z.array(RoleAssignmentSchema).default([]),
  })
  .superRefine((scenario, ctx) => {
    const identityNames = new Set<string>();
    scenario.identities.forEach((identity, i) => {
      if (identityNames.has(identity.name)) {
        ctx.addIssue({ code: "custom", path: ["identities", i, "name"], message: `duplicate identity '${identity.name}'` });
      }
      identityNames.add(identity.name);
    });
    const vaults = new Map<string, Set<string>>();
    scenario.vaults.forEach((vault, v) => {
      const key = vault.name.toLowerCase();
      if (vaults.has(key)) ctx.addIssue({ code: "custom", path: ["vaults", v, "name"], message: `duplicate vault '${vault.name}'` });
      const names = new Set<string>();
      vault.secrets.forEach((secret, s) => {
        const lower = secret.name.toLowerCase();
        if (names.has(lower)) {
          ctx.addIssue({ code: "custom", path: ["vaults", v, "secrets", s, "name"], message: `duplicate secret '${secret.name}' (names are case-insensitive)` });
        }
        names.add(lower);
        if (secret.rotation && secret.deleted) {
          ctx.addIssue({ code: "custom", path: ["vaults", v, "secrets", s, "rotation"], message: "a secret that starts deleted cannot rotate" });
        }
        secret.versions.forEach((version, n) => {
          if (version.tags && Object.keys(version.tags).length > MAX_TAGS) {
            ctx.addIssue({ code: "custom", path: ["vaults", v, "secrets", s, "versions", n, "tags"], message: `at most ${MAX_TAGS} tags` });
          }
        });
      });
      vaults.set(key, names);
    });
    scenario.roleAssignments.forEach((a, i) => {
      if (!identityNames.has(a.principal)) {
        ctx.addIssue({ code: "custom", path: ["roleAssignments", i, "principal"], message: `no identity named '${a.principal}' in 'identities'` });
      }
      const secrets = vaults.get(a.vault.toLowerCase());
      if (!secrets) {
        ctx.addIssue({ code: "custom", path: ["roleAssignments", i, "vault"], message: `no vault named '${a.vault}' in 'vaults'` });
      } else if (a.secret !== undefined && !SECRET_NAME_PATTERN.test(a.secret)) {
        ctx.addIssue({ code: "custom", path: ["roleAssignments", i, "secret"], message: "must be 1-127 letters, digits or dashes" });
      }
    });
  });

/** What a scenario author writes (defaults optional). */
export type VaultScenario = z.input<typeof VaultScenarioSchema>;

export class ScenarioError extends Error {
  override readonly name = "ScenarioError";
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid vault scenario:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    this.problems = problems;
  }
}

/** Validates a scenario; throws ScenarioError listing each problem as `path: message`. */
export function parseVaultScenario(input: unknown): z.output<typeof VaultScenarioSchema> {
  const result = VaultScenarioSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ScenarioError(
    result.error.issues.map((issue) => `${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`),
  );
}

/** Builds a fresh engine holding everything the scenario declares. */
export function createEngineFromScenario(
  input: unknown,
  options: { authMode?: AuthMode; clock?: VaultClock } = {},
): VaultEngine {
  const scenario = parseVaultScenario(input);
  const clock = options.clock ?? createClock(scenario.startTime !== undefined ? { start: scenario.startTime } : {});
  const authMode = options.authMode ?? scenario.authMode;
  const engine = new VaultEngine({
    clock,
    ...(scenario.tenantId !== undefined ? { tenantId: scenario.tenantId } : {}),
    ...(authMode !== undefined ? { authMode } : {}),
  });
  for (const identity of scenario.identities) engine.identities.add(identity);
  for (const v of scenario.vaults) {
    const { secrets, throttling, ...settings } = v;
    const vault = engine.createVault(settings);
    for (const secret of secrets) {
      for (const { created, ...version } of secret.versions) {
        vault.setSecret(secret.name, version, created !== undefined ? { created } : {});
      }
      if (secret.deleted) vault.deleteSecret(secret.name);
    }
    for (const secret of secrets) {
      if (!secret.rotation) continue;
      const { afterSeconds, value, contentType, expiresAfterSeconds } = secret.rotation;
      engine.rotation.add({
        vault: vault.name,
        secret: secret.name,
        afterSeconds,
        ...(value !== undefined ? { generate: (context: RotationContext) => fillRotationTemplate(value, context) } : {}),
        ...(contentType !== undefined ? { contentType } : {}),
        ...(expiresAfterSeconds !== undefined ? { expiresAfterSeconds } : {}),
      });
    }
    if (throttling) engine.setThrottling(vault.name, throttling);
  }
  for (const assignment of scenario.roleAssignments) engine.roles.assign(assignment);
  return engine;
}

/** `{n}` -> the rotation number, `{random}` -> 8 random hex digits. */
export function fillRotationTemplate(template: string, context: RotationContext): string {
  return template.replace(/\{n\}/g, String(context.rotation)).replace(/\{random\}/g, () => hex(randomBytes(4)));
}

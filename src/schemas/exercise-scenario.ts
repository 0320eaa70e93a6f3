import { z } from "astro/zod";
import { PROVIDERS, providerChecks, providerFields, providerSurfaces, ownChecks, providerPlaceholderKinds, usesProvider } from "../providers/registry.ts";
import {
  ABSOLUTE_PATH_PROBLEM,
  checkBase,
  ENV_NAME_PROBLEM,
  isAbsolutePath,
  isEnvName,
  isRelativePath,
  mergePatch,
  PLACEHOLDER,
  RELATIVE_PATH_PROBLEM,
  SecretRefSchema,
} from "./scenario-parts.ts";

export { SecretDestinationSchema, type SecretDestination } from "./scenario-parts.ts";
export { MOCK_APIS, type MockApiName } from "../providers/payments/index.ts";
export { DockerSetupSchema } from "../providers/docker/index.ts";

/**
 * The graded part of an exercise: the world a learner's program runs in (files, env, virtual files,
 * secrets, vault, docker-sim, mock APIs), an optional mid-run rotation, and the ordered checks that
 * judge what the run left behind. Plain JSON, so it can sit in frontmatter or a sibling file.
 *
 * Secrets are declared once and referenced by placeholder wherever a value goes:
 *   env:          { "EXTERNAL_API_KEY": "{{secret:payments_key}}" }
 *   virtualFiles: { "/run/secrets/db_password": "{{secret:db_password}}\n" }
 *   vault value:  "{{secret:payments_key}}"       docker setup: "docker build --secret id=npm,env=NPM_TOKEN ..."
 * The learner's sandbox fills placeholders with each secret's `shownValue`; the grader fills them
 * with a fresh random canary on every check run, so a program that passes must really read the
 * secret from where the scenario put it. `{{vault-token:<identity>}}` becomes a bearer token for the
 * mock Key Vault minted for that identity (what a managed identity would obtain).
 *
 * Referential rules (every placeholder and check names a declared secret, API, identity...) are
 * checked here so an author sees them at build time, each with its path.
 */

/** Where a learner's secret can show up; `no-leak` checks pick among them (default: all). */
const CORE_SURFACES = [
  /** What the program printed (console.log, process.stdout). */
  "stdout",
  /** Error output: console.error, uncaught errors, their messages and stack traces. */
  "stderr",
  /** Files the program created or changed. */
  "files",
  /** Request lines sent to any host, known or not: path and query string. */
  "request-url",
  /** Request headers, except the one where the secret belongs (see `api-received-secret`). */
  "request-headers",
  /** Request bodies. */
  "request-body",
] as const;

/** Every surface: the core ones, then each provider's (`vault`, `docker-history`...). */
export const LEAK_SURFACES = [...CORE_SURFACES, ...providerSurfaces().map((surface) => surface.id)] as const;
export type LeakSurface = (typeof CORE_SURFACES)[number] | ReturnType<typeof providerSurfaces>[number]["id"];
/** How check titles name each surface. */
export const SURFACE_LABELS: Readonly<Record<string, string>> = {
  stdout: "output",
  stderr: "error output and stack traces",
  files: "files written",
  "request-url": "request URLs and query strings",
  "request-headers": "other request headers",
  "request-body": "request bodies",
  ...Object.fromEntries(providerSurfaces().map((surface) => [surface.id, surface.label])),
};

export const SECRET_KINDS = ["api-key", "password", "token"] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

export const ScenarioSecretSchema = z.strictObject({
  name: SecretRefSchema,
  /** Shapes the canary so it looks like the real thing (and passes the mock API's format check). */
  kind: z.enum(SECRET_KINDS),
  /** Learner-facing name in messages, e.g. "the payments API key". Default: the secret's name. */
  label: z.string().min(3).optional(),
  /** Fixed, non-secret start of every canary. Default: `sk_test_` for api-key, none otherwise. */
  prefix: z.string().regex(/^[A-Za-z0-9_-]*$/, "letters, digits, _ and - only").optional(),
  /** Random characters after the prefix. Default: 24 (api-key), 20 (password), 32 (token). Min 16. */
  length: z.number().int().min(16).max(64).optional(),
  /**
   * Passwords only: symbols mixed in (at least one is always present, so URL- and JSON-escaped forms
   * differ from the raw value). Default `!#%*+-.:=@^_~`. Add `"` or `\` to exercise JSON escaping.
   */
  symbols: z.string().min(1).regex(/^[!-/:-@[-`{-~]+$/, "printable ASCII symbols only").optional(),
  /** The value the statement and the learner's sandbox show. Never planted by the grader. */
  shownValue: z.string().min(8),
});
export type ScenarioSecret = z.infer<typeof ScenarioSecretSchema>;

/** The check kinds every exercise can use; providers add theirs (see src/providers/registry.ts). */
const CORE_CHECKS = [
  /** The program ended with this exit code (a timeout or crash fails it). */
  z.strictObject({ ...checkBase, kind: z.literal("exit-code"), equals: z.number().int().default(0) }),
  /** stdout contains this literal text. */
  z.strictObject({ ...checkBase, kind: z.literal("stdout-includes"), text: z.string().min(1) }),
  /**
   * stderr (console.error, uncaught errors) contains this literal text: the program explains a
   * failure where errors go, e.g. "DB_PASSWORD_FILE is not set" before it exits with code 1.
   */
  z.strictObject({ ...checkBase, kind: z.literal("stderr-includes"), text: z.string().min(1) }),
  /** The signature check: the canary (in any form) appears on none of these surfaces. */
  z.strictObject({
    ...checkBase,
    kind: z.literal("no-leak"),
    secret: z.union([z.literal("all"), SecretRefSchema]).default("all"),
    surfaces: z.union([z.literal("all"), z.array(z.enum(LEAK_SURFACES as unknown as [LeakSurface, ...LeakSurface[]])).min(1)]).default("all"),
  }),
  /** Static: the value shown in the statement (or a key-shaped literal) is not in the learner's files. */
  z.strictObject({ ...checkBase, kind: z.literal("source-has-no-literal"), secret: SecretRefSchema }),
  /**
   * The program sent no request (to these hosts, or to any): it stopped before calling out, e.g.
   * "exit before any request is made" when its key is missing.
   */
  z.strictObject({ ...checkBase, kind: z.literal("no-request"), hosts: z.array(z.string().min(1)).min(1).optional() }),
  /** stderr holds no stack trace: the program caught its failure and said what went wrong. */
  z.strictObject({ ...checkBase, kind: z.literal("no-stack-trace") }),
  /**
   * A written answer in a learner file (JSON), at a JSON Pointer: it `equals` a value, an array
   * `includes` these, and every item is one of `allowed`. For tasks that ask to find and name
   * things ("which places still hold the key"), so they are checked, not left "not graded".
   */
  z.strictObject({
    ...checkBase,
    kind: z.literal("answer"),
    file: z.string().refine(isRelativePath, RELATIVE_PATH_PROBLEM),
    at: z.string().regex(/^(\/[^/]*)*$/, "a JSON Pointer, like /places/ci-log/readable"),
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    includes: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1).optional(),
    allowed: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1).optional(),
    /** What a right answer is, in words that do not give it away. */
    expected: z.string().min(3).optional(),
    /** Shown with a wrong answer: where to look, not the answer. */
    hint: z.string().min(3).optional(),
  }),
] as const;
const CORE_CHECK_KINDS: ReadonlySet<string> = new Set(CORE_CHECKS.map((check) => check.shape.kind.value));

export const CheckSchema = z.discriminatedUnion("kind", [...CORE_CHECKS, ...providerChecks()]);
export type ExerciseCheck = z.infer<typeof CheckSchema>;
export type ExerciseCheckKind = ExerciseCheck["kind"];

export const RotationSchema = z.strictObject({
  /** The secret whose virtual files and vault versions get a new value mid-run (env cannot change). */
  secret: SecretRefSchema,
  /** Milliseconds after the program starts. */
  atMs: z.number().int().min(50).max(20_000),
});

/** Scenario fields a run variant may change: the world, never the files or the checks. */
const VARIANT_PATCHABLE: ReadonlySet<string> = new Set(["env", "virtualFiles", "rotation", "timeoutMs", ...Object.keys(providerFields())]);

/**
 * A run variant: the learner's program runs again in a changed world, with checks of its own, for
 * what a statement asks on failure ("when the variable is missing, exit 1 before any request").
 * Reported as "<title>: <check title>" with ids "<variant id>/<check id>".
 *   { "id": "no-key", "title": "Without EXTERNAL_API_KEY set",
 *     "patch": { "env": { "EXTERNAL_API_KEY": null } },
 *     "checks": [{ "id": "exits-1", "kind": "exit-code", "equals": 1 }, { "kind": "no-request" }] }
 */
export const ScenarioVariantSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "ids are lowercase letters, digits and -"),
  /** What changed, as the report names it: "Without EXTERNAL_API_KEY set", "With the secret disabled". */
  title: z.string().min(3),
  /**
   * A JSON Merge Patch (RFC 7386) over the scenario's world: `null` removes (an env var unset, a
   * mounted file missing, no rotation), objects merge, arrays replace (a vault's role assignments).
   * Fields: env, virtualFiles, rotation, timeoutMs and each provider's (vault, machine, mockApis...).
   */
  patch: z.record(z.string(), z.unknown()).default({}),
  /** Hosts that refuse every connection in this run (the provider is down): `fetch` fails. */
  down: z.array(z.string().min(1)).default([]),
  checks: z.array(CheckSchema).min(1, "a variant needs at least one check"),
});
export type ScenarioVariant = z.infer<typeof ScenarioVariantSchema>;

/**
 * The scenario a variant runs: the scenario's world with the variant's patch applied, its files and
 * secrets, and the variant's checks. Input form: parse it (with defaults) before grading.
 */
export function variantScenario(scenario: ExerciseScenario, variant: ScenarioVariant): ExerciseScenarioInput {
  const { checks: _checks, variants: _variants, ...world } = scenario;
  return { ...(mergePatch(world, variant.patch) as ExerciseScenarioInput), checks: variant.checks, variants: [] };
}

/** Placeholder kinds besides `secret`, with the provider that fills each. */
const PLACEHOLDER_KINDS = providerPlaceholderKinds();

export const ExerciseScenarioSchema = z
  .strictObject({
    /** The learner file that runs. Absent for exercises with nothing to run (a Dockerfile fix). */
    entry: z.string().regex(/\.(ts|js|mjs)$/, "entry must be a .ts, .js or .mjs file").optional(),
    /** The learner's starting files, relative to /app. */
    starterFiles: z.record(z.string(), z.string()),
    /** A passing solution: the same file names (it may add files). */
    solutionFiles: z.record(z.string(), z.string()),
    /** process.env; values may hold placeholders. */
    env: z.record(z.string(), z.string()).default({}),
    /** Files outside /app, e.g. /run/secrets/db_password; values may hold placeholders. */
    virtualFiles: z.record(z.string(), z.string()).default({}),
    secrets: z.array(ScenarioSecretSchema).default([]),
    rotation: RotationSchema.optional(),
    /** Per-run wall-clock limit. Default: the grader's (8 s). */
    timeoutMs: z.number().int().min(100).max(30_000).optional(),
    checks: z.array(CheckSchema).min(1, "an exercise needs at least one check"),
    /** Extra runs in a changed world (a secret missing, disabled, rotated; a host down), each with its checks. */
    variants: z.array(ScenarioVariantSchema).default([]),
    /** Each provider's fields (`vault`, `machine`, `mockApis`, `docker`, `aws`...): giving one is using the provider. */
    ...providerFields(),
  })
  .superRefine((scenario, ctx) => {
    const issue = (path: (string | number)[], message: string): void => ctx.addIssue({ code: "custom", path, message });
    const keys = (record: Record<string, string>, field: string, valid: (key: string) => boolean, message: string): void => {
      for (const key of Object.keys(record)) if (!valid(key)) issue([field, key], message);
    };
    keys(scenario.starterFiles, "starterFiles", isRelativePath, RELATIVE_PATH_PROBLEM);
    keys(scenario.solutionFiles, "solutionFiles", isRelativePath, RELATIVE_PATH_PROBLEM);
    keys(scenario.virtualFiles, "virtualFiles", isAbsolutePath, ABSOLUTE_PATH_PROBLEM);
    keys(scenario.env, "env", isEnvName, ENV_NAME_PROBLEM);

    const secrets = new Set<string>();
    scenario.secrets.forEach((secret, i) => {
      if (secrets.has(secret.name)) issue(["secrets", i, "name"], `duplicate secret '${secret.name}'`);
      secrets.add(secret.name);
      if (secret.symbols !== undefined && secret.kind !== "password") issue(["secrets", i, "symbols"], "symbols apply to kind 'password' only");
    });
    const requireSecret = (name: string, path: (string | number)[]): void => {
      if (!secrets.has(name)) issue(path, `no secret named '${name}' in 'secrets'`);
    };
    const known = ["{{secret:<name>}}", ...[...PLACEHOLDER_KINDS.values()].map((owner) => owner.kind.syntax)].join(" or ");

    // Placeholders anywhere a value goes: `secret`, and each provider's kinds.
    const visitPlaceholders = (value: unknown, path: (string | number)[]): void => {
      if (typeof value === "string") {
        for (const match of value.matchAll(PLACEHOLDER)) {
          const [, kind, name] = match as unknown as [string, string, string];
          if (kind === "secret") {
            requireSecret(name, path);
            continue;
          }
          const owner = PLACEHOLDER_KINDS.get(kind);
          if (!owner) issue(path, `unknown placeholder {{${kind}:...}}: use ${known}`);
          else {
            const problem = owner.kind.problem(name, scenario as never);
            if (problem) issue(path, problem);
          }
        }
      } else if (Array.isArray(value)) value.forEach((item, i) => visitPlaceholders(item, [...path, i]));
      else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) visitPlaceholders(item, [...path, key]);
    };
    visitPlaceholders(scenario.env, ["env"]);
    visitPlaceholders(scenario.virtualFiles, ["virtualFiles"]);

    if (scenario.entry !== undefined && !(scenario.entry in scenario.starterFiles)) issue(["entry"], `'${scenario.entry}' is not one of the starter files`);
    if (scenario.entry !== undefined && !(scenario.entry in scenario.solutionFiles)) issue(["solutionFiles"], `the solution needs the entry file '${scenario.entry}'`);
    if (scenario.rotation) {
      const { secret, atMs } = scenario.rotation;
      requireSecret(secret, ["rotation", "secret"]);
      const token = `{{secret:${secret}}}`;
      const inFiles = Object.values(scenario.virtualFiles).some((text) => text.includes(token));
      const inProvider = PROVIDERS.some((provider) => (provider.rotationTargets?.(scenario as never, secret) ?? []).length > 0);
      if (!inFiles && !inProvider) issue(["rotation", "secret"], `'${secret}' must be in a virtual file or the vault to be rotated (env cannot change mid-run)`);
      if (scenario.entry === undefined) issue(["rotation"], "a rotation needs a program to run ('entry')");
      if (scenario.timeoutMs !== undefined && atMs >= scenario.timeoutMs) issue(["rotation", "atMs"], `must come before the time limit (${scenario.timeoutMs} ms)`);
    }

    const ids = new Set<string>();
    scenario.checks.forEach((check, i) => {
      const path = ["checks", i];
      const id = check.id ?? `${check.kind}-${i + 1}`;
      if (ids.has(id)) issue([...path, "id"], `duplicate check id '${id}'`);
      ids.add(id);
      if (!CORE_CHECK_KINDS.has(check.kind)) return;
      const needsRun = check.kind === "exit-code" || check.kind === "stdout-includes" || check.kind === "stderr-includes";
      if (needsRun && scenario.entry === undefined) issue(path, `'${check.kind}' needs a program to run ('entry')`);
      if (check.kind === "no-leak" && check.secret !== "all") requireSecret(check.secret, [...path, "secret"]);
      if (check.kind === "source-has-no-literal") requireSecret(check.secret, [...path, "secret"]);
      if (check.kind === "answer") {
        if (check.equals === undefined && !check.includes && !check.allowed) issue(path, "an 'answer' check needs 'equals', 'includes' or 'allowed'");
        if (!(check.file in scenario.starterFiles)) issue([...path, "file"], `'${check.file}' is not one of the starter files: the learner needs it to answer in`);
      }
      if ((check.kind === "no-request" || check.kind === "no-stack-trace") && scenario.entry === undefined) issue(path, `'${check.kind}' needs a program to run ('entry')`);
    });

    // Each variant is a scenario of its own: the patched world must hold, with the variant's checks.
    const variantIds = new Set<string>();
    scenario.variants.forEach((variant, i) => {
      const path = ["variants", i];
      if (variantIds.has(variant.id)) issue([...path, "id"], `duplicate variant id '${variant.id}'`);
      variantIds.add(variant.id);
      if (scenario.entry === undefined) issue(path, "a variant runs the program again: it needs 'entry'");
      for (const key of Object.keys(variant.patch)) {
        if (!VARIANT_PATCHABLE.has(key)) issue([...path, "patch", key], `a variant changes the world only (${[...VARIANT_PATCHABLE].join(", ")}), not '${key}'`);
      }
      // Typed loosely: the schema's own type is still being inferred here.
      const result = (ExerciseScenarioSchema as unknown as z.ZodType).safeParse(variantScenario(scenario as never, variant));
      if (!result.success) for (const problem of result.error.issues) issue([...path, ...(problem.path[0] === "checks" ? problem.path : ["patch", ...problem.path])] as (string | number)[], problem.message);
    });

    // Each provider's own rules, over its fields and its checks.
    for (const provider of PROVIDERS) {
      const own = ownChecks(provider, scenario.checks);
      if (!usesProvider(provider, scenario) && own.length === 0) continue;
      provider.refine?.(scenario, scenario as never, own as never, { issue, requireSecret, visitPlaceholders });
    }
  });

/** What an author writes (defaults optional). */
export type ExerciseScenarioInput = z.input<typeof ExerciseScenarioSchema>;
/** What the grading engine works with (defaults applied). */
export type ExerciseScenario = z.output<typeof ExerciseScenarioSchema>;

import { z } from "astro/zod";

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
export const LEAK_SURFACES = [
  /** What the program printed (console.log, process.stdout). */
  "stdout",
  /** Error output: console.error, uncaught errors, their messages and stack traces. */
  "stderr",
  /** Files the program created or changed. */
  "files",
  /** Request lines sent to any mock host: path and query string. */
  "request-url",
  /** Request headers, except the one where the secret belongs (see `api-received-secret`). */
  "request-headers",
  /** Request bodies. */
  "request-body",
  /** Mock Key Vault state after the run: tags, content types, names, other secrets' values. */
  "vault",
  /** Output of the docker-sim setup commands (`docker build` progress, `RUN echo ...`). */
  "docker-output",
  /** `docker history --no-trunc` of the inspected images. */
  "docker-history",
  /** `docker image inspect` (image config) and `docker inspect` (containers). */
  "docker-inspect",
  /** `docker logs` of the inspected containers. */
  "container-logs",
  /** `/proc/1/environ` inside the inspected containers. */
  "proc-environ",
  /**
   * Every file of every layer of every image the docker setup built, as `docker save` unpacks them:
   * a file a later step deleted (`RUN rm .npmrc`) or overwrote is still in its own layer. Needs a
   * Docker host that shows its layers (`DockerHost.builtImages`).
   */
  "image-layers",
] as const;
export type LeakSurface = (typeof LEAK_SURFACES)[number];

export const SECRET_KINDS = ["api-key", "password", "token"] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/** Mock external APIs a scenario can put on the simulated network. */
export const MOCK_APIS = ["payments"] as const;
export type MockApiName = (typeof MOCK_APIS)[number];

const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const PLACEHOLDER = /\{\{\s*([a-z-]+)\s*:\s*([^}\s]+)\s*\}\}/g;

const SecretRefSchema = z.string().regex(NAME, "secret names are letters, digits, _ and -, starting with a letter");
// Record keys are checked in superRefine: zod reports a bad record key only as "Invalid key in record".
const RELATIVE_PATH_PROBLEM = "learner file paths are relative to /app, without '..'";
const ABSOLUTE_PATH_PROBLEM = "virtual file paths are absolute, like /run/secrets/db_password";
const ENV_NAME_PROBLEM = "env names are letters, digits and _";
const isRelativePath = (p: string): boolean => p.length > 0 && !p.startsWith("/") && !p.split("/").includes("..");
const isAbsolutePath = (p: string): boolean => p.startsWith("/");
const isEnvName = (name: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);

const RelativePathSchema = z.string().refine(isRelativePath, RELATIVE_PATH_PROBLEM);
const AbsolutePathSchema = z.string().refine(isAbsolutePath, ABSOLUTE_PATH_PROBLEM);

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

/** Where in a request the secret belongs. */
export const SecretDestinationSchema = z.union([
  /** `Authorization: Bearer <secret>` */
  z.literal("authorization-bearer"),
  /** A named header whose value is `prefix + secret`, e.g. `{ "header": "x-api-key" }`. */
  z.strictObject({ header: z.string().min(1), prefix: z.string().default("") }),
]);
export type SecretDestination = z.infer<typeof SecretDestinationSchema>;

/** Fields every check may set: `id` (stable, for UIs and tests; default `<kind>-<n>`) and a learner-facing `title`. */
const checkBase = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "ids are lowercase letters, digits and -").optional(),
  title: z.string().min(3).optional(),
};

export const CheckSchema = z.discriminatedUnion("kind", [
  /** The program ended with this exit code (a timeout or crash fails it). */
  z.strictObject({ ...checkBase, kind: z.literal("exit-code"), equals: z.number().int().default(0) }),
  /** stdout contains this literal text. */
  z.strictObject({ ...checkBase, kind: z.literal("stdout-includes"), text: z.string().min(1) }),
  /**
   * stderr (console.error, uncaught errors) contains this literal text: the program explains a
   * failure where errors go, e.g. "DB_PASSWORD_FILE is not set" before it exits with code 1.
   */
  z.strictObject({ ...checkBase, kind: z.literal("stderr-includes"), text: z.string().min(1) }),
  /** A mock API received the secret exactly where it belongs, at least once. */
  z.strictObject({
    ...checkBase,
    kind: z.literal("api-received-secret"),
    api: z.enum(MOCK_APIS),
    secret: SecretRefSchema,
    where: SecretDestinationSchema.default("authorization-bearer"),
  }),
  /** The vault audit log shows a successful read of `secret` (a vault secret name) by `identity`. */
  z.strictObject({
    ...checkBase,
    kind: z.literal("vault-read-by"),
    identity: z.string().min(1),
    secret: z.string().min(1),
    vault: z.string().optional(),
  }),
  /**
   * Least privilege, as the vault saw it: every request the program made was a read (SecretGet) of
   * one of `secrets`; no listing, no other secret, no writes. Refused requests count too: asking is
   * what the check is about.
   */
  z.strictObject({
    ...checkBase,
    kind: z.literal("vault-only-reads"),
    secrets: z.array(z.string().min(1)).min(1),
    vault: z.string().optional(),
  }),
  /**
   * With a `rotation`, the API received the old value before it and the new value after it: the
   * program re-read the file (or the vault) instead of keeping the first value for ever.
   */
  z.strictObject({
    ...checkBase,
    kind: z.literal("rotation-picked-up"),
    secret: SecretRefSchema,
    api: z.enum(MOCK_APIS),
    where: SecretDestinationSchema.default("authorization-bearer"),
  }),
  /** The signature check: the canary (in any form) appears on none of these surfaces. */
  z.strictObject({
    ...checkBase,
    kind: z.literal("no-leak"),
    secret: z.union([z.literal("all"), SecretRefSchema]).default("all"),
    surfaces: z.union([z.literal("all"), z.array(z.enum(LEAK_SURFACES)).min(1)]).default("all"),
  }),
  /** Static: the value shown in the statement (or a key-shaped literal) is not in the learner's files. */
  z.strictObject({ ...checkBase, kind: z.literal("source-has-no-literal"), secret: SecretRefSchema }),
  /** Static: no ARG/ENV in the Dockerfile has a secret-looking name. */
  z.strictObject({ ...checkBase, kind: z.literal("dockerfile-no-secret-in-arg-env"), path: RelativePathSchema.default("Dockerfile") }),
  /** After the docker setup, `docker image inspect <tag>` succeeds. */
  z.strictObject({ ...checkBase, kind: z.literal("image-builds"), tag: z.string().min(1) }),
  /**
   * After the docker setup, one more shell line on the simulated host (same shell: the setup's `cd`
   * and `export`s hold) exits with `exitCode` and/or its output (stdout and stderr) `includes` /
   * `excludes` a text. `command`, `includes` and `excludes` may hold `{{secret:<name>}}`, filled
   * with this run's canaries: "the task sees the planted password", "the build stops naming the
   * missing secret". Give at least one of `includes`, `excludes`, `exitCode`.
   */
  z.strictObject({
    ...checkBase,
    kind: z.literal("docker-command-output"),
    command: z.string().min(1),
    includes: z.string().min(1).optional(),
    excludes: z.string().min(1).optional(),
    exitCode: z.number().int().optional(),
  }),
]);
export type ExerciseCheck = z.infer<typeof CheckSchema>;
export type ExerciseCheckKind = ExerciseCheck["kind"];

/**
 * The mock Key Vault world (`VaultScenario` of `src/vault`), kept loose here so this schema needs
 * nothing but zod; the grading engine validates it fully with the vault's own schema.
 */
const VaultWorldSchema = z.looseObject({
  identities: z.array(z.looseObject({ name: z.string() })).optional(),
  vaults: z.array(z.looseObject({ name: z.string() })).min(1, "a vault scenario needs at least one vault"),
});

/**
 * What the machine the program runs on knows about Azure sign-in (`AzureMachine` of
 * `src/runtime/azure/host/machine.ts`, as examples declare it): with it, the grader puts the same
 * Azure world on its network as the sandbox does (Entra ID, IMDS for a managed identity, the vaults),
 * so a program using `new SecretClient(url, new DefaultAzureCredential())` can be graded. Values are
 * plain (fake) text: the grader plants no canaries here.
 */
const AzureMachineSchema = z.strictObject({
  /** The program runs in Azure with this managed identity: IMDS answers for it. */
  managedIdentity: z.string().min(1).optional(),
  /** A developer ran `az login` as this identity. */
  azureCli: z.string().min(1).optional(),
  /** Client secrets Entra ID accepts, by service principal name. */
  clientSecrets: z.record(z.string(), z.string().min(1)).optional(),
  /** Identities Entra ID accepts a federated token for. */
  workloadIdentities: z.array(z.string().min(1)).optional(),
});

export const DockerSetupSchema = z.strictObject({
  /** Where the learner's files are written on the simulated host (the build context). */
  context: AbsolutePathSchema.default("/app"),
  /** Shell lines run in order before the program, e.g. `docker build -t app .`. */
  setup: z.array(z.string().min(1)).default([]),
  /** What leak surfaces read afterwards. */
  inspect: z
    .strictObject({ images: z.array(z.string().min(1)).default([]), containers: z.array(z.string().min(1)).default([]) })
    .default({ images: [], containers: [] }),
});

export const RotationSchema = z.strictObject({
  /** The secret whose virtual files and vault versions get a new value mid-run (env cannot change). */
  secret: SecretRefSchema,
  /** Milliseconds after the program starts. */
  atMs: z.number().int().min(50).max(20_000),
});

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
    vault: VaultWorldSchema.optional(),
    /** Azure sign-in on the program's machine (needs `vault`). */
    machine: AzureMachineSchema.optional(),
    docker: DockerSetupSchema.optional(),
    mockApis: z.array(z.enum(MOCK_APIS)).default([]),
    rotation: RotationSchema.optional(),
    /** Per-run wall-clock limit. Default: the grader's (8 s). */
    timeoutMs: z.number().int().min(100).max(30_000).optional(),
    checks: z.array(CheckSchema).min(1, "an exercise needs at least one check"),
  })
  .superRefine((scenario, ctx) => {
    const keys = (record: Record<string, string>, field: string, valid: (key: string) => boolean, message: string): void => {
      for (const key of Object.keys(record)) if (!valid(key)) ctx.addIssue({ code: "custom", path: [field, key], message });
    };
    keys(scenario.starterFiles, "starterFiles", isRelativePath, RELATIVE_PATH_PROBLEM);
    keys(scenario.solutionFiles, "solutionFiles", isRelativePath, RELATIVE_PATH_PROBLEM);
    keys(scenario.virtualFiles, "virtualFiles", isAbsolutePath, ABSOLUTE_PATH_PROBLEM);
    keys(scenario.env, "env", isEnvName, ENV_NAME_PROBLEM);

    const secrets = new Set<string>();
    scenario.secrets.forEach((secret, i) => {
      if (secrets.has(secret.name)) ctx.addIssue({ code: "custom", path: ["secrets", i, "name"], message: `duplicate secret '${secret.name}'` });
      secrets.add(secret.name);
      if (secret.symbols !== undefined && secret.kind !== "password") {
        ctx.addIssue({ code: "custom", path: ["secrets", i, "symbols"], message: "symbols apply to kind 'password' only" });
      }
    });
    const identities = new Set((scenario.vault?.identities ?? []).map((identity) => identity.name));
    const requireSecret = (name: string, path: (string | number)[]): void => {
      if (!secrets.has(name)) ctx.addIssue({ code: "custom", path, message: `no secret named '${name}' in 'secrets'` });
    };

    // Placeholders anywhere a value goes.
    const visit = (value: unknown, path: (string | number)[]): void => {
      if (typeof value === "string") {
        for (const match of value.matchAll(PLACEHOLDER)) {
          const [, kind, name] = match as unknown as [string, string, string];
          if (kind === "secret") requireSecret(name, path);
          else if (kind === "vault-token") {
            if (!identities.has(name)) ctx.addIssue({ code: "custom", path, message: `no vault identity named '${name}' for {{vault-token:${name}}}` });
          } else ctx.addIssue({ code: "custom", path, message: `unknown placeholder {{${kind}:...}}: use {{secret:<name>}} or {{vault-token:<identity>}}` });
        }
      } else if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, i]));
      else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    };
    visit(scenario.env, ["env"]);
    visit(scenario.virtualFiles, ["virtualFiles"]);
    visit(scenario.vault, ["vault"]);
    visit(scenario.docker?.setup, ["docker", "setup"]);

    if (scenario.machine) {
      const { managedIdentity, azureCli, clientSecrets, workloadIdentities } = scenario.machine;
      if (!scenario.vault) ctx.addIssue({ code: "custom", path: ["machine"], message: "needs a 'vault' (the identities it names live there)" });
      const named: Array<[string, (string | number)[]]> = [];
      if (managedIdentity) named.push([managedIdentity, ["machine", "managedIdentity"]]);
      if (azureCli) named.push([azureCli, ["machine", "azureCli"]]);
      for (const name of Object.keys(clientSecrets ?? {})) named.push([name, ["machine", "clientSecrets", name]]);
      (workloadIdentities ?? []).forEach((name, i) => named.push([name, ["machine", "workloadIdentities", i]]));
      for (const [name, path] of named) {
        if (scenario.vault && !identities.has(name)) ctx.addIssue({ code: "custom", path, message: `no vault identity named '${name}'` });
      }
      if (JSON.stringify(scenario.machine).match(PLACEHOLDER)) {
        ctx.addIssue({ code: "custom", path: ["machine"], message: "placeholders are not filled in 'machine': use plain (fake) values" });
      }
    }

    if (scenario.entry !== undefined && !(scenario.entry in scenario.starterFiles)) {
      ctx.addIssue({ code: "custom", path: ["entry"], message: `'${scenario.entry}' is not one of the starter files` });
    }
    if (scenario.entry !== undefined && !(scenario.entry in scenario.solutionFiles)) {
      ctx.addIssue({ code: "custom", path: ["solutionFiles"], message: `the solution needs the entry file '${scenario.entry}'` });
    }
    if (scenario.rotation) {
      const { secret, atMs } = scenario.rotation;
      requireSecret(secret, ["rotation", "secret"]);
      const token = `{{secret:${secret}}}`;
      const inFiles = Object.values(scenario.virtualFiles).some((text) => text.includes(token));
      const inVault = JSON.stringify(scenario.vault ?? {}).includes(token);
      if (!inFiles && !inVault) {
        ctx.addIssue({ code: "custom", path: ["rotation", "secret"], message: `'${secret}' must be in a virtual file or the vault to be rotated (env cannot change mid-run)` });
      }
      if (scenario.entry === undefined) ctx.addIssue({ code: "custom", path: ["rotation"], message: "a rotation needs a program to run ('entry')" });
      if (scenario.timeoutMs !== undefined && atMs >= scenario.timeoutMs) {
        ctx.addIssue({ code: "custom", path: ["rotation", "atMs"], message: `must come before the time limit (${scenario.timeoutMs} ms)` });
      }
    }

    const ids = new Set<string>();
    scenario.checks.forEach((check, i) => {
      const path = ["checks", i];
      const id = check.id ?? `${check.kind}-${i + 1}`;
      if (ids.has(id)) ctx.addIssue({ code: "custom", path: [...path, "id"], message: `duplicate check id '${id}'` });
      ids.add(id);
      const needsRun = check.kind === "exit-code" || check.kind === "stdout-includes" || check.kind === "stderr-includes" || check.kind === "rotation-picked-up";
      if (needsRun && scenario.entry === undefined) ctx.addIssue({ code: "custom", path, message: `'${check.kind}' needs a program to run ('entry')` });
      switch (check.kind) {
        case "api-received-secret":
        case "rotation-picked-up":
          requireSecret(check.secret, [...path, "secret"]);
          if (!scenario.mockApis.includes(check.api)) ctx.addIssue({ code: "custom", path: [...path, "api"], message: `add '${check.api}' to 'mockApis'` });
          if (check.kind === "rotation-picked-up" && scenario.rotation?.secret !== check.secret) {
            ctx.addIssue({ code: "custom", path, message: `needs a 'rotation' of '${check.secret}'` });
          }
          break;
        case "no-leak":
          if (check.secret !== "all") requireSecret(check.secret, [...path, "secret"]);
          break;
        case "source-has-no-literal":
          requireSecret(check.secret, [...path, "secret"]);
          break;
        case "vault-read-by":
          if (!scenario.vault) ctx.addIssue({ code: "custom", path, message: "needs a 'vault'" });
          else if (!identities.has(check.identity)) ctx.addIssue({ code: "custom", path: [...path, "identity"], message: `no vault identity named '${check.identity}'` });
          break;
        case "vault-only-reads":
          if (!scenario.vault) ctx.addIssue({ code: "custom", path, message: "needs a 'vault'" });
          break;
        case "image-builds":
          if (!scenario.docker) ctx.addIssue({ code: "custom", path, message: "needs 'docker' (setup commands that build the image)" });
          break;
        case "docker-command-output":
          if (!scenario.docker) ctx.addIssue({ code: "custom", path, message: "needs 'docker' (the simulated host the command runs on)" });
          if (check.includes === undefined && check.excludes === undefined && check.exitCode === undefined) {
            ctx.addIssue({ code: "custom", path, message: "give 'includes', 'excludes' or 'exitCode': what the command must show" });
          }
          visit(check.command, [...path, "command"]);
          if (check.includes !== undefined) visit(check.includes, [...path, "includes"]);
          if (check.excludes !== undefined) visit(check.excludes, [...path, "excludes"]);
          break;
        default:
          break;
      }
    });
  });

/** What an author writes (defaults optional). */
export type ExerciseScenarioInput = z.input<typeof ExerciseScenarioSchema>;
/** What the grading engine works with (defaults applied). */
export type ExerciseScenario = z.output<typeof ExerciseScenarioSchema>;

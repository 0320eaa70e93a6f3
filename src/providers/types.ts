/**
 * The provider interface: what one simulated service (a payments API, Azure Key Vault, a Docker host,
 * AWS Secrets Manager...) contributes to the course, declared here by the layers that consume it
 * (the scenario schemas, grading, the sandbox, the terminal, `npm run sim`), the way grading declares
 * `DockerHost`. A provider is one folder, `src/providers/<id>/`, and one line in `registry.ts`.
 *
 * The descriptor (`index.ts` of the folder) is light and synchronous: its id, its fragments of the
 * scenario schemas (zod, parsed once with the rest of the scenario), the check kinds, leak surfaces,
 * placeholders and learner modules it adds. Everything heavy is a facet, loaded only where it is
 * needed: `grading` when Check is pressed, `sandbox` when a sandbox that uses it runs, `terminal` when
 * a terminal starts, `sim` in `npm run sim`.
 */
import type { z } from "zod";
import type { RequestHandler } from "../runtime/network/simulated-network.ts";
import type { GradingFacet } from "./grading-types.ts";
import type { SandboxFacet } from "./sandbox-types.ts";
import type { PlaceholderValues } from "../grading/placeholders.ts";
import type { CliCommand } from "../docker-sim/docker-shell.ts";

export type { GradingFacet, GradingWorldInput, ProviderGradingWorld, ProviderSurfaceText, ProviderEvidence } from "./grading-types.ts";
export type { SandboxFacet, SandboxWorld, SandboxWorldInput, InspectorTarget } from "./sandbox-types.ts";

/** A check kind's schema: a zod object whose `kind` is a string literal. */
export type CheckSchema = z.ZodObject<{ kind: z.ZodLiteral<string> } & z.ZodRawShape>;

/** What a provider's `refine` sees: the parsed scenario, loosely (its own fields are typed by the provider). */
export interface ScenarioView {
  readonly entry?: string | undefined;
  readonly secrets: ReadonlyArray<{ name: string }>;
  readonly rotation?: { secret: string; atMs: number } | undefined;
  readonly [field: string]: unknown;
}

/** The checks of the scenario that belong to this provider, with their place in `checks`. */
export interface OwnCheck<C> {
  check: C;
  path: (string | number)[];
}

/** What `refine` can do: report a problem at a path, and the shared referential helpers. */
export interface RefineContext {
  issue(path: (string | number)[], message: string): void;
  /** Reports when no scenario secret has this name. */
  requireSecret(name: string, path: (string | number)[]): void;
  /** Checks every `{{kind:name}}` placeholder in a value (unknown kinds and names are reported). */
  visitPlaceholders(value: unknown, path: (string | number)[]): void;
}

/** A placeholder kind a provider fills, e.g. `{{vault-token:<identity>}}`. */
export interface PlaceholderKind<F> {
  /** Why a name is not valid for this scenario (`no vault identity named 'x'`), or undefined. */
  problem(name: string, fragment: F | undefined): string | undefined;
  /** How authors write it, for messages: `{{vault-token:<identity>}}`. */
  syntax: string;
  /** How the learner's own sandbox shows it (no engine exists there when placeholders are filled). */
  shown(name: string): string;
}

/** A leak surface a provider adds to grading, and how reports name it. */
export interface SurfaceDeclaration {
  /** The surface id used in `no-leak` checks' `surfaces`. */
  id: string;
  /** For check titles: "vault tags and other secrets". */
  label: string;
}

/**
 * A provider's scenario fragment: top-level fields of the exercise scenario (and, where it has
 * them, of an example's `example.json` and a terminal scenario). A scenario uses the provider when
 * it gives one of its fields: that is how scenarios list the providers they use.
 */
export interface Provider<
  Id extends string = string,
  Fields extends z.ZodRawShape = z.ZodRawShape,
  Checks extends readonly CheckSchema[] = readonly CheckSchema[],
  ExampleFields extends z.ZodRawShape = z.ZodRawShape,
> {
  readonly id: Id;
  /** For people: "Azure Key Vault and Entra ID". */
  readonly title: string;
  /** Its fields in an exercise scenario. Optional fields: a scenario without them does not use it. */
  readonly scenarioFields: Fields;
  /** Its fields in an example manifest (`example.json`), if examples can use it. */
  readonly exampleFields?: ExampleFields;
  /** Check kinds it adds to grading. */
  readonly checks: Checks;
  /** Referential rules between its fields, its checks and the rest of the scenario. */
  refine?(scenario: ScenarioView, fragment: z.output<z.ZodObject<Fields>>, checks: OwnCheck<z.output<Checks[number]>>[], ctx: RefineContext): void;
  /** Leak surfaces it adds. */
  readonly surfaces: readonly SurfaceDeclaration[];
  /** Placeholder kinds it fills (`vault-token`). */
  readonly placeholders: Readonly<Record<string, PlaceholderKind<z.output<z.ZodObject<Fields>>>>>;
  /** Modules a learner may import, served by its Worker facet (`@azure/keyvault-secrets`). */
  readonly modules: readonly string[];
  /**
   * Where a rotation of `secret` happens in its fragment: each place that holds it and gets a new
   * version (`{ store: "payments-kv", name: "DatabasePassword" }`). Empty: it has no part in it.
   */
  rotationTargets?(fragment: z.output<z.ZodObject<Fields>>, secret: string): RotationTarget[];
  /**
   * What a sandbox needs in the page for this provider (JSON, built at build time): from an example's
   * fields, or from an exercise's fragment with the values the statement shows. Undefined: the
   * sandbox does not use it.
   */
  sandboxConfig?(source: SandboxConfigSource<z.output<z.ZodObject<Fields>>, z.output<z.ZodObject<ExampleFields>>>): unknown;
  /** Every sandbox has it, declared or not (the payments API a lesson's example calls). */
  readonly inEverySandbox?: boolean;
  /** Whether this scenario uses the provider (default: one of its fields is present). */
  usedBy?(scenario: ScenarioView): boolean;
  /** The grading facet, loaded when Check is pressed. */
  readonly grading?: () => Promise<{ grading: GradingFacet<never, unknown, { kind: string }> }>;
  /** The page facet (state per sandbox, hosts, inspector), loaded when a sandbox using it runs. */
  readonly sandbox?: () => Promise<{ sandbox: SandboxFacet }>;
  /** CLI commands for the terminal (`aws`, `kubectl`). */
  readonly terminal?: () => Promise<{ terminal: TerminalFacet }>;
  /** Its REST face for `npm run sim`. */
  readonly sim?: () => Promise<{ sim: SimFacet }>;
}

/** A place a rotation gives a new version: a vault and its secret, a Secrets Manager secret. */
export interface RotationTarget {
  /** Where, for the sandbox's line: "payments-kv" ("a new version in payments-kv"). */
  store: string;
  /** The secret's name there. */
  name: string;
}

export type SandboxConfigSource<F, E> =
  | { kind: "example"; fields: E }
  | { kind: "exercise"; fragment: F; shown: PlaceholderValues };

/** Any registered provider, whatever its fields. */
export type AnyProvider = Provider<string, z.ZodRawShape, readonly CheckSchema[], z.ZodRawShape>;


/**
 * A CLI a provider adds to the terminal's shell (`aws`): the shell's own plug-in shape, one handler
 * per top-level command name, given its argv, env, stdin, the simulated host's fs and cwd.
 */
export type TerminalCli = CliCommand;

export interface TerminalFacet {
  /**
   * The CLIs of a terminal whose scenario uses this provider, with a world of their own built from
   * the config the build gave (the same `sandboxConfig` a sandbox gets from an example's fields).
   */
  createClis(config: unknown): TerminalCli[] | Promise<TerminalCli[]>;
}

/**
 * A provider's REST face on 127.0.0.1 for a developer's own Node app (`npm run sim`): one port per
 * provider, the same engine and wire format as in the sandbox, seeded from the provider's part of
 * one seed file.
 */
export interface SimFacet {
  /** The port it listens on unless told otherwise (AWS: 4566, as LocalStack). */
  defaultPort: number;
  /** Its server from its part of the seed file (undefined: a demo world). Throws an Error whose message says what is wrong. */
  createServer(seed: unknown, options: SimOptions): SimServer;
}

export interface SimOptions {
  /** Azure: which vault the origin serves. */
  vault?: string | undefined;
}

export interface SimServer {
  handler: RequestHandler;
  /** Largest request body it reads (it answers the provider's own "too large" error past it). */
  maxBodyBytes: number;
  /** The environment a client needs, given where it is served: `{ AWS_ENDPOINT_URL: "http://127.0.0.1:4566" }`. */
  environment(baseUrl: string): Record<string, string>;
  /** Lines of advice printed under it (client options, tokens). */
  notes(): string[];
}

/** A provider's fragment of a parsed scenario: its own fields, defaults applied. */
export type FragmentOf<P extends AnyProvider> = z.output<z.ZodObject<P["scenarioFields"]>>;
/** The union of a provider's parsed checks. */
export type ChecksOf<P extends AnyProvider> = z.output<P["checks"][number]>;

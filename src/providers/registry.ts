/**
 * The providers of the course, and the views the platform takes of them: the scenario fields,
 * check kinds, leak surfaces and placeholder kinds they add (merged, with their types, into the
 * exercise and example schemas), and which providers a scenario uses.
 *
 * Build, grading, the terminal and the Node scripts import this; the page does not (it carries every
 * provider's schema): a sandbox loads the facets of the providers its config names (page-facets.ts).
 */
import type { z } from "zod";
import * as registered from "./registered.ts";
import type { AnyProvider, PlaceholderKind, ScenarioView, SurfaceDeclaration } from "./types.ts";

export const PROVIDERS = Object.values(registered);
type Registered = (typeof PROVIDERS)[number];

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Every provider's scenario fields, merged (each field name belongs to one provider: checked in tests). */
export function providerFields(): UnionToIntersection<Registered["scenarioFields"]> {
  return mergeShapes(PROVIDERS.map((provider) => provider.scenarioFields));
}

/** Every provider's example fields, merged. */
export function providerExampleFields(): UnionToIntersection<NonNullable<Registered["exampleFields"]>> {
  return mergeShapes(PROVIDERS.map((provider) => provider.exampleFields ?? {}));
}

// The one place the merged type is asserted: TypeScript cannot follow a spread over an array.
function mergeShapes<T>(shapes: readonly z.ZodRawShape[]): T {
  return Object.assign({}, ...shapes) as T;
}

/** Every provider's check schemas, in registry order. */
export function providerChecks(): Array<Registered["checks"][number]> {
  return PROVIDERS.flatMap((provider): Array<Registered["checks"][number]> => [...provider.checks]);
}

/** Every provider's leak surfaces. */
export function providerSurfaces(): Array<Registered["surfaces"][number]> {
  return PROVIDERS.flatMap((provider): SurfaceDeclaration[] => [...provider.surfaces]);
}

/** Placeholder kind -> the provider that fills it. */
export function providerPlaceholderKinds(): Map<string, { provider: AnyProvider; kind: PlaceholderKind<never> }> {
  const kinds = new Map<string, { provider: AnyProvider; kind: PlaceholderKind<never> }>();
  for (const provider of PROVIDERS) for (const [name, kind] of Object.entries(provider.placeholders)) kinds.set(name, { provider, kind });
  return kinds;
}

/** Whether the scenario uses the provider: its own rule, else one of its fields is given. */
export function usesProvider(provider: AnyProvider, scenario: ScenarioView): boolean {
  return provider.usedBy ? provider.usedBy(scenario) : Object.keys(provider.scenarioFields).some((field) => scenario[field] !== undefined);
}

/** The providers a scenario uses, in registry order. */
export function providersOf(scenario: ScenarioView): AnyProvider[] {
  return PROVIDERS.filter((provider) => usesProvider(provider, scenario));
}

/** The provider that owns a check kind, if any (the core kinds have none). */
export function checkOwner(kind: string): AnyProvider | undefined {
  return PROVIDERS.find((provider) => provider.checks.some((check) => check.shape.kind.value === kind));
}

/** The scenario's checks that belong to `provider`, with their paths. */
export function ownChecks(provider: AnyProvider, checks: ReadonlyArray<{ kind: string }>): Array<{ check: { kind: string }; path: (string | number)[] }> {
  const kinds = new Set(provider.checks.map((check) => check.shape.kind.value));
  return checks.flatMap((check, i) => (kinds.has(check.kind) ? [{ check, path: ["checks", i] }] : []));
}

export function providerById(id: string): AnyProvider | undefined {
  return PROVIDERS.find((provider) => provider.id === id);
}

/** A provider's own fields of a scenario (or manifest), by field name. */
export function fragmentOf(provider: AnyProvider, scenario: ScenarioView, fields: z.ZodRawShape = provider.scenarioFields): Record<string, unknown> {
  return Object.fromEntries(Object.keys(fields).map((field) => [field, scenario[field]]));
}

/**
 * What a sandbox's page config holds for its providers (build time): provider id -> the JSON its
 * sandbox facet starts from. An example names its providers by their example fields; an exercise's
 * own sandbox gets each used provider's fragment with the values the statement shows.
 */
export function sandboxProviderConfigs(
  source: { kind: "example"; manifest: ScenarioView } | { kind: "exercise"; scenario: ScenarioView; shown: import("../grading/placeholders.ts").PlaceholderValues },
): Record<string, unknown> {
  const configs: Record<string, unknown> = {};
  for (const provider of PROVIDERS) {
    let config: unknown;
    if (source.kind === "example") {
      if (provider.exampleFields) config = provider.sandboxConfig?.({ kind: "example", fields: fragmentOf(provider, source.manifest, provider.exampleFields) as never });
    } else if (usesProvider(provider, source.scenario)) {
      config = provider.sandboxConfig?.({ kind: "exercise", fragment: fragmentOf(provider, source.scenario) as never, shown: source.shown });
    }
    if (config === undefined && provider.inEverySandbox) config = {};
    if (config !== undefined) configs[provider.id] = config;
  }
  return configs;
}

/** Every place a rotation of `secret` gives a new version, across the scenario's providers. */
export function rotationTargetsOf(scenario: ScenarioView, secret: string): Array<{ provider: string; store: string; name: string }> {
  return providersOf(scenario).flatMap((provider) =>
    (provider.rotationTargets?.(fragmentOf(provider, scenario) as never, secret) ?? []).map((target) => ({ provider: provider.id, ...target })),
  );
}

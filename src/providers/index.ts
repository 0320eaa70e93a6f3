/**
 * The provider platform's public face: the interface a provider implements (types.ts, with the
 * grading and sandbox facets' types) and the registry the build, grading, the terminal and
 * `npm run sim` read (registry.ts). A provider is one folder here and one line in registered.ts
 * (README, "Adding a provider").
 *
 * Secondary entry for the page: `page-facets.ts` (a provider's sandbox and terminal facets by
 * folder). The page never imports this file: the registry carries every provider's schema.
 */
export type * from "./types.ts";
export {
  PROVIDERS,
  checkOwner,
  fragmentOf,
  ownChecks,
  providerById,
  providerChecks,
  providerExampleFields,
  providerFields,
  providerPlaceholderKinds,
  providersOf,
  providerSurfaces,
  rotationTargetsOf,
  sandboxProviderConfigs,
  usesProvider,
} from "./registry.ts";
export { defineGrading } from "./grading-types.ts";

/**
 * The page's way to a provider's sandbox facet, by provider id: `./<id>/sandbox.ts`, found by
 * folder (Vite's import.meta.glob), each loaded only when a sandbox that uses it runs. The page does
 * not import the registry: the descriptors carry every provider's schema (zod), which the page
 * never needs (the build validated the config it gets).
 */
import type { SandboxFacet, SandboxWorld } from "./sandbox-types.ts";

const facets = import.meta.glob<{ sandbox: SandboxFacet<SandboxWorld> }>("./*/sandbox.ts");

/** The sandbox facet of provider `id` (rejects, naming the id, when no folder provides one). */
export async function loadSandboxFacet(id: string): Promise<SandboxFacet<SandboxWorld>> {
  const load = facets[`./${id}/sandbox.ts`];
  if (!load) throw new Error(`no sandbox facet for provider '${id}' (src/providers/${id}/sandbox.ts)`);
  return (await load()).sandbox;
}

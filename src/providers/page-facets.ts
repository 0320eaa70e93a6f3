/**
 * The page's way to a provider's sandbox facet, by provider id: `./<id>/sandbox.ts`, found by
 * folder (Vite's import.meta.glob), each loaded only when a sandbox that uses it runs. The page does
 * not import the registry: the descriptors carry every provider's schema (zod), which the page
 * never needs (the build validated the config it gets).
 */
import type { SandboxFacet, SandboxWorld } from "./sandbox-types.ts";
import type { TerminalFacet } from "./types.ts";

const facets = import.meta.glob<{ sandbox: SandboxFacet<SandboxWorld> }>("./*/sandbox.ts");

/** The sandbox facet of provider `id` (rejects, naming the id, when no folder provides one). */
export async function loadSandboxFacet(id: string): Promise<SandboxFacet<SandboxWorld>> {
  const load = facets[`./${id}/sandbox.ts`];
  if (!load) throw new Error(`no sandbox facet for provider '${id}' (src/providers/${id}/sandbox.ts)`);
  return (await load()).sandbox;
}

const terminals = import.meta.glob<{ terminal: TerminalFacet }>("./*/terminal.ts");

/** The terminal facet of provider `id` (its CLIs), loaded when a terminal whose scenario uses it starts. */
export async function loadTerminalFacet(id: string): Promise<TerminalFacet> {
  const load = terminals[`./${id}/terminal.ts`];
  if (!load) throw new Error(`no terminal facet for provider '${id}' (src/providers/${id}/terminal.ts)`);
  return (await load()).terminal;
}

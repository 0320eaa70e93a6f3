/**
 * What the learner's sandbox asks of a provider: its state for one sandbox (created on first Run,
 * kept across runs, dropped on Reset), the hosts it puts on the page network while that sandbox
 * runs, its part of an exercise's rotation on Run, and an inspector panel. The config comes from
 * the build (`Provider.sandboxConfig`), as JSON in the page.
 */
import type { RequestHandler } from "../runtime/network/simulated-network.ts";
import type { PlaceholderValues } from "../grading/placeholders.ts";

export interface SandboxWorldInput {
  /** What the build put in the page for this provider (see `Provider.sandboxConfig`). */
  config: unknown;
}

export interface SandboxWorld {
  /** Host name -> handler, on the page network while this sandbox runs. */
  hosts: Record<string, RequestHandler>;
  /** An exercise's rotation on Run: the rotated secret gets its new (shown) value here. */
  rotate?(secret: string, rotatedValues: PlaceholderValues): void;
  /** What the rotation line says it did here ("a new version in payments-kv"). */
  rotationEffects?(secret: string): string[];
  /** The inspector panel (DOM), loaded on demand. */
  inspector?(): Promise<InspectorMount>;
  dispose?(): void;
}

/** Mounts a panel into the sandbox's panel row; returns a function that refreshes it after a run. */
export type InspectorMount = (target: { panels: HTMLElement; host: HTMLElement; uid: string }) => { refresh(): void } | void;

export interface SandboxFacet {
  createWorld(input: SandboxWorldInput): SandboxWorld | Promise<SandboxWorld>;
}

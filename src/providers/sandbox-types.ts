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
  /**
   * Before each run, the files it runs with (absolute paths, `/app/...`): a world whose state is
   * partly the learner's (the AWS provider's role policy in a file) takes it from them.
   */
  beforeRun?(files: Readonly<Record<string, string>>): void;
  dispose?(): void;
}

/** Where an inspector panel goes, and the sandbox's current world (a new one after Reset). */
export interface InspectorTarget<W> {
  /** The sandbox's panel row (DOM). */
  panels: HTMLElement;
  /** The sandbox element: it dispatches `sandbox:run` after each run and `sandbox:reset`. */
  host: HTMLElement;
  uid: string;
  /** The config the build gave this provider. */
  config: unknown;
  /** This sandbox's world, created on first use. */
  world(): Promise<W>;
}

export interface SandboxFacet<W extends SandboxWorld = SandboxWorld> {
  createWorld(input: SandboxWorldInput): W | Promise<W>;
  /** Mounts the inspector panel (DOM code, imported only when a sandbox that uses the provider mounts). */
  mountInspector?(target: InspectorTarget<W>): Promise<void>;
}

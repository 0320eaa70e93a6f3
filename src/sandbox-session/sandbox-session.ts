/**
 * One sandbox's session, without a DOM: what a Run needs besides the editor and the terminal. It
 * holds the sandbox's provider worlds (created on first Run, kept across runs so a vault remembers
 * what the program wrote, dropped on Reset), puts their hosts on the page network for the length of
 * a run (runs are one at a time on the page's runtime, so hosts of two sandboxes never meet), plays
 * an exercise's rotation as Check will, and runs the program. Components wire the DOM around it; a
 * Node test drives it the same way.
 */
import type { OutputChunk, RunResult, Runtime, SimulatedNetwork } from "../runtime/index.ts";
import type { SandboxFacet, SandboxWorld } from "../providers/sandbox-types.ts";
import type { SandboxRotation } from "../grading/sandbox-rotation.ts";

export interface SandboxSessionOptions {
  runtime: Runtime;
  network: SimulatedNetwork;
  /** Provider id -> the config the build gave it. */
  providers: Record<string, unknown>;
  loadFacet(id: string): Promise<SandboxFacet<SandboxWorld>>;
  /** An exercise's rotation (each Run then starts from the exercise's worlds, as each Check does). */
  rotation?: () => Promise<{ rotation: SandboxRotation; host: string; handler(onRotate: () => void): (request: Request) => Promise<Response>; addCompiled(path: string, text: string): void } | undefined>;
}

export interface SessionRun {
  files: Record<string, string>;
  entry: string;
  env: Record<string, string>;
  timeoutMs?: number | undefined;
}

export interface SessionRunHooks {
  onOutput(chunk: OutputChunk): void;
  /** A line of the sandbox's own (the rotation happened). */
  onNotice?(text: string): void;
}

export class SandboxSession {
  private readonly worlds = new Map<string, Promise<SandboxWorld>>();
  private disposed = false;

  constructor(private readonly options: SandboxSessionOptions) {}

  /** The providers this sandbox uses. */
  get providerIds(): string[] {
    return Object.keys(this.options.providers);
  }

  /** This sandbox's world of provider `id`, created on first use (the inspector reads it). */
  world(id: string): Promise<SandboxWorld> {
    let world = this.worlds.get(id);
    if (!world) {
      if (!(id in this.options.providers)) return Promise.reject(new Error(`this sandbox does not use the ${id} provider`));
      world = this.options.loadFacet(id).then((facet) => facet.createWorld({ config: this.options.providers[id] }));
      this.worlds.set(id, world);
      // A world that failed to start is not kept: the next Run tries again and reports it again.
      world.catch(() => this.worlds.delete(id));
    }
    return world;
  }

  /** Runs the program with this sandbox's worlds on the network. */
  async run(program: SessionRun, hooks: SessionRunHooks, signal?: AbortSignal): Promise<RunResult> {
    if (this.disposed) throw new Error("this sandbox session was disposed");
    const { network, runtime } = this.options;
    const played = await this.options.rotation?.();
    if (played) this.reset();
    const worlds = await Promise.all(this.providerIds.map((id) => this.world(id)));
    const plugged: string[] = [];
    const plug = (host: string, handler: (request: Request) => Promise<Response>): void => {
      network.addHost(host, handler);
      plugged.push(host);
    };
    try {
      for (const world of worlds) world.beforeRun?.(program.files);
      for (const world of worlds) for (const [host, handler] of Object.entries(world.hosts)) plug(host, handler);
      let run = { files: program.files, entry: program.entry };
      if (played) {
        const { rotation } = played;
        const withRotation = rotation.program(program.files, program.entry);
        for (const [path, text] of Object.entries(withRotation.compiled)) played.addCompiled(path, text);
        run = withRotation;
        plug(
          played.host,
          played.handler(() => {
            for (const world of worlds) world.rotate?.(rotation.secret, rotation.rotatedValues);
            hooks.onNotice?.(rotation.message);
          }),
        );
      }
      return await runtime.run(
        { files: run.files, entry: run.entry, env: program.env, ...(program.timeoutMs !== undefined ? { timeoutMs: program.timeoutMs } : {}) },
        { onOutput: hooks.onOutput, ...(signal ? { signal } : {}) },
      );
    } finally {
      for (const host of plugged) network.removeHost(host);
    }
  }

  /** Forgets the worlds (Reset): the next run starts from the scenario again. */
  reset(): void {
    const worlds = [...this.worlds.values()];
    this.worlds.clear();
    for (const world of worlds) void world.then((w) => w.dispose?.(), () => {});
  }

  dispose(): void {
    this.reset();
    this.disposed = true;
  }
}

/**
 * The simulated Docker host: the learner's file system, the image store and builder, containers,
 * and a swarm. The CLI (and lessons, graders, the runtime hand-off) talk to this object.
 */
import { MemoryFs } from "../fs/memory-fs.ts";
import { ImageBuilder, type BuildOutcome, type BuildRequest } from "../build/image-builder.ts";
import { ContainerStore } from "../containers/container-store.ts";
import type { AppLaunch, AppRunner } from "../containers/process-runner.ts";
import { ImageStore } from "../images/image-store.ts";
import { NetworkStore } from "../networks/network-store.ts";
import { Swarm } from "../swarm/swarm.ts";
import { systemClock, type Clock } from "./clock.ts";
import { IdSource } from "./ids.ts";

export interface DockerEngineOptions {
  /** Defaults to the wall clock; pass a ManualClock for reproducible output. */
  clock?: Clock;
  /** Seed for ids and generated names (default fixed, so sessions are reproducible). */
  seed?: number;
  /**
   * Catalogue images present before the first command, as if pulled earlier. Default: all of
   * them, so lessons start without pull noise; `[]` makes the first `docker run` pull.
   */
  pulledImages?: readonly string[];
  /** Runs `node <file>` processes (the TypeScript runtime's hook). */
  appRunner?: AppRunner;
}

export const DEFAULT_HOME = "/home/learner";
export const DEFAULT_PROJECT_DIR = "/home/learner/app";
const CATALOGUE_TAGS = ["alpine:3.20", "alpine:latest", "node:22-alpine", "nginx:1.27-alpine", "busybox:latest", "redis:7-alpine", "redis:alpine"];

export class DockerEngine {
  readonly clock: Clock;
  readonly ids: IdSource;
  /** The learner's machine: project files, `/srv/secrets/...` for bind mounts. */
  readonly host: MemoryFs;
  readonly images: ImageStore;
  readonly builder: ImageBuilder;
  readonly containers: ContainerStore;
  readonly swarm: Swarm;
  readonly networks: NetworkStore;
  /** The last `docker build` outcome (progress, warnings, npm token use), for graders. */
  lastBuild: BuildOutcome | undefined;

  constructor(options: DockerEngineOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.ids = new IdSource(options.seed ?? 0x5eed);
    const now = (): Date => this.clock.now();
    this.host = new MemoryFs(now);
    for (const d of ["/etc", "/tmp", "/srv", "/home", DEFAULT_HOME, DEFAULT_PROJECT_DIR]) this.host.mkdir(d, { parents: true });
    this.host.writeFile("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nlearner:x:1000:1000:Learner:/home/learner:/bin/bash\n");
    this.host.writeFile("/etc/group", "root:x:0:\nlearner:x:1000:\ndocker:x:999:learner\n");
    this.images = new ImageStore();
    for (const tag of options.pulledImages ?? CATALOGUE_TAGS) this.images.pull(tag);
    this.builder = new ImageBuilder(this.images, this.clock);
    // Networks draw ids from their own sequence, so adding them did not change any other id.
    this.networks = new NetworkStore(this.clock, new IdSource(((options.seed ?? 0x5eed) ^ 0x6e6574) >>> 0));
    this.containers = new ContainerStore(this.host, this.clock, this.ids, this.networks);
    this.containers.appRunner = options.appRunner;
    this.swarm = new Swarm(this.containers, this.clock, this.ids, this.networks);
  }

  build(request: BuildRequest): Promise<BuildOutcome> {
    return this.builder.build(request);
  }

  /** Set (or clear) the runner for `node <file>` container processes. */
  setAppRunner(runner: AppRunner | undefined): void {
    this.containers.appRunner = runner;
  }

  /** Env and files of a container's process, for running the learner's app elsewhere. */
  appLaunch(containerRef: string): AppLaunch {
    return this.containers.appLaunch(this.containers.get(containerRef));
  }
}

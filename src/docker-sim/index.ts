/**
 * Secrets Lab's simulated Docker: an engine (images with layers and history, a BuildKit-style
 * builder with secret mounts, containers with env/mounts/tmpfs and /proc, a single-node swarm with
 * secrets and services, a Compose subset) and a bash-like shell with a `docker` CLI in front.
 *
 *   const engine = new DockerEngine({ clock: new ManualClock() });
 *   const shell = createDockerShell(engine);
 *   await shell.exec("docker run -d --name web -e API_KEY=sk_test_51Fake nginx:1.27-alpine");
 *   await shell.exec("docker inspect web");            // Config.Env shows the key
 *   engine.appLaunch("web");                           // { env, files } for the runtime
 *
 * This file is the engine's whole public face.
 */
export { DockerEngine, DEFAULT_HOME, DEFAULT_PROJECT_DIR, type DockerEngineOptions } from "./engine/docker-engine";
export { ManualClock, systemClock, type Clock } from "./engine/clock";
export { createDockerShell, type DockerShell, type DockerShellOptions } from "./docker-shell";
export type { CommandResult } from "./shell/types";
export type { AppLaunch, AppRunner } from "./containers/process-runner";
export type { BuildRequest, BuildOutcome } from "./build/image-builder";
export type { BuildWarning } from "./build/build-checks";
export type { NpmInstallRecord, NpmTokenSource } from "./shell/commands/npm";
export type { Image, ImageConfig, HistoryEntry } from "./images/image";
export type { Container, MountPoint } from "./containers/container";
export type { SwarmSecret, Service } from "./swarm/swarm";
export type { FileSystem, FileStat } from "./fs/file-system";
export { layerFiles } from "./fs/layer";
export { parseDockerfile, DockerfileParseError, type ParsedDockerfile, type DockerfileInstruction } from "./build/dockerfile-parser";

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
export { DockerEngine, DEFAULT_HOME, DEFAULT_PROJECT_DIR, type DockerEngineOptions } from "./engine/docker-engine.ts";
export { ManualClock, systemClock, type Clock } from "./engine/clock.ts";
export { createDockerShell, type CliCommand, type CliInvocation, type DockerShell, type DockerShellOptions, type InputContinuation } from "./docker-shell.ts";
export type { CommandResult } from "./shell/types.ts";
export type { AppLaunch, AppRunner } from "./containers/process-runner.ts";
export type { BuildRequest, BuildOutcome } from "./build/image-builder.ts";
export type { BuildWarning } from "./build/build-checks.ts";
export type { NpmInstallRecord, NpmTokenSource } from "./shell/commands/npm.ts";
export type { Image, ImageConfig, HistoryEntry } from "./images/image.ts";
export type { Container, MountPoint } from "./containers/container.ts";
export type { SwarmSecret, Service } from "./swarm/swarm.ts";
export type { FileSystem, FileStat } from "./fs/file-system.ts";
export { layerFiles } from "./fs/layer.ts";
export { parseDockerfile, DockerfileParseError, type ParsedDockerfile, type DockerfileInstruction } from "./build/dockerfile-parser.ts";
/** What Tab may offer after `docker <path...>`, read from the CLI's command tree. */
export { dockerCompletionWords } from "./cli/docker-completion.ts";

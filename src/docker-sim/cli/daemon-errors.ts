/**
 * What the CLI prints when the daemon refuses, each wording in one place (as the vault's
 * `VaultErrors` keeps Key Vault's): the engine API's message framed by docker/cli as
 * `Error response from daemon: <message>`, plus the few messages the CLI words itself.
 * Wordings follow moby (daemon) and docker/cli v28.
 */
import { DaemonError } from "../engine/errors.ts";
import { normalizeReference, parseReference } from "../images/image.ts";

const fromDaemon = (message: string): string => `Error response from daemon: ${message}\n`;

export const DockerErrors = {
  /** Any daemon error, framed as docker/cli frames an engine API error. */
  daemon: (error: DaemonError | string): string => fromDaemon(typeof error === "string" ? error : error.message),
  noSuchImage: (ref: string): string => fromDaemon(`No such image: ${normalizeReference(ref)}`),
  noSuchContainer: (ref: string): string => fromDaemon(`No such container: ${ref}`),
  /** `docker inspect` of a name that is no object of any type (the CLI's own message). */
  noSuchObject: (ref: string): string => `Error: No such object: ${ref}\n`,
  secretNotFound: (ref: string): string => fromDaemon(`secret ${ref} not found`),
  serviceNotFound: (ref: string): string => fromDaemon(`service ${ref} not found`),
  invalidFilter: (key: string): string => fromDaemon(`Invalid filter '${key}'`),
  imageInUse: (ref: string, containerId: string, imageId: string): string =>
    fromDaemon(`conflict: unable to remove repository reference "${ref}" (must force) - container ${containerId} is using its referenced image ${imageId}`),
  pullAccessDenied: (ref: string): string =>
    fromDaemon(`pull access denied for ${parseReference(ref).repo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`),
  /** `docker run`'s framing: "docker: Error response from daemon: ..." and the help hint. */
  run: (message: string, path = "docker run"): string => `docker: Error response from daemon: ${message}\n\nRun '${path} --help' for more information\n`,
};

/**
 * The loop every multi-ref command has (`docker rm a b`, `secret inspect x y`): each ref in turn,
 * a daemon error on one is printed and the next is tried, and the exit code is 1 if any failed.
 * `visit` returns the line to print on stdout (or nothing), or throws a DaemonError.
 */
export async function forEachRef(
  refs: readonly string[],
  visit: (ref: string) => string | void | Promise<string | void>,
  failure: (ref: string, error: DaemonError) => string = (_ref, error) => DockerErrors.daemon(error),
): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = "";
  let stderr = "";
  for (const ref of refs) {
    try {
      const line = await visit(ref);
      if (line) stdout += line;
    } catch (error) {
      if (!(error instanceof DaemonError)) throw error;
      stderr += failure(ref, error);
    }
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

/** The inspect commands' loop: each ref found becomes a document, each one missing a line on stderr. */
export function inspectRefs<T, D>(refs: readonly string[], find: (ref: string) => T | undefined, toDoc: (found: T) => D, missing: (ref: string) => string): { docs: D[]; found: T[]; stderr: string } {
  const docs: D[] = [];
  const found: T[] = [];
  let stderr = "";
  for (const ref of refs) {
    const item = find(ref);
    if (item === undefined) stderr += missing(ref);
    else {
      found.push(item);
      docs.push(toDoc(item));
    }
  }
  return { docs, found, stderr };
}

/**
 * The docker-sim part of a grading run: the learner's files go into the build context, the
 * scenario's setup lines run in order (stopping at the first failure, like `set -e`), and after the
 * program the inspected images and containers are read through the `docker` CLI, the same output a
 * learner would look at, and every image the setup built is read layer by layer (what `docker save`
 * gives anyone who can pull it), when the host can show its layers.
 */
import type { ExerciseScenario } from "../../schemas/exercise-scenario.ts";
import { fillPlaceholders, type PlaceholderValues } from "../../grading/placeholders.ts";
import type { BuiltImage, DockerHost, ShellResult } from "../../grading/types.ts";

export interface DockerCommandEvidence extends ShellResult {
  /** The scenario's line, placeholders unfilled (safe to show). */
  command: string;
  /** Not run because an earlier line failed. */
  skipped: boolean;
}

export interface DockerEvidence {
  commands: DockerCommandEvidence[];
  images: Array<{ ref: string; inspect: ShellResult; history: ShellResult }>;
  containers: Array<{ name: string; inspect: ShellResult; logs: ShellResult; environ: ShellResult }>;
  /**
   * Every image the setup created, layer by layer (empty when the host cannot show layers): the
   * `image-layers` surface. The inspected images come first, in the scenario's order.
   */
  builtImages: BuiltImage[];
  /** For `image-builds`: `docker image inspect <tag>` after the setup. */
  imageExists(tag: string): Promise<ShellResult>;
  /**
   * For `docker-command-output`: one more shell line on the same host, after the setup and the
   * program (same shell: the setup's `cd` and `export`s hold). The caller fills placeholders.
   */
  exec(line: string): Promise<ShellResult>;
}

type DockerSetup = NonNullable<ExerciseScenario["docker"]>;

export async function runDockerSetup(setup: DockerSetup, host: DockerHost, learnerFiles: Record<string, string>, values: PlaceholderValues): Promise<DockerCommandEvidence[]> {
  const context = setup.context.replace(/\/+$/, "");
  for (const [path, text] of Object.entries(learnerFiles)) await host.writeFile(`${context}/${path}`, text);
  const commands: DockerCommandEvidence[] = [];
  let failed = false;
  for (const command of setup.setup) {
    if (failed) {
      commands.push({ command, stdout: "", stderr: "", exitCode: -1, skipped: true });
      continue;
    }
    const result = await host.exec(fillPlaceholders(command, values));
    commands.push({ command, ...result, skipped: false });
    failed = result.exitCode !== 0;
  }
  return commands;
}

export async function inspectDocker(setup: DockerSetup, host: DockerHost, commands: DockerCommandEvidence[]): Promise<DockerEvidence> {
  const images = [];
  for (const ref of setup.inspect.images) {
    images.push({ ref, inspect: await host.exec(`docker image inspect ${ref}`), history: await host.exec(`docker history --no-trunc ${ref}`) });
  }
  const containers = [];
  for (const name of setup.inspect.containers) {
    containers.push({
      name,
      inspect: await host.exec(`docker inspect ${name}`),
      logs: await host.exec(`docker logs ${name}`),
      environ: await host.exec(`docker exec ${name} cat /proc/1/environ`),
    });
  }
  // The inspected images first, in the scenario's order, then other tagged images, untagged last.
  const refs = setup.inspect.images;
  const rank = (image: BuiltImage): number => {
    const at = refs.findIndex((ref) => image.tags.includes(ref) || image.tags.includes(`${ref}:latest`));
    return at !== -1 ? at : refs.length + (image.tags.length > 0 ? 0 : 1);
  };
  const builtImages = [...((await host.builtImages?.()) ?? [])].sort((a, b) => rank(a) - rank(b));
  return {
    commands,
    images,
    containers,
    builtImages,
    imageExists: async (tag) => host.exec(`docker image inspect ${tag}`),
    exec: async (line) => host.exec(line),
  };
}

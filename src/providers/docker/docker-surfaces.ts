/**
 * What a Docker host shows after a run, as texts a leak scan reads: the setup's output, `docker
 * history` and `image inspect` of the inspected images, `inspect`, `logs` and `/proc/1/environ` of
 * the inspected containers, and every file of every layer of every image the setup built, each
 * with a note saying what a later layer did to it: the lesson is that it is still there.
 */
import type { BuiltImage } from "../../grading/types.ts";
import type { ProviderSurfaceText } from "../grading-types.ts";
import type { DockerEvidence } from "./docker-phase.ts";

export function dockerSurfaces(docker: DockerEvidence | undefined): ProviderSurfaceText[] {
  if (!docker) return [];
  const texts: ProviderSurfaceText[] = [];
  for (const command of docker.commands) {
    if (!command.skipped) texts.push({ surface: "docker-output", location: `the output of \`${command.command}\``, text: `${command.stdout}\n${command.stderr}` });
  }
  for (const image of docker.images) {
    texts.push({ surface: "docker-history", location: `docker history of ${image.ref}`, text: image.history.stdout });
    texts.push({ surface: "docker-inspect", location: `docker image inspect ${image.ref} (image config)`, text: image.inspect.stdout });
  }
  for (const container of docker.containers) {
    texts.push({ surface: "docker-inspect", location: `docker inspect ${container.name}`, text: container.inspect.stdout });
    texts.push({ surface: "container-logs", location: `docker logs ${container.name}`, text: `${container.logs.stdout}\n${container.logs.stderr}` });
    texts.push({ surface: "proc-environ", location: `/proc/1/environ in ${container.name}`, text: container.environ.stdout.replace(/\0/g, "\n") });
  }
  texts.push(...imageLayerSurfaces(docker.builtImages));
  return texts;
}

/** A history step as the Dockerfile line it came from: `RUN rm .npmrc`, not `RUN /bin/sh -c rm .npmrc # buildkit`. */
export function layerInstruction(createdBy: string, max = 60): string {
  const line = createdBy
    .replace(/\s+# buildkit$/, "")
    .replace(/^RUN (?:\|\d+ .*?)?\/bin\/sh -c /, "RUN ")
    .replace(/\s+/g, " ")
    .trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

function isWithin(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir === "/" ? "/" : `${dir}/`);
}

/**
 * Every file of every layer, once per layer (an image rebuilt from cache shares its layers), each
 * with a note saying what a later layer did to it: the lesson is that it is still there.
 */
function imageLayerSurfaces(images: readonly BuiltImage[]): ProviderSurfaceText[] {
  const texts: ProviderSurfaceText[] = [];
  const seen = new Set<string>();
  for (const image of images) {
    const name = image.tags[0] ?? `the untagged image ${image.id.replace(/^sha256:/, "").slice(0, 12)}`;
    image.layers.forEach((layer, index) => {
      if (seen.has(layer.diffId)) return;
      seen.add(layer.diffId);
      const step = `layer ${index + 1} (${layerInstruction(layer.createdBy)})`;
      for (const [path, text] of Object.entries(layer.files)) {
        texts.push({ surface: "image-layers", location: `${step} of ${name}: ${path}`, text, note: layerNote(image, index, path) });
      }
    });
  }
  return texts;
}

function layerNote(image: BuiltImage, index: number, path: string): string {
  const fix = "Keep the secret out of every layer: mount it for the one step that needs it (RUN --mount=type=secret) and do not write it to a file of the image.";
  for (let later = index + 1; later < image.layers.length; later++) {
    const layer = image.layers[later]!;
    const step = `layer ${later + 1} (${layerInstruction(layer.createdBy)})`;
    const deleted = layer.deleted.some((gone) => isWithin(path, gone));
    if (deleted) {
      return `${capitalizeFirst(step)} deletes ${path}, but deleting a file in a later layer does not remove it from the image: every layer ships with the image, and anyone who can pull it gets the file back with docker save, which unpacks each layer. ${fix}`;
    }
    if (path in layer.files) {
      return `${capitalizeFirst(step)} overwrites ${path}, but overwriting a file in a later layer does not remove the old copy from the image: every layer ships with the image, and docker save unpacks each one. ${fix}`;
    }
  }
  return `The file is in the image: anyone who can pull it reads the secret (docker run, or docker save for every layer). ${fix}`;
}

function capitalizeFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}


import { DockerEngine, createDockerShell, layerFiles } from "../docker-sim/index.ts";
import type { BuiltImage, DockerHost } from "../grading/index.ts";

/** The folder grading writes the learner's files to when a scenario names no other context. */
const DEFAULT_CONTEXT = "/app";

/** A fresh simulated Docker host for one grading run, in the shape the grader asks for. */
export function createDockerSimHost(): DockerHost {
  const engine = new DockerEngine();
  // The grader's default build context must exist, and learner files may sit in subfolders.
  engine.host.mkdir(DEFAULT_CONTEXT, { parents: true });
  const shell = createDockerShell(engine, { cwd: DEFAULT_CONTEXT });
  // The catalogue images the host starts with were not built by the scenario.
  const preloaded = new Set(engine.images.list().map((image) => image.id));
  return {
    writeFile: (path, text) => engine.host.writeFile(path, text, { parents: true }),
    exec: (line) => shell.exec(line),
    // Read-only: each layer's own files and whiteouts, matched with the history step that made it
    // (history entries with a layer are in layer order, as in `docker history`).
    builtImages: () =>
      engine.images
        .list()
        .filter((image) => !preloaded.has(image.id))
        .map((image): BuiltImage => {
          const steps = image.history.filter((entry) => !entry.emptyLayer);
          return {
            id: image.id,
            tags: [...image.repoTags],
            layers: image.layers.map((layer, i) => ({
              diffId: layer.diffId,
              createdBy: steps[i]?.createdBy ?? "",
              files: Object.fromEntries(layerFiles(layer)),
              deleted: [...layer.files].filter(([, entry]) => entry === null).map(([path]) => path),
            })),
          };
        }),
  };
}

import { DockerEngine, createDockerShell } from "../docker-sim/index.ts";
import type { DockerHost } from "../grading/index.ts";

/** The folder grading writes the learner's files to when a scenario names no other context. */
const DEFAULT_CONTEXT = "/app";

/** A fresh simulated Docker host for one grading run, in the shape the grader asks for. */
export function createDockerSimHost(): DockerHost {
  const engine = new DockerEngine();
  // The grader's default build context must exist, and learner files may sit in subfolders.
  engine.host.mkdir(DEFAULT_CONTEXT, { parents: true });
  const shell = createDockerShell(engine, { cwd: DEFAULT_CONTEXT });
  return {
    writeFile: (path, text) => engine.host.writeFile(path, text, { parents: true }),
    exec: (line) => shell.exec(line),
  };
}

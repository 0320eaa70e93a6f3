import { DockerEngine, createDockerShell } from "../docker-sim/index.ts";
import type { DockerHost } from "../grading/index.ts";

/** A fresh simulated Docker host for one grading run, in the shape the grader asks for. */
export function createDockerSimHost(): DockerHost {
  const engine = new DockerEngine();
  const shell = createDockerShell(engine, { cwd: "/app" });
  return {
    writeFile: (path, text) => engine.host.writeFile(path, text),
    exec: (line) => shell.exec(line),
  };
}

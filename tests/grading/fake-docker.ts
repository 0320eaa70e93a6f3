/**
 * A fake Docker host for grading tests, until the docker simulator exposes its public face. It
 * models only what the grader reads: `docker build` with `--build-arg`, an image's history (where a
 * consumed build argument shows up, as in real `docker history`: `|1 NPM_TOKEN=... /bin/sh -c ...`)
 * and config env, `docker image inspect`, `docker history --no-trunc`.
 */
import type { DockerHost, ShellResult } from "../../src/grading/index.ts";

interface FakeImage {
  history: string[];
  env: string[];
}

export function createFakeDockerHost(): DockerHost & { files: Map<string, string> } {
  const files = new Map<string, string>();
  const images = new Map<string, FakeImage>();
  const ok = (stdout: string): ShellResult => ({ stdout, stderr: "", exitCode: 0 });
  const fail = (stderr: string, exitCode = 1): ShellResult => ({ stdout: "", stderr, exitCode });

  const build = (args: string[]): ShellResult => {
    const buildArgs = new Map<string, string>();
    let tag = "";
    let context = ".";
    for (let i = 0; i < args.length; i++) {
      if (args[i] === "--build-arg") {
        const [key, ...value] = args[++i]!.split("=");
        buildArgs.set(key!, value.join("="));
      } else if (args[i] === "-t") tag = args[++i]!;
      else if (args[i] === "--secret") i++;
      else context = args[i]!;
    }
    const dockerfile = files.get(`${context === "." ? "/app" : context}/Dockerfile`);
    if (dockerfile === undefined) return fail("ERROR: failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory");
    const image: FakeImage = { history: [], env: [] };
    const declared = new Map<string, string>();
    for (const line of dockerfile.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"))) {
      const [keyword, ...rest] = line.split(/\s+/);
      const body = rest.join(" ");
      switch (keyword?.toUpperCase()) {
        case "ARG": {
          const [name, fallback] = body.split("=");
          declared.set(name!, buildArgs.get(name!) ?? fallback ?? "");
          image.history.push(`ARG ${body}`);
          break;
        }
        case "ENV": {
          const [name, value] = body.split("=");
          const expanded = (value ?? "").replace(/\$\{?(\w+)\}?/g, (_m, arg: string) => declared.get(arg) ?? "");
          image.env.push(`${name}=${expanded}`);
          image.history.push(`ENV ${name}=${expanded}`);
          break;
        }
        case "RUN": {
          const args = [...declared].map(([k, v]) => `${k}=${v}`);
          image.history.push(`RUN ${args.length ? `|${args.length} ${args.join(" ")} ` : ""}/bin/sh -c ${body.replace(/^--mount=\S+\s+/, "")}`);
          break;
        }
        default:
          image.history.push(line);
      }
    }
    images.set(tag, image);
    return ok(`#0 building with "default" instance\n#1 naming to docker.io/library/${tag} done\n`);
  };

  return {
    files,
    writeFile: (path, content) => void files.set(path, content),
    exec(commandLine) {
      const args = commandLine.trim().split(/\s+/);
      if (args[0] !== "docker") return fail(`${args[0]}: command not found`, 127);
      if (args[1] === "build") return build(args.slice(2));
      const ref = args.at(-1)!;
      const image = images.get(ref);
      if (args[1] === "image" && args[2] === "inspect") {
        return image ? ok(JSON.stringify([{ RepoTags: [`${ref}:latest`], Config: { Env: image.env } }], null, 4)) : fail(`Error response from daemon: No such image: ${ref}`);
      }
      if (args[1] === "history") return image ? ok(["CREATED BY", ...[...image.history].reverse()].join("\n")) : fail(`Error response from daemon: No such image: ${ref}`);
      return fail(`docker: '${args[1]}' is not a docker command.`);
    },
  };
}

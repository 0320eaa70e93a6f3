/**
 * Runs a container's `node <script>` in the TypeScript runtime, so the learner's own app is the
 * container's process: it sees the container's environment and file system (its image's files,
 * bind mounts, `/run/secrets/...` of a swarm task) and its output becomes `docker logs`.
 *
 *   engine.setAppRunner(runtimeAppRunner(() => createNodeRuntime({ network })));
 *
 * The runtime is asked for lazily, on the first `node app.js`: in the page that keeps the
 * runtime (an iframe with Workers) out of the terminal until an app actually runs.
 */
import type { AppLaunch, AppRunner, CommandResult } from "../docker-sim/index.ts";
import type { Runtime } from "../runtime/types.ts";

/** How long an app may run before the simulated container's process is stopped. */
const APP_TIMEOUT_MS = 5000;

/** `node [--flags] script [args...]`, after the image's entrypoint: the script and its arguments. */
export function nodeScript(argv: readonly string[]): { script: string; args: string[] } | undefined {
  const node = argv.findIndex((a) => a === "node" || /\/node$/.test(a));
  if (node < 0) return undefined;
  const rest = argv.slice(node + 1);
  const at = rest.findIndex((a) => !a.startsWith("-"));
  return at < 0 ? undefined : { script: rest[at]!, args: rest.slice(at + 1) };
}

function absolute(workingDir: string, path: string): string {
  return path.startsWith("/") ? path : `${workingDir.replace(/\/$/, "")}/${path.replace(/^\.\//, "")}`;
}

export function runtimeAppRunner(getRuntime: () => Runtime | Promise<Runtime>): AppRunner {
  return async (launch: AppLaunch): Promise<CommandResult> => {
    const target = nodeScript(launch.argv);
    if (!target) return { stdout: "", stderr: "", exitCode: 0 };
    const entry = absolute(launch.workingDir, target.script);
    if (!(entry in launch.files)) {
      // What node prints for a missing script, so a Dockerfile that forgot to COPY it reads as it would.
      return { stdout: "", stderr: `node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '${entry}'\n`, exitCode: 1 };
    }
    const runtime = await getRuntime();
    let stdout = "";
    let stderr = "";
    const result = await runtime.run(
      { files: launch.files, entry, env: launch.env, argv: target.args, timeoutMs: APP_TIMEOUT_MS },
      {
        onOutput: (chunk) => {
          if (chunk.stream === "stdout") stdout += chunk.text;
          else stderr += chunk.text;
        },
      },
    );
    return { stdout, stderr, exitCode: result.exitCode };
  };
}

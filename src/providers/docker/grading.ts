/**
 * The Docker host in a grading run: the learner's files go into the build context and the setup
 * lines run before the program; afterwards the inspected images and containers are read, every
 * built image layer by layer; all of it is a leak surface, and the docker checks read it.
 */
import type { DockerHost } from "../../grading/types.ts";
import { defineGrading } from "../grading-types.ts";
import type { ChecksOf, FragmentOf } from "../types.ts";
import { dockerCommandOutputCheck } from "./checks/docker-command-output.ts";
import { dockerfileNoSecretInArgEnvCheck } from "./checks/dockerfile-no-secret-in-arg-env.ts";
import { imageBuildsCheck } from "./checks/image-builds.ts";
import { dockerSurfaces } from "./docker-surfaces.ts";
import { inspectDocker, runDockerSetup, type DockerCommandEvidence, type DockerEvidence } from "./docker-phase.ts";
import type { dockerProvider } from "./index.ts";

export const grading = defineGrading<FragmentOf<typeof dockerProvider>, DockerEvidence, ChecksOf<typeof dockerProvider>>({
  async createWorld({ fragment, values, learnerFiles, deps }) {
    const setup = fragment.docker;
    // A test may bring its own host; otherwise the simulator, loaded only for exercises that use it.
    const createHost = deps.createDockerHost ?? (await import("../../exercises/docker-sim-host.ts")).createDockerSimHost;
    const host: DockerHost | undefined = setup ? createHost() : undefined;
    let commands: DockerCommandEvidence[] = [];
    let evidence: DockerEvidence | undefined;
    return {
      get state() {
        return evidence;
      },
      beforeProgram: async () => {
        if (setup && host) commands = await runDockerSetup(setup, host, learnerFiles, values);
      },
      afterProgram: async () => {
        if (setup && host) evidence = await inspectDocker(setup, host, commands);
      },
      surfaces: () => dockerSurfaces(evidence),
      report: (mask) =>
        evidence
          ? {
              docker: evidence.commands.map((command) => ({
                command: command.command,
                exitCode: command.exitCode,
                output: command.skipped ? "(not run: an earlier command failed)" : mask(`${command.stdout}${command.stderr}`),
              })),
            }
          : {},
    };
  },
  checks: {
    "dockerfile-no-secret-in-arg-env": dockerfileNoSecretInArgEnvCheck,
    "image-builds": imageBuildsCheck,
    "docker-command-output": dockerCommandOutputCheck,
  },
});

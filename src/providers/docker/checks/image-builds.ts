import type { CheckDefinition } from "../../../grading/checks/context.ts";
import type { DockerEvidence } from "../docker-phase.ts";

export const imageBuildsCheck: CheckDefinition<"image-builds", DockerEvidence> = {
  title: (check) => `The image ${check.tag} builds`,
  async evaluate(check, ctx, docker) {
    const expected = `After the setup commands, docker image inspect ${check.tag} finds the image.`;
    if (!docker) return { passed: false, expected, actual: "There is no Docker host in this exercise." };
    const result = await docker.imageExists(check.tag);
    if (result.exitCode === 0) return { passed: true, expected, actual: "It built." };
    const failed = docker.commands.find((command) => !command.skipped && command.exitCode !== 0);
    if (!failed) return { passed: false, expected, actual: `No image ${check.tag} exists after the setup commands.` };
    const tail = ctx.mask(`${failed.stdout}\n${failed.stderr}`).trim().split("\n").slice(-4).join("⏎");
    return { passed: false, expected, actual: `\`${failed.command}\` failed (exit code ${failed.exitCode}): ${tail}` };
  },
};

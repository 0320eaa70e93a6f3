import type { DockerEvidence } from "../docker-phase.ts";
/**
 * The good side of a Docker exercise: after the setup (and the program, if any), one more shell line
 * runs on the same simulated host, and its output and exit code are compared with what a correct
 * setup gives. E.g. "the service's task sees the planted password":
 *   { "command": "docker exec $(docker ps -q -f name=payments) cat /run/secrets/db_password",
 *     "includes": "{{secret:db_password}}", "exitCode": 0 }
 * Placeholders in `command`, `includes` and `excludes` get this run's canaries; everything the check
 * says shows them masked (`‹db_password›`). The line runs in the setup's shell, so its `cd` and
 * `export`s hold; a line that changes state changes it for the checks after it.
 */
import { fillPlaceholders } from "../../../grading/placeholders.ts";
import type { CheckContext, CheckDefinition, CheckOf } from "../../../grading/checks/context.ts";
import { quote } from "../../../grading/checks/context.ts";

type Check = CheckOf<"docker-command-output">;

const PLACEHOLDER = /\{\{\s*([a-z-]+)\s*:\s*([^}\s]+)\s*\}\}/g;

/** Placeholders as the masked text shows canaries: `{{secret:db_password}}` -> `‹db_password›`. */
function shown(text: string): string {
  return text.replace(PLACEHOLDER, (_m, _kind: string, name: string) => `‹${name}›`);
}

/** The last lines of what a command printed, masked and on one line. */
function tail(ctx: CheckContext, stdout: string, stderr: string, lines = 6): string {
  const text = ctx.mask(`${stdout}${stdout && stderr && !stdout.endsWith("\n") ? "\n" : ""}${stderr}`).trim();
  if (text === "") return "nothing";
  return quote(text.split("\n").slice(-lines).join("\n"), 400);
}

function expectation(check: Check): string {
  const parts: string[] = [];
  if (check.exitCode !== undefined) parts.push(`exits with code ${check.exitCode}`);
  if (check.includes !== undefined) parts.push(`prints ${quote(shown(check.includes))}`);
  if (check.excludes !== undefined) parts.push(`does not print ${quote(shown(check.excludes))}`);
  return parts.join(" and ");
}

/** The first setup line that failed, as one sentence (the rest of the setup did not run). */
function setupTrouble(ctx: CheckContext, docker: DockerEvidence | undefined): string | undefined {
  const failed = docker?.commands.find((command) => !command.skipped && command.exitCode !== 0);
  if (!failed) return undefined;
  return `The setup stopped earlier: \`${failed.command}\` failed (exit code ${failed.exitCode}) with ${tail(ctx, failed.stdout, failed.stderr, 4)}.`;
}

export const dockerCommandOutputCheck: CheckDefinition<"docker-command-output", DockerEvidence> = {
  title: (check) => `\`${shown(check.command)}\` ${expectation(check)}`,
  async evaluate(check, ctx, docker) {
    const expected = `After the setup, \`${shown(check.command)}\` ${expectation(check)}.`;
    if (!docker) return { passed: false, expected, actual: "There is no Docker host in this exercise." };
    const values = ctx.evidence.world.values;
    const result = await docker.exec(fillPlaceholders(check.command, values));
    const output = `${result.stdout}\n${result.stderr}`;
    const problems: string[] = [];
    if (check.exitCode !== undefined && result.exitCode !== check.exitCode) problems.push(`exited with code ${result.exitCode}`);
    if (check.includes !== undefined && !output.includes(fillPlaceholders(check.includes, values))) problems.push(`did not print ${quote(shown(check.includes))}`);
    if (check.excludes !== undefined && output.includes(fillPlaceholders(check.excludes, values))) problems.push(`printed ${quote(shown(check.excludes))}`);
    if (problems.length === 0) return { passed: true, expected, actual: `It did (exit code ${result.exitCode}).` };
    const actual = `It ${problems.join(" and ")}; it printed ${tail(ctx, result.stdout, result.stderr)} (exit code ${result.exitCode}).`;
    const trouble = setupTrouble(ctx, docker);
    return { passed: false, expected, actual: trouble ? `${actual} ${trouble}` : actual };
  },
};

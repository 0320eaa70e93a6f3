/**
 * `docker-command-output`: one more shell line on the simulated Docker host after the setup, judged
 * by exit code and output; placeholders get the run's canaries, and reports show them masked.
 */
import { afterAll, describe, expect, test } from "vitest";
import { createDockerSimHost } from "../../src/exercises/docker-sim-host";
import { gradeExercise, parseExerciseScenario } from "../../src/grading/index";
import { SimulatedNetwork } from "../../src/runtime/index";
import { createNodeRuntime } from "../../src/runtime/node";
import type { ExerciseScenarioInput } from "../../src/schemas/exercise-scenario";

const network = new SimulatedNetwork();
const runtime = createNodeRuntime({ network });
afterAll(() => runtime.dispose());
const deps = { runtime, network, createDockerHost: createDockerSimHost };

const scenario = {
  starterFiles: { "password.txt": "" },
  solutionFiles: { "password.txt": "" },
  secrets: [{ name: "db_password", kind: "password", shownValue: "P@ssw0rd-demo-only" }],
  docker: {
    setup: ["docker swarm init", "printf '%s' '{{secret:db_password}}' | docker secret create db_password -", "docker service create -d --name api --secret db_password redis:alpine"],
  },
  checks: [
    { id: "sees", kind: "docker-command-output", command: "docker exec $(docker ps -q -f name=api) cat /run/secrets/db_password", includes: "{{secret:db_password}}", exitCode: 0 },
    { id: "wrong-path", kind: "docker-command-output", command: "docker exec $(docker ps -q -f name=api) cat /run/secrets/db_pass", exitCode: 0 },
    { id: "not-listed", kind: "docker-command-output", command: "docker secret ls", excludes: " db_password " },
  ],
} satisfies ExerciseScenarioInput;

describe("docker-command-output", () => {
  test("passes on the planted value, fails with what was run, expected and printed, canary masked", async () => {
    const report = await gradeExercise(scenario, {}, deps);
    const [sees, wrongPath, notListed] = report.checks;
    expect(sees).toMatchObject({ id: "sees", passed: true, title: "`docker exec $(docker ps -q -f name=api) cat /run/secrets/db_password` exits with code 0 and prints “‹db_password›”" });
    expect(wrongPath?.passed).toBe(false);
    expect(wrongPath?.expected).toBe("After the setup, `docker exec $(docker ps -q -f name=api) cat /run/secrets/db_pass` exits with code 0.");
    expect(wrongPath?.actual).toBe("It exited with code 1; it printed “cat: can't open '/run/secrets/db_pass': No such file or directory” (exit code 1).");
    expect(notListed?.passed).toBe(false);
    expect(notListed?.actual).toContain("It printed “ db_password ”");
  });

  test("a wrong value is shown masked, and a failed setup line is reported", async () => {
    const report = await gradeExercise(
      {
        ...scenario,
        docker: { setup: ["docker swarm init", "printf 'other' | docker secret create db_password -", "docker service create -d --name api --secret db_password redis:alpine", "docker secret rm db_password"] },
        checks: [scenario.checks[0]!],
      },
      {},
      deps,
    );
    const actual = report.checks[0]!.actual;
    expect(report.checks[0]!.passed).toBe(false);
    expect(actual).toContain("did not print “‹db_password›”; it printed “other”");
    expect(actual).toContain("The setup stopped earlier: `docker secret rm db_password` failed (exit code 1)");
    expect(actual).toContain("is in use by the following service: api");
    expect(JSON.stringify(report)).not.toMatch(/P@ssw0rd|\{\{secret/);
  });

  test("the schema wants docker, an expectation, and declared secrets", () => {
    const bad = (checks: unknown[], withDocker = true) => () => {
      const { docker, ...rest } = scenario;
      return parseExerciseScenario({ ...rest, ...(withDocker ? { docker } : {}), checks } as never);
    };
    expect(bad([{ kind: "docker-command-output", command: "true" }])).toThrow(/give 'includes', 'excludes' or 'exitCode'/);
    expect(bad([{ kind: "docker-command-output", command: "cat {{secret:nope}}", exitCode: 0 }])).toThrow(/no secret named 'nope'/);
    expect(bad([{ kind: "docker-command-output", command: "true", exitCode: 0 }], false)).toThrow(/needs 'docker'/);
  });
});

import type { GradeReport } from "../../grading/index.ts";
import type { ExerciseScenario } from "../../schemas/exercise-scenario.ts";

/**
 * Grading has a runtime and network of its own (its own isolated iframe), so the
 * mock hosts it plants canaries in never mix with the learner's Run. The grading
 * engine and, for Docker exercises, the simulator load only when Check is pressed.
 */
let services: Promise<{ grade: (scenario: ExerciseScenario, files: Record<string, string>) => Promise<GradeReport> }> | undefined;

export function gradingServices() {
  services ??= (async () => {
    const [{ gradeExercise }, { SimulatedNetwork }, { createLocalRuntime }, { createWorkerScanner }] = await Promise.all([
      import("../../grading/index.ts"),
      import("../../runtime/index.ts"),
      import("../../runtime/browser.ts"),
      import("./leak-scan-worker-client.ts"),
    ]);
    const network = new SimulatedNetwork();
    const runtime = createLocalRuntime({ network });
    // The leak scan off the page's thread: megabytes of written files must not freeze the page.
    const scanner = createWorkerScanner();
    const dockerHost = async () => (await import("../../exercises/docker-sim-host.ts")).createDockerSimHost;
    return {
      grade: async (scenario: ExerciseScenario, files: Record<string, string>) =>
        gradeExercise(scenario, files, { runtime, network, scanner, ...(scenario.docker ? { createDockerHost: await dockerHost() } : {}) }),
    };
  })();
  return services;
}

/**
 * AWS in the learner's sandbox: one simulated account per sandbox (Secrets Manager, STS, IMDSv2 for
 * the instance role, ECS credentials), its hosts on the page network while the sandbox runs (the
 * official SDK calls the real regional endpoints; the network routes them by host), a new AWSCURRENT
 * version when an exercise's rotation plays on Run, and the inspector panel.
 */
import { createAwsEngine, createAwsFetch, parseAwsScenario, type AwsEngine } from "../../aws/index.ts";
import type { SandboxFacet, SandboxWorld } from "../sandbox-types.ts";
import { attachLearnerPolicy } from "./learner-policy.ts";
import { rotateAwsSecrets, type AwsRotationOptions } from "./rotate-secrets.ts";

/** The build's config: an example's `aws` world, or an exercise's filled scenario with its template. */
type ExerciseConfig = { scenario: unknown; template?: unknown; rotation?: AwsRotationOptions; rolePolicyFile?: { file: string; role: string } };

function worldOf(config: unknown): ExerciseConfig {
  return config && typeof config === "object" && "scenario" in config ? (config as ExerciseConfig) : { scenario: config };
}

export interface AwsSandboxWorld extends SandboxWorld {
  engine: AwsEngine;
}

export const sandbox: SandboxFacet<AwsSandboxWorld> = {
  createWorld({ config }) {
    const { scenario, template, rotation, rolePolicyFile } = worldOf(config);
    const engine = createAwsEngine(parseAwsScenario(scenario));
    const aws = createAwsFetch(engine);
    const hosts = Object.fromEntries(aws.hostNames().map((host) => [host, aws.fetch]));
    const cancels: Array<() => void> = [];
    return {
      engine,
      hosts,
      rotate: (secret, rotatedValues) => void cancels.push(rotateAwsSecrets(engine, template ?? scenario, secret, rotatedValues, rotation)),
      dispose: () => cancels.splice(0).forEach((cancel) => cancel()),
      // The learner's policy file, as it is at this Run (Check attaches it the same way).
      ...(rolePolicyFile ? { beforeRun: (files: Readonly<Record<string, string>>) => attachLearnerPolicy(engine, rolePolicyFile, files) } : {}),
    };
  },
  mountInspector: async (target) => (await import("./inspector.ts")).mountAwsInspector(target),
};

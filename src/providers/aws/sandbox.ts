/**
 * AWS in the learner's sandbox: one simulated account per sandbox (Secrets Manager, STS, IMDSv2 for
 * the instance role, ECS credentials), its hosts on the page network while the sandbox runs (the
 * official SDK calls the real regional endpoints; the network routes them by host), a new AWSCURRENT
 * version when an exercise's rotation plays on Run, and the inspector panel.
 */
import { createAwsEngine, createAwsFetch, parseAwsScenario, type AwsEngine } from "../../aws/index.ts";
import type { SandboxFacet, SandboxWorld } from "../sandbox-types.ts";
import { rotateAwsSecrets } from "./rotate-secrets.ts";

/** The build's config: an example's `aws` world, or an exercise's filled scenario with its template. */
function worldOf(config: unknown): { scenario: unknown; template?: unknown } {
  const value = config as { scenario?: unknown; template?: unknown };
  return value && typeof value === "object" && "scenario" in value ? { scenario: value.scenario, template: value.template } : { scenario: config };
}

export interface AwsSandboxWorld extends SandboxWorld {
  engine: AwsEngine;
}

export const sandbox: SandboxFacet<AwsSandboxWorld> = {
  createWorld({ config }) {
    const { scenario, template } = worldOf(config);
    const engine = createAwsEngine(parseAwsScenario(scenario));
    const aws = createAwsFetch(engine);
    const hosts = Object.fromEntries(aws.hostNames().map((host) => [host, aws.fetch]));
    return {
      engine,
      hosts,
      rotate: (secret, rotatedValues) => rotateAwsSecrets(engine, template ?? scenario, secret, rotatedValues),
    };
  },
  mountInspector: async (target) => (await import("./inspector.ts")).mountAwsInspector(target),
};

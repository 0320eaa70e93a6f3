/**
 * The AWS provider on the page side, driven in Node as the page drives it: a learner's program with
 * the official `@aws-sdk/client-secrets-manager`, configured with only a region, reads a secret via
 * the instance role (the sandbox's credential chain finds IMDSv2), the event log shows it, the
 * inspector's world is the one the program talked to, and a rotation gives a new AWSCURRENT.
 */
import { afterAll, describe, expect, test } from "vitest";
import { loadSandboxFacet } from "../../src/providers/page-facets.ts";
import type { AwsSandboxWorld } from "../../src/providers/aws/sandbox.ts";
import { SimulatedNetwork } from "../../src/runtime/index.ts";
import { createNodeRuntime } from "../../src/runtime/node.ts";
import { SandboxSession } from "../../src/sandbox-session/index.ts";
import { scenario } from "../aws/fixtures.ts";

const network = new SimulatedNetwork();
const runtime = createNodeRuntime({ network });
afterAll(() => runtime.dispose());

const PROGRAM = `import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
const client = new SecretsManagerClient({ region: "us-east-1" });
const secret = await client.send(new GetSecretValueCommand({ SecretId: "prod/db" }));
const db = JSON.parse(secret.SecretString ?? "{}");
console.log("user", db.username, "password ****" + db.password.slice(-4), secret.VersionStages?.join(","));
const who = await new STSClient({ region: "us-east-1" }).send(new GetCallerIdentityCommand({}));
console.log("as", who.Arn);
`;

async function run(session: SandboxSession, program = PROGRAM) {
  let output = "";
  const result = await session.run({ files: { "/app/main.ts": program }, entry: "/app/main.ts", env: {}, timeoutMs: 20_000 }, { onOutput: (chunk) => (output += chunk.text) });
  return { result, output };
}

describe("the AWS provider in a sandbox session", () => {
  test("the official SDK reads a secret via the instance role; the event log shows who did what", async () => {
    const session = new SandboxSession({ runtime, network, providers: { aws: scenario }, loadFacet: loadSandboxFacet });
    try {
      const { result, output } = await run(session);
      expect(result.exitCode, output).toBe(0);
      expect(output).toContain("user app password ****rd-1 AWSCURRENT");
      expect(output).toMatch(/as arn:aws:sts::123456789012:assumed-role\/app-role\/i-/);
      const world = (await session.world("aws")) as AwsSandboxWorld;
      const events = world.engine.events.events().map((e) => `${e.eventName} ${e.result}`);
      expect(events).toEqual(expect.arrayContaining(["GetSecretValue success", "GetCallerIdentity success"]));
      expect(network.hosts()).toEqual([]);
    } finally {
      session.dispose();
    }
  }, 60_000);

  test("without a region the SDK fails with its own message; a denied secret is AWS's AccessDeniedException", async () => {
    const session = new SandboxSession({ runtime, network, providers: { aws: { ...scenario, secrets: [...(scenario.secrets ?? []), { name: "other/secret", value: "x-demo-only" }] } }, loadFacet: loadSandboxFacet });
    try {
      const noRegion = await run(session, `import { SecretsManagerClient, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";\nawait new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: "prod/db" }));\n`);
      expect(noRegion.result.exitCode).not.toBe(0);
      expect(noRegion.output).toContain("Region is missing");
      const denied = await run(session, `import { SecretsManagerClient, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";\ntry { await new SecretsManagerClient({ region: "us-east-1" }).send(new GetSecretValueCommand({ SecretId: "other/secret" })); } catch (e) { console.log((e as Error).name); }\n`);
      expect(denied.output).toContain("AccessDeniedException");
    } finally {
      session.dispose();
    }
  }, 60_000);
});

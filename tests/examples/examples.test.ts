import { afterAll, describe, expect, it } from "vitest";
import { allExamples, exampleFiles } from "../../src/examples/load-examples";
import { SimulatedNetwork } from "../../src/runtime/index";
import { createNodeRuntime } from "../../src/runtime/node";
import { loadSandboxFacet } from "../../src/providers/page-facets";
import { sandboxProviderConfigs } from "../../src/providers/registry";
import { SandboxSession } from "../../src/sandbox-session/index";

// Every example a lesson embeds runs here in Node with the same shims, the same providers (each
// example's own worlds: its vault, its AWS account, the payments API) and the same session as the
// browser sandbox, and must do what its example.json promises.
const network = new SimulatedNetwork();
const runtime = createNodeRuntime({ network });
afterAll(() => runtime.dispose());

const examples = allExamples();

describe("content/examples", () => {
  it("has examples to run", () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  for (const example of examples) {
    it(`${example.id}: ${example.manifest.title}`, async () => {
      let stdout = "";
      let stderr = "";
      const session = new SandboxSession({ runtime, network, providers: sandboxProviderConfigs({ kind: "example", manifest: example.manifest }), loadFacet: loadSandboxFacet });
      const result = await session
        .run(
          { files: exampleFiles(example), entry: `/app/${example.manifest.entry}`, env: example.manifest.env, timeoutMs: example.manifest.timeoutMs },
          { onOutput: ({ stream, text }) => (stream === "stderr" ? (stderr += text) : stream === "stdout" ? (stdout += text) : undefined) },
        )
        .finally(() => session.dispose());
      const { expect: want } = example.manifest;
      expect(result.exitCode, `exit code; stderr was:\n${stderr}`).toBe(want.exitCode);
      for (const text of want.stdout) expect(stdout).toContain(text);
      for (const text of want.stderr) expect(stderr).toContain(text);
      for (const text of want.absent) {
        expect(stdout).not.toContain(text);
        expect(stderr).not.toContain(text);
      }
    });
  }
});

// The lesson runs caller-identity a second time with the deploy script's keys removed: the same
// program, unchanged, falls through to the instance metadata service and signs as the role.
describe("aws-secrets-manager/caller-identity without the keys in the environment", () => {
  it("signs as the instance role's session, with temporary credentials", async () => {
    const example = examples.find((e) => e.id === "aws-secrets-manager/caller-identity");
    expect(example).toBeDefined();
    const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _key, ...env } = example!.manifest.env;
    let stdout = "";
    const session = new SandboxSession({ runtime, network, providers: sandboxProviderConfigs({ kind: "example", manifest: example!.manifest }), loadFacet: loadSandboxFacet });
    const result = await session
      .run({ files: exampleFiles(example!), entry: `/app/${example!.manifest.entry}`, env, timeoutMs: example!.manifest.timeoutMs }, { onOutput: ({ stream, text }) => (stream === "stdout" ? (stdout += text) : undefined) })
      .finally(() => session.dispose());
    expect(result.exitCode).toBe(0);
    expect(stdout).toContain("signed in as arn:aws:sts::123456789012:assumed-role/payments-app/i-1234567890abcdef0");
    expect(stdout).toContain("with temporary credentials (ASIA…): they expire, and the platform renews them");
    expect(stdout).toContain("payments/stripe-api-key read (sk_test_****)");
  });
});

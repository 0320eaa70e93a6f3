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

import { afterAll, describe, expect, it } from "vitest";
import { allExamples, exampleFiles } from "../../src/examples/load-examples";
import { SimulatedNetwork, createPaymentsApi, PAYMENTS_API_HOST } from "../../src/runtime/index";
import { createNodeRuntime } from "../../src/runtime/node";
import { createAzureWorld } from "../../src/runtime/azure/host/index";

// Every example a lesson embeds runs here in Node with the same shims and mock
// hosts as the browser sandbox, and must do what its example.json promises.
const payments = createPaymentsApi();
const network = new SimulatedNetwork({ [PAYMENTS_API_HOST]: payments.handler });
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
      // An example with a vault gets a fresh mock vault (and sign-in hosts) of its own for this run.
      const azure = example.manifest.vault ? createAzureWorld(example.manifest.vault) : undefined;
      azure?.install(network);
      const result = await runtime
        .run(
          { files: exampleFiles(example), entry: `/app/${example.manifest.entry}`, env: example.manifest.env, timeoutMs: example.manifest.timeoutMs },
          { onOutput: ({ stream, text }) => (stream === "stderr" ? (stderr += text) : stream === "stdout" ? (stdout += text) : undefined) },
        )
        .finally(() => azure?.uninstall(network));
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

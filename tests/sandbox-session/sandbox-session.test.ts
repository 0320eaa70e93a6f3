/**
 * The sandbox session without a DOM, as the page drives it: an example's providers come from the
 * build's config, their worlds outlive a run and not a Reset, their hosts are on the page network
 * only while the sandbox runs, and a disposed session runs nothing.
 */
import { afterAll, describe, expect, test } from "vitest";
import { getExample } from "../../src/examples/load-examples.ts";
import { loadSandboxFacet } from "../../src/providers/page-facets.ts";
import { sandboxProviderConfigs } from "../../src/providers/registry.ts";
import type { AzureSandboxWorld } from "../../src/providers/azure/sandbox.ts";
import { appFileSystem } from "../../src/runtime/app-files.ts";
import { SimulatedNetwork } from "../../src/runtime/index.ts";
import { createNodeRuntime } from "../../src/runtime/node.ts";
import { SandboxSession } from "../../src/sandbox-session/index.ts";

const network = new SimulatedNetwork();
const runtime = createNodeRuntime({ network });
afterAll(() => runtime.dispose());

function sessionFor(exampleId: string) {
  const example = getExample(exampleId);
  const session = new SandboxSession({ runtime, network, providers: sandboxProviderConfigs({ kind: "example", manifest: example.manifest }), loadFacet: loadSandboxFacet });
  const run = async () => {
    let output = "";
    const result = await session.run(
      { files: appFileSystem(example.sources, example.manifest.files), entry: `/app/${example.manifest.entry}`, env: example.manifest.env, timeoutMs: 15_000 },
      { onOutput: (chunk) => (output += chunk.text) },
    );
    return { result, output };
  };
  return { session, run };
}

describe("SandboxSession", () => {
  test("an Azure example: the vault world is made on first use, kept across runs, and its hosts are on the network only during a run", async () => {
    const { session, run } = sessionFor("azure-key-vault/get-secret");
    expect(session.providerIds.sort()).toEqual(["azure", "payments"]);
    const hostsDuring: string[][] = [];
    const probe = network.handle.bind(network);
    network.handle = async (request) => {
      hostsDuring.push(network.hosts());
      return probe(request);
    };
    try {
      const first = await run();
      expect(first.result.exitCode, first.output).toBe(0);
      expect(hostsDuring[0]).toEqual(expect.arrayContaining(["payments-kv.vault.azure.net", "login.microsoftonline.com", "api.payments.example"]));
      expect(network.hosts()).toEqual([]);

      const world = (await session.world("azure")) as AzureSandboxWorld;
      const reads = () => world.engine.audit.entries().filter((entry) => entry.operation === "SecretGet").length;
      const afterOne = reads();
      await run();
      expect(reads()).toBeGreaterThan(afterOne);
      expect(await session.world("azure")).toBe(world);

      session.reset();
      const fresh = (await session.world("azure")) as AzureSandboxWorld;
      expect(fresh).not.toBe(world);
      expect(fresh.engine.audit.entries()).toEqual([]);
    } finally {
      network.handle = probe;
      session.dispose();
    }
  });

  test("a provider the sandbox does not use is refused by name, and a disposed session runs nothing", async () => {
    const { session, run } = sessionFor("env-vars/read-key");
    expect(session.providerIds).toEqual(["payments"]);
    await expect(session.world("azure")).rejects.toThrow("this sandbox does not use the azure provider");
    session.dispose();
    await expect(run()).rejects.toThrow("this sandbox session was disposed");
  });
});

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { captureIslandOutput, islandIdsOf } from "../../src/decks/capture-island-output";
import { getExample } from "../../src/examples/load-examples";

// A printed hand-out shows what each live sandbox printed when the build ran it. It must be what the
// page prints: the example run with its own providers (its vault, its AWS account), so the AWS
// slide's hand-out shows the secret read as the instance role, not "Could not load credentials".
it("every deck's live sandbox is captured as the example runs in the sandbox, with its providers", async () => {
  const decks = join(process.cwd(), "content/decks");
  const ids = readdirSync(decks).map((file) => islandIdsOf(readFileSync(join(decks, file), "utf8")));
  const sandboxes = [...new Set(ids.flatMap((i) => i.sandboxes))];
  expect(sandboxes).toContain("aws-secrets-manager/get-secret-value");
  const captured = await captureIslandOutput({ sandboxes, terminals: [] });
  for (const id of sandboxes) {
    const want = getExample(id).manifest.expect;
    const got = captured.sandboxes[id]!;
    expect(got.exitCode, `${id}:\n${got.output}`).toBe(want.exitCode);
    for (const text of want.stdout) expect(got.output, id).toContain(text);
  }
}, 120_000);

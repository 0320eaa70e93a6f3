/**
 * The rotation Run plays on a graded exercise's page (src/grading/sandbox-rotation.ts): the grader's
 * rotation with the values the learner sees. The kits' own solutions survive it on Run and their
 * starting code does not, as on Check.
 */
import { afterAll, describe, expect, test } from "vitest";
import { findExerciseKit } from "../../src/exercises/load-exercise-kits.ts";
import { exerciseRotation, ROTATION_HOST, rotatedShownValue, rotationHandler, SANDBOX_ROTATION_ENTRY, SANDBOX_ROTATION_MODULE } from "../../src/grading/sandbox-rotation.ts";
import { fillPlaceholdersDeep } from "../../src/grading/placeholders.ts";
import { rotationHarness } from "../../src/grading/world.ts";
import { shownPlaceholderValues } from "../../src/grading/scenario.ts";
import { appFileSystem } from "../../src/runtime/app-files.ts";
import { SimulatedNetwork } from "../../src/runtime/index.ts";
import { createNodeRuntime } from "../../src/runtime/node.ts";
import { rotationTargetsOf, sandboxProviderConfigs } from "../../src/providers/registry.ts";
import { loadSandboxFacet } from "../../src/providers/page-facets.ts";
import { sandbox as azureSandbox } from "../../src/providers/azure/sandbox.ts";
import { SandboxSession } from "../../src/sandbox-session/index.ts";
import type { ExerciseScenario } from "../../src/grading/index.ts";
import { CompiledCode } from "../../src/runtime/index.ts";

/** What the build gives an exercise's page: its rotation, with the targets the providers name. */
function rotationOf(scenario: ExerciseScenario) {
  return exerciseRotation(scenario, scenario.rotation ? rotationTargetsOf(scenario, scenario.rotation.secret) : []);
}

/** The providers' page configs for an exercise, with the values the statement shows. */
function providerConfigs(scenario: ExerciseScenario) {
  const shown = shownPlaceholderValues(scenario.secrets, (identity) => `(a token for ${identity})`);
  return sandboxProviderConfigs({ kind: "exercise", scenario, shown });
}

function kit(id: string) {
  const found = findExerciseKit(id);
  if (!found) throw new Error(`no kit ${id}`);
  return found;
}

describe("what Run rotates", () => {
  test("nothing on an exercise without a rotation", () => {
    expect(rotationOf(kit("env-refactor").scenario)).toBeUndefined();
    expect(exerciseRotation(undefined)).toBeUndefined();
  });

  test("a mounted file: rewritten with the shown value, visibly rotated", () => {
    const rotation = rotationOf(kit("mounts-rotation").scenario)!;
    expect(rotation).toMatchObject({ secret: "db_password", value: "P@ssw0rd-demo-only-rotated", atMs: 250, vaultSecrets: [] });
    expect(rotation.rotatedFiles).toEqual({ "/run/secrets/db_password": "P@ssw0rd-demo-only-rotated\n" });
    expect(rotation.message).toBe("[sandbox] db_password rotated (as Check will do at 250 ms): /run/secrets/db_password rewritten\n");
  });

  test("a vault secret and the database's file: named by the vault secret", () => {
    const rotation = rotationOf(kit("akv-survive-rotation").scenario)!;
    expect(rotation.vaultSecrets).toEqual(["payments-kv/DatabasePassword"]);
    expect(rotation.rotatedFiles).toEqual({ "/srv/db/current-password": "P@ssw0rd-demo-only-rotated\n" });
    expect(rotation.message).toBe("[sandbox] DatabasePassword rotated (as Check will do at 3500 ms): a new version in payments-kv; /srv/db/current-password rewritten\n");
  });

  test("a rotated key keeps the shape the payments API accepts", () => {
    const rotation = rotationOf(kit("akv-least-privilege").scenario)!;
    expect(rotation.value).toBe("sk_test_51FakeKeyForSecretsLabOnlyRotated");
    expect(rotation.value).toMatch(/^sk_test_\w+$/);
    expect(rotatedShownValue({ shownValue: "Abc!defgh" })).toBe("Abc!defghRotated");
  });

  test("the vault gets a new version with the rotated value; the other secrets stay", async () => {
    const { scenario } = kit("akv-survive-rotation");
    const world = await azureSandbox.createWorld({ config: providerConfigs(scenario)["azure"] });
    const rotation = rotationOf(scenario)!;
    world.rotate?.(rotation.secret, rotation.rotatedValues);
    const vault = world.engine.snapshot("payments-kv");
    const password = vault.secrets.find((s) => s.name === "DatabasePassword")!;
    expect(password.versions.map((v) => v.value)).toEqual(["P@ssw0rd-demo-only", "P@ssw0rd-demo-only-rotated"]);
    const key = vault.secrets.find((s) => s.name === "StripeApiKey")!;
    expect(key.versions).toHaveLength(1);
  });

  test("the harness is plain JavaScript (its own compiled code) doing what the grader's does", async () => {
    const rotation = rotationOf(kit("mounts-rotation").scenario)!;
    const program = rotation.program({ "/app/main.ts": "x" }, "/app/main.ts");
    expect(program.entry).toBe(SANDBOX_ROTATION_ENTRY);
    expect(program.compiled[SANDBOX_ROTATION_ENTRY]).toBe('require("/sandbox/rotation.js");\nrequire("/app/main.ts");\n');
    expect(program.files["/app/main.ts"]).toBe("x");
    const harness = program.files[SANDBOX_ROTATION_MODULE]!;
    expect(program.compiled[SANDBOX_ROTATION_MODULE]).toBe(harness);
    // The grader's harness shares the timer with it.
    const grader = rotationHarness(rotation.rotatedFiles, 250);
    expect(harness.slice(harness.indexOf("setTimeout"))).toBe(grader.slice(grader.indexOf("setTimeout")));

    const written: Array<[string, string]> = [];
    const fetched: string[] = [];
    let timer: { fn: () => void; ms: number } | undefined;
    const run = new Function("require", "fetch", "setTimeout", harness) as (...args: unknown[]) => void;
    run(
      (name: string) => (name === "node:fs" ? { writeFileSync: (path: string, text: string) => written.push([path, text]) } : undefined),
      (url: string) => (fetched.push(url), Promise.resolve()),
      (fn: () => void, ms: number) => (timer = { fn, ms }),
    );
    expect(timer?.ms).toBe(250);
    expect(written).toEqual([]);
    timer!.fn();
    // On Run the clock alone decides: the file changes, then the stores rotate.
    expect(written).toEqual([["/run/secrets/db_password", "P@ssw0rd-demo-only-rotated\n"]]);
    expect(fetched).toEqual([`http://${ROTATION_HOST}/rotate`]);
  });

  test("the rotation host rotates once per run", async () => {
    let calls = 0;
    const handle = rotationHandler(() => calls++);
    expect((await handle(new Request(`http://${ROTATION_HOST}/ready`))).status).toBe(204);
    expect(calls).toBe(0);
    expect((await handle(new Request(`http://${ROTATION_HOST}/rotate`, { method: "POST" }))).status).toBe(204);
    await handle(new Request(`http://${ROTATION_HOST}/rotate`, { method: "POST" }));
    expect(calls).toBe(1);
  });
});

describe("a Run with the rotation, in the sandbox's runtime", () => {
  const network = new SimulatedNetwork();
  const runtime = createNodeRuntime({ network });
  afterAll(() => runtime.dispose());

  /** Runs `files` of exercise `id` as the page does on Run: shown values, the sandbox session with its providers, the rotation. */
  async function runOnPage(id: string, files: Record<string, string>) {
    const { scenario } = kit(id);
    const shown = shownPlaceholderValues(scenario.secrets, (identity) => `(a token for ${identity})`);
    const compiled = new CompiledCode();
    const session = new SandboxSession({
      runtime,
      network,
      providers: providerConfigs(scenario),
      loadFacet: loadSandboxFacet,
      rotation: async () => ({ rotation: rotationOf(scenario)!, host: ROTATION_HOST, handler: rotationHandler, addCompiled: (path, text) => compiled.add(path, text, text) }),
    });
    let output = "";
    try {
      const result = await session.run(
        { files: appFileSystem(files, fillPlaceholdersDeep(scenario.virtualFiles, shown)), entry: `/app/${scenario.entry}`, env: fillPlaceholdersDeep(scenario.env, shown), timeoutMs: scenario.timeoutMs ?? 10_000 },
        { onOutput: (chunk) => (output += chunk.text), onNotice: (text) => (output += text) },
      );
      // The session's hosts are off the network once the run is over.
      expect(network.hosts()).toEqual([]);
      return { result, output };
    } finally {
      session.dispose();
    }
  }

  test("mounts-rotation: the solution reloads the new password; the starting code fails after the rotation", async () => {
    const good = await runOnPage("mounts-rotation", kit("mounts-rotation").scenario.solutionFiles);
    expect(good.result.exitCode).toBe(0);
    expect(good.output).toContain("[sandbox] db_password rotated (as Check will do at 250 ms)");
    expect(good.output).toContain("reloaded db_password (****ated)");
    expect(good.output).toContain("query 5: ok: select 1");
    expect(good.output.indexOf("[sandbox] db_password rotated")).toBeLessThan(good.output.indexOf("reloaded db_password"));

    const naive = await runOnPage("mounts-rotation", kit("mounts-rotation").scenario.starterFiles);
    expect(naive.result.exitCode).toBe(1);
    // Queries before the rotation succeed (how many depends on the machine's speed: under load only
    // the first may fit in the 250 ms), every one after it fails.
    expect(naive.output).toContain("query 1: ok: select 1");
    expect(naive.output.indexOf('password authentication failed for user "app"')).toBeGreaterThan(naive.output.indexOf("[sandbox] db_password rotated"));
    expect(naive.output).toContain('query 5: password authentication failed for user "app"');
  });

  test("akv-survive-rotation: the solution re-reads the new version; the starting code fails after the rotation", async () => {
    const good = await runOnPage("akv-survive-rotation", kit("akv-survive-rotation").scenario.solutionFiles);
    expect(good.output).toContain("[sandbox] DatabasePassword rotated (as Check will do at 3500 ms)");
    expect(good.output).toContain("the database refused the cached password: re-reading it");
    expect(good.output).toContain("query 5: ok: select 1");
    expect(good.result.exitCode).toBe(0);
    expect(good.output.match(/fetched DatabasePassword version/g)).toHaveLength(2);

    const naive = await runOnPage("akv-survive-rotation", kit("akv-survive-rotation").scenario.starterFiles);
    // Queries before the rotation succeed (how many depends on the machine's speed), the ones after fail.
    expect(naive.output).toContain("query 1: ok: select 1");
    expect(naive.output.indexOf("password authentication failed")).toBeGreaterThan(naive.output.indexOf("[sandbox] DatabasePassword rotated"));
    expect(naive.output).not.toContain("query 5: ok");
    expect(naive.result.exitCode).not.toBe(0);
  });
});

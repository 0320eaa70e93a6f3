/**
 * `npm run grade -- <exercise-id> <folder>`: grades the learner files in <folder>
 * (the same names as the exercise's starting files) in Node, with the engine the
 * site uses. Prints every check; exits 0 when all pass, 1 when any fails, 2 on
 * bad input. `npm run grade -- --list` lists the graded exercises.
 */
import { readFileSync, statSync, existsSync } from "node:fs";
import { join } from "node:path";
import { readTree } from "../src/lib/read-tree.ts";
import { assembleKits, ExerciseKitError } from "../src/exercises/exercise-kits.ts";
import { createDockerSimHost } from "../src/exercises/docker-sim-host.ts";
import { formatReport, gradeExercise } from "../src/grading/index.ts";
import { SimulatedNetwork } from "../src/runtime/index.ts";
import { createNodeRuntime } from "../src/runtime/node.ts";

const KITS = new URL("../content/exercise-kits/", import.meta.url).pathname;

function fail(message: string): never {
  console.error(`grade: ${message}`);
  process.exit(2);
}

const args = process.argv.slice(2);
let kits;
try {
  kits = assembleKits(readTree(KITS));
} catch (error) {
  fail(error instanceof ExerciseKitError ? error.message : String(error));
}

if (args[0] === "--list" || args.length === 0) {
  if (args.length === 0) console.error("usage: npm run grade -- <exercise-id> <folder>   (or --list)\n");
  for (const id of [...kits.keys()].sort()) console.log(id);
  process.exit(args.length === 0 ? 2 : 0);
}

const [id, folder] = args;
const kit = kits.get(id!);
if (!kit) fail(`no graded exercise "${id}". Graded exercises: ${[...kits.keys()].sort().join(", ")}`);
if (!folder) fail(`give the folder with your files: npm run grade -- ${id} <folder>`);
if (!existsSync(folder) || !statSync(folder).isDirectory()) fail(`"${folder}" is not a folder`);

const files: Record<string, string> = {};
const missing: string[] = [];
for (const name of Object.keys(kit.scenario.starterFiles)) {
  const path = join(folder, name);
  if (existsSync(path)) files[name] = readFileSync(path, "utf8");
  else missing.push(name);
}
if (missing.length > 0) fail(`${folder} is missing ${missing.join(", ")} (the exercise's files are: ${Object.keys(kit.scenario.starterFiles).join(", ")})`);

const network = new SimulatedNetwork();
const runtime = createNodeRuntime({ network });
try {
  const report = await gradeExercise(kit.scenario, files, { runtime, network, createDockerHost: createDockerSimHost });
  console.log(formatReport(report));
  process.exitCode = report.passed ? 0 : 1;
} finally {
  runtime.dispose();
}

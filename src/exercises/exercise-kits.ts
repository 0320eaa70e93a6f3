/**
 * An exercise kit is the graded half of an exercise, as files in
 * `content/exercise-kits/<exercise-id>/`:
 *
 *   scenario.json            the scenario (src/schemas/exercise-scenario.ts) without its files
 *   start/...                the learner's starting files (relative to /app)
 *   solution/...             a passing solution
 *   wrong/<case>/...         wrong solutions, each with wrong/<case>/expect.json:
 *                              { "why": "what is wrong", "failing": ["check-id", ...], "message": "text a failing check shows" }
 *
 * Plain TypeScript over a path -> text map, so the site (Vite's import.meta.glob)
 * and `npm run grade` (the file system) assemble kits the same way.
 */
import { parseExerciseScenario } from "../grading/index.ts";
import type { ExerciseScenario } from "../schemas/exercise-scenario.ts";

export interface WrongSolution {
  name: string;
  files: Record<string, string>;
  why: string;
  /** Ids of checks that must fail (others may fail too). */
  failing: string[];
  /** Text that must appear in a failing check's expected/actual/leak report. */
  message?: string;
}

export interface ExerciseKit {
  id: string;
  scenario: ExerciseScenario;
  wrong: WrongSolution[];
}

export class ExerciseKitError extends Error {
  override name = "ExerciseKitError";
}

/** Builds every kit from `{ "<id>/scenario.json": text, "<id>/start/main.ts": text, ... }`. */
export function assembleKits(files: Record<string, string>): Map<string, ExerciseKit> {
  const byId = new Map<string, Record<string, string>>();
  for (const [path, text] of Object.entries(files)) {
    const slash = path.indexOf("/");
    if (slash < 0) throw new ExerciseKitError(`content/exercise-kits/${path}: kit files live in content/exercise-kits/<exercise-id>/`);
    const id = path.slice(0, slash);
    const entry = byId.get(id) ?? {};
    entry[path.slice(slash + 1)] = text;
    byId.set(id, entry);
  }
  const kits = new Map<string, ExerciseKit>();
  for (const [id, kitFiles] of byId) kits.set(id, assembleKit(id, kitFiles));
  return kits;
}

function readJson(file: string, text: string | undefined): unknown {
  if (text === undefined) throw new ExerciseKitError(`${file} is missing`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ExerciseKitError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function folder(files: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) if (path.startsWith(prefix)) out[path.slice(prefix.length)] = text;
  return out;
}

function assembleKit(id: string, files: Record<string, string>): ExerciseKit {
  const base = `content/exercise-kits/${id}`;
  const raw = readJson(`${base}/scenario.json`, files["scenario.json"]);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ExerciseKitError(`${base}/scenario.json must hold one JSON object`);
  const starterFiles = folder(files, "start/");
  const solutionFiles = folder(files, "solution/");
  if (Object.keys(starterFiles).length === 0) throw new ExerciseKitError(`${base}/start/ has no files: the learner needs something to start from`);
  if (Object.keys(solutionFiles).length === 0) throw new ExerciseKitError(`${base}/solution/ has no files`);
  let scenario: ExerciseScenario;
  try {
    scenario = parseExerciseScenario({ ...raw, starterFiles, solutionFiles });
  } catch (error) {
    const problems = (error as { problems?: string[] }).problems;
    throw new ExerciseKitError(`${base}/scenario.json does not match the scenario schema:\n${(problems ?? [(error as Error).message]).map((p) => `  - ${p}`).join("\n")}`);
  }
  const caseNames = [...new Set(Object.keys(files).filter((p) => p.startsWith("wrong/")).map((p) => p.split("/")[1]!))].sort();
  // A variant's checks are reported as "<variant id>/<check id>".
  const checkIds = new Set([...scenario.checks.map((c) => c.id), ...scenario.variants.flatMap((v) => v.checks.map((c, i) => `${v.id}/${c.id ?? `${c.kind}-${i + 1}`}`))]);
  const wrong = caseNames.map((name): WrongSolution => {
    const expectFile = `${base}/wrong/${name}/expect.json`;
    const expect = readJson(expectFile, files[`wrong/${name}/expect.json`]) as Partial<WrongSolution>;
    if (typeof expect.why !== "string" || !Array.isArray(expect.failing) || expect.failing.length === 0) {
      throw new ExerciseKitError(`${expectFile} needs "why" (text) and "failing" (a non-empty list of check ids)`);
    }
    for (const check of expect.failing) if (!checkIds.has(check)) throw new ExerciseKitError(`${expectFile}: "${check}" is not a check id in scenario.json (${[...checkIds].join(", ")})`);
    const caseFiles = folder(files, `wrong/${name}/`);
    delete caseFiles["expect.json"];
    return { name, files: { ...starterFiles, ...caseFiles }, why: expect.why, failing: expect.failing, ...(expect.message ? { message: expect.message } : {}) };
  });
  return { id, scenario, wrong };
}

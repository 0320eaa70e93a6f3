import { assembleKits, type ExerciseKit } from "./exercise-kits.ts";
import { contentDir, readTree } from "../lib/read-tree.ts";

let kits: Map<string, ExerciseKit> | undefined;

function load(): Map<string, ExerciseKit> {
  return assembleKits(readTree(contentDir("exercise-kits")));
}

export function allExerciseKits(): ExerciseKit[] {
  kits ??= load();
  return [...kits.values()];
}

export function findExerciseKit(id: string): ExerciseKit | undefined {
  kits ??= load();
  return kits.get(id);
}

import { assembleKits, type ExerciseKit } from "./exercise-kits.ts";

// Vite inlines every kit file at build time; dotfiles (.env, .npmrc) need their own pattern.
const raw = import.meta.glob<string>(["/content/exercise-kits/**/*", "/content/exercise-kits/**/.*"], { query: "?raw", import: "default", eager: true });

let kits: Map<string, ExerciseKit> | undefined;

function load(): Map<string, ExerciseKit> {
  const files: Record<string, string> = {};
  for (const [path, text] of Object.entries(raw)) files[path.replace(/^\/content\/exercise-kits\//, "")] = text;
  return assembleKits(files);
}

export function allExerciseKits(): ExerciseKit[] {
  kits ??= load();
  return [...kits.values()];
}

export function findExerciseKit(id: string): ExerciseKit | undefined {
  kits ??= load();
  return kits.get(id);
}

import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Every file below `dir` as `relative/path -> UTF-8 text`, dotfiles included
 * (`.env`, `.npmrc` are part of examples and kits). Build-time and Node only:
 * Vite's import.meta.glob drops dotfiles in Astro builds.
 */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full).split("\\").join("/")] = readFileSync(full, "utf8");
    }
  };
  walk(dir);
  return out;
}

/** A folder of the project's top-level `content/`, from the directory the build or test runs in. */
export function contentDir(name: string): string {
  return join(process.cwd(), "content", name);
}

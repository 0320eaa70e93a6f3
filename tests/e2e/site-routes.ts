import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export const DIST = new URL("../../dist/", import.meta.url).pathname;

/** Every page the build wrote, as the URL path a visitor uses. */
export function builtRoutes(): string[] {
  const routes: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== "_astro" && name !== "pagefind") walk(full);
      } else if (name.endsWith(".html")) {
        const rel = relative(DIST, full).replace(/\\/g, "/");
        routes.push("/" + rel.replace(/index\.html$/, "").replace(/\.html$/, ""));
      }
    }
  };
  walk(DIST);
  return routes.sort();
}

/** Pages that carry interactive islands and may ship JavaScript. */
// The course map carries the progress panel (a few KB of script).
export const ROUTES_WITH_JS = [/^\/$/, /^\/examples\/$/, /^\/decks\//, /^\/search\/$/, /^\/playground\/$/, /^\/terminal\/$/];

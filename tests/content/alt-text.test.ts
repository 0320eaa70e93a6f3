import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.(md|mdx)$/.test(name) ? [full] : [];
  });
}

// Lessons and exercises render through Astro's Markdown, which accepts an image
// with no alt text; this check is what makes alt text required there.
describe("every image in the content has alt text", () => {
  const found = files(join(ROOT, "content"));
  it("finds content to check", () => expect(found.length).toBeGreaterThan(3));
  for (const file of found) {
    it(relative(ROOT, file), () => {
      const text = readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
      expect(text.match(/!\[\s*\]\(/g) ?? [], "Markdown image with empty alt text").toEqual([]);
      const imgs = text.match(/<img\b[^>]*>/g) ?? [];
      expect(imgs.filter((tag) => !/\balt=["'][^"']+["']/.test(tag)), "<img> without alt").toEqual([]);
    });
  }
});

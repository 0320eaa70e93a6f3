import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;
const FIXTURE = join(ROOT, "tests/fixtures/broken-content");

/**
 * Builds the real site code against a content tree with one broken file, in a
 * scratch copy so the project's own .astro cache and dist are untouched.
 */
function buildWith(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "secrets-lab-schema-"));
  try {
    for (const entry of ["src", "scripts", "public", "astro.config.mjs", "tsconfig.json", "package.json"]) {
      cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
    }
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
    cpSync(FIXTURE, join(dir, "content"), { recursive: true });
    // Examples, terminal scenarios and kits are code, not the subject here: pages that embed them need them.
    for (const code of ["examples", "terminals", "exercise-kits"]) cpSync(join(ROOT, "content", code), join(dir, "content", code), { recursive: true });
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, "content", path, ".."), { recursive: true });
      writeFileSync(join(dir, "content", path), text);
    }
    // process.execPath is the Node 22 that runs vitest; astro needs it.
    const run = spawnSync(process.execPath, [join(ROOT, "node_modules/astro/bin/astro.mjs"), "build"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
      timeout: 120_000,
    });
    return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("content schemas fail the build with the file and the field", () => {
  it("builds the valid fixture", () => {
    const { status, output } = buildWith({});
    expect(output).toContain("Complete!");
    expect(status).toBe(0);
  }, 120_000);

  it("names a missing title and a source URL that is not https", () => {
    const { status, output } = buildWith({
      "lessons/broken.mdx": [
        "---",
        "topic: why-secrets",
        "order: 2",
        "summary: A lesson with two mistakes in its frontmatter.",
        "objectives: [Notice the error]",
        "duration: 5",
        "sources:",
        "  - title: Not a secure link",
        "    url: http://example.com/docs",
        "---",
        "Body.",
      ].join("\n"),
    });
    expect(status).not.toBe(0);
    expect(output).toMatch(/broken/);
    expect(output).toMatch(/title/);
    expect(output).toMatch(/sources\.0\.url/);
  }, 120_000);

  it("names a topic that is not on the curriculum", () => {
    const { status, output } = buildWith({
      "exercises/typo.md": [
        "---",
        "title: Topic typo",
        "topic: env-var",
        "lesson: fixture-lesson",
        "order: 2",
        "difficulty: starter",
        "duration: 5",
        "hints: [one hint here, two hints here]",
        "solution: The topic id must match the curriculum.",
        "---",
        "Body.",
      ].join("\n"),
    });
    expect(status).not.toBe(0);
    expect(output).toMatch(/typo/);
    expect(output).toMatch(/topic/);
  }, 120_000);

  it("names the deck file and slide whose speaker notes are missing", () => {
    const { status, output } = buildWith({
      "decks/fixture-deck.md": [
        "---",
        "title: Fixture deck",
        "topic: why-secrets",
        "lesson: fixture-lesson",
        "duration: 5",
        "---",
        "# One",
        "Note: fine",
        "---",
        "## Two, without notes",
      ].join("\n"),
    });
    expect(status).not.toBe(0);
    expect(output).toContain("fixture-deck.md, slide 2: the slide has no speaker notes");
  }, 120_000);
});

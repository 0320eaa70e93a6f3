import { appFileSystem } from "../runtime/app-files.ts";
import { ExampleManifestSchema, type ExampleManifest } from "../schemas/example.ts";

/** A runnable example as the sandbox and the tests receive it. */
export interface Example {
  /** `<topic>/<name>`, the folder under content/examples. */
  id: string;
  manifest: ExampleManifest;
  /** The learner's files, by name relative to /app (e.g. `main.ts`, `.env`). */
  sources: Record<string, string>;
}

export class ExampleError extends Error {
  override name = "ExampleError";
}

import { contentDir, readTree } from "../lib/read-tree.ts";

let cache: Map<string, Example> | undefined;

function loadAll(): Map<string, Example> {
  const byId = new Map<string, { manifest?: string; sources: Record<string, string> }>();
  for (const [path, text] of Object.entries(readTree(contentDir("examples")))) {
    const m = /^([^/]+\/[^/]+)\/(.+)$/.exec(path);
    if (!m) throw new ExampleError(`content/examples/${path}: examples live two folders deep, content/examples/<topic>/<name>/`);
    const [, id, name] = m as unknown as [string, string, string];
    const entry = byId.get(id) ?? { sources: {} };
    if (name === "example.json") entry.manifest = text;
    else entry.sources[name] = text;
    byId.set(id, entry);
  }
  const examples = new Map<string, Example>();
  for (const [id, { manifest, sources }] of byId) {
    const file = `content/examples/${id}/example.json`;
    if (manifest === undefined) throw new ExampleError(`${file} is missing: every example folder needs one`);
    let json: unknown;
    try {
      json = JSON.parse(manifest);
    } catch (err) {
      throw new ExampleError(`${file} is not valid JSON: ${(err as Error).message}`);
    }
    const parsed = ExampleManifestSchema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "(root)"}: ${i.message}`);
      throw new ExampleError(`${file} does not match the example schema:\n${problems.join("\n")}`);
    }
    if (!(parsed.data.entry in sources)) throw new ExampleError(`${file}: entry "${parsed.data.entry}" is not a file in content/examples/${id}/`);
    examples.set(id, { id, manifest: parsed.data, sources });
  }
  return examples;
}

export function allExamples(): Example[] {
  cache ??= loadAll();
  return [...cache.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export function getExample(id: string): Example {
  cache ??= loadAll();
  const example = cache.get(id);
  if (!example) throw new ExampleError(`no example "${id}" in content/examples; known: ${[...cache.keys()].join(", ") || "(none)"}`);
  return example;
}

/** The whole in-memory file system for a run: sources under /app plus seeded files. */
export function exampleFiles(example: Example): Record<string, string> {
  return appFileSystem(example.sources, example.manifest.files);
}

import { strToU8, zipSync } from "fflate";

/**
 * An exercise's files as a zip a learner unpacks into an IDE: `<id>/<file>` for each file, and a
 * README that names the environment the sandbox sets and how to grade the folder with the site's engine.
 */
export function zipExerciseFiles(id: string, files: Record<string, string>, env: Record<string, string>): Uint8Array {
  const envLines = Object.keys(env).map((name) => "- `" + name + "`");
  const readme = [
    `# ${id}`,
    "",
    "Your files for this Secrets Lab exercise, as they were in the browser.",
    "",
    ...(envLines.length ? ["The sandbox sets these environment variables (the statement shows fake values):", "", ...envLines, ""] : []),
    "Grade them from a checkout of Secrets Lab, with the same checks the site runs:",
    "",
    "```sh",
    `npm run grade -- ${id} path/to/${id}`,
    "```",
    "",
  ].join("\n");
  const entries: Record<string, Uint8Array> = { [`${id}/README.md`]: strToU8(readme) };
  for (const [name, text] of Object.entries(files)) entries[`${id}/${name}`] = strToU8(text);
  return zipSync(entries, { level: 6 });
}

import { readFileSync } from "node:fs";

/**
 * A Docker secret: the file /run/secrets/<name>, or the path in <NAME>_FILE when the service
 * mounts it elsewhere (the convention of the official mysql and postgres images).
 */
export function readDockerSecret(name: string): string {
  const path = process.env[`${name.toUpperCase()}_FILE`] ?? `/run/secrets/${name}`;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(`secret "${name}" not found at ${path}: grant it to the service (--secret ${name})`);
    }
    throw error;
  }
  const value = text.replace(/\r?\n$/, ""); // `echo` adds a newline, `printf` does not
  if (value === "") throw new Error(`secret "${name}" at ${path} is empty`);
  return value;
}

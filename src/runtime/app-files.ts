/**
 * A run's file system as the sandboxes build it: the files the sandbox seeds outside /app
 * (`/run/secrets/db_password`, `/etc/...`) as given, then the learner's sources under /app, by name.
 * One helper for the page (live panel values) and for Node (an example's manifest), so the two agree.
 */
export function appFileSystem(sources: Record<string, string>, outside: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, string> = { ...outside };
  for (const [name, text] of Object.entries(sources)) files[`/app/${name}`] = text;
  return files;
}

/**
 * JSON as the docker CLI prints it: 4-space indent, and Go's HTML-safe escaping of <, > and &
 * (so `echo a > b` in a Cmd shows as `\u003e`).
 */
export function goJson(value: unknown, indent = 4): string {
  const text = indent ? JSON.stringify(value, null, indent) : JSON.stringify(value);
  return text.replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

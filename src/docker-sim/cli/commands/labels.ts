/** `--label k=v` (or `k` alone, an empty value) as the map docker/cli sends. */
export function labelsFrom(values: readonly string[]): Record<string, string> {
  return Object.fromEntries(values.map((l) => [l.split("=")[0]!, l.split("=").slice(1).join("=")]));
}

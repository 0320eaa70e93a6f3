/**
 * `--label k=v` (or `k` alone, an empty value) as the map docker/cli sends; keys in sorted order,
 * because Go marshals a map's keys sorted (inspect JSON, `{{json .Spec.Labels}}`).
 */
export function labelsFrom(values: readonly string[]): Record<string, string> {
  const pairs = values.map((l) => [l.split("=")[0]!, l.split("=").slice(1).join("=")] as [string, string]);
  return Object.fromEntries(pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Docker's tables come from Go's tabwriter with minwidth 10, padding 3: every column but the last
 * is as wide as its widest cell plus three spaces, and never narrower than ten.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [headers, ...rows];
  const widths = headers.map((_, col) => Math.max(10, ...all.map((r) => [...(r[col] ?? "")].length + 3)));
  return all
    .map((r) => r.map((cell, col) => (col === r.length - 1 ? cell : cell + " ".repeat(widths[col]! - [...cell].length))).join(""))
    .map((line) => `${line}\n`)
    .join("");
}

/** go-units Ellipsis: cut to `max` display characters, the last one an ellipsis. */
export function ellipsis(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * Go's tabwriter as docker/cli configures it (minwidth 10, tabwidth 1, padding 3): cells are the
 * tab-separated parts of each line; every column but a line's last is padded to its widest cell + 3.
 */
export function tabwriter(text: string): string {
  const lines = text.replace(/\n$/, "").split("\n").map((l) => l.split("\t"));
  const widths: number[] = [];
  for (const cells of lines) cells.slice(0, -1).forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 10, [...c].length + 3)));
  return lines.map((cells) => cells.map((c, i) => (i === cells.length - 1 ? c : c + " ".repeat(widths[i]! - [...c].length))).join("")).map((l) => `${l}\n`).join("");
}

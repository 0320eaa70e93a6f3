/** go-units HumanSizeWithPrecision(size, 3): decimal units, `%.3g`, as docker prints sizes. */
export function humanSize(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < units.length - 1) {
    size /= 1000;
    i++;
  }
  const text = Number(size.toPrecision(3)).toString();
  return `${text}${units[i]}`;
}

/** Human sizes for the command line: `10MB`, `200M`, `1GB`, `1.5GiB`, `4096`. Units are binary. */

const UNITS: Record<string, number> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/** Parses a size; K, M, G, T are powers of 1024 with or without `B`/`iB` (so 1GB = 1 GiB). */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(text);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) {
    throw new Error(
      `size: expected a number with an optional unit (10MB, 1GB), received "${text}"`,
    );
  }
  const bytes = Math.round(Number(m[1]) * unit);
  if (bytes < 1) throw new Error(`size: expected at least 1 byte, received "${text}"`);
  return bytes;
}

/** The shortest exact label (`1GB`, `200MB`, `1536KB`), or bytes; used in cache directory names. */
export function sizeLabel(bytes: number): string {
  for (const [unit, label] of [
    [2 ** 40, 'TB'],
    [2 ** 30, 'GB'],
    [2 ** 20, 'MB'],
    [2 ** 10, 'KB'],
  ] as const) {
    if (bytes % unit === 0) return `${bytes / unit}${label}`;
  }
  return `${bytes}B`;
}

/** `1.00 GiB`, `10.0 MiB`: for reports. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return i === 0 ? `${bytes} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${units[i]}`;
}

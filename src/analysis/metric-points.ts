/** Small statistics over metric samples, and the capped points a chart draws. */

/** Every sample up to this many; beyond it, the lowest and highest of each of half as many bins. */
export const MAX_CHART_POINTS = 2000;

export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function quantile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** The usual spacing of the samples (a query_range step), or null for one sample. */
export function stepOf(t: readonly number[]): number | null {
  const d: number[] = [];
  for (let i = 1; i < t.length; i++) d.push(t[i]! - t[i - 1]!);
  return d.length > 0 ? median(d) : null;
}

/** Lowest and highest sample of each bin, in time order: the shape survives, the size is capped. */
export function downsample(
  t: readonly number[],
  v: readonly (number | null)[],
  max = MAX_CHART_POINTS,
): { t: number[]; v: (number | null)[] } {
  if (t.length <= max) return { t: [...t], v: [...v] };
  const bins = Math.max(1, Math.floor(max / 2));
  const size = t.length / bins;
  const out = { t: [] as number[], v: [] as (number | null)[] };
  for (let b = 0; b < bins; b++) {
    const lo = Math.floor(b * size);
    const hi = Math.min(t.length, Math.floor((b + 1) * size));
    let iMin = -1;
    let iMax = -1;
    for (let i = lo; i < hi; i++) {
      const x = v[i];
      if (x === null || x === undefined) continue;
      if (iMin < 0 || x < v[iMin]!) iMin = i;
      if (iMax < 0 || x > v[iMax]!) iMax = i;
    }
    // A bin of gaps stays a gap, so the chart breaks its line there.
    const keep = iMin < 0 ? [lo] : [...new Set([iMin, iMax])].sort((a, b) => a - b);
    for (const i of keep) {
      out.t.push(t[i]!);
      out.v.push(iMin < 0 ? null : v[i]!);
    }
  }
  return out;
}

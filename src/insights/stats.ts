/** Median and p90 over durations: the robust figures an incident archive is summarised by (means lie with one outlier). */
import type { Spread } from './types.js';

/** The middle value, or the mean of the two middle values; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The nearest-rank percentile: always a value that occurred, so "p90 MTTR 4h" names a real
 * incident's duration rather than an interpolation between two.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1]!;
}

export function spread(values: readonly number[]): Spread {
  return { count: values.length, medianMs: median(values), p90Ms: percentile(values, 90) };
}

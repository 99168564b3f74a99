/**
 * Upward CUSUM over standardised residuals: finds where a signal left its baseline, even when it
 * creeps rather than jumps. The change starts where the cumulative sum last left zero before it
 * crossed the threshold, which dates a slow creep from its beginning rather than from the moment
 * a threshold was crossed.
 */

export interface Baseline {
  mean: number;
  /** Robust spread, already floored to the signal's resolution. */
  sigma: number;
}

export interface ChangePoint {
  /** Index where the change began. */
  start: number;
  /** Index where the sum crossed the threshold. */
  alarm: number;
  /** Index of the largest value after the start, until the signal returned to baseline. */
  peak: number;
  /** First index from which the signal stays back at baseline; undefined if it never does. */
  end?: number;
  /** Largest standardised residual seen in the episode. */
  maxZ: number;
}

export interface CusumOptions {
  /** Slack per step, in sigmas. */
  k?: number;
  /** Threshold, in sigmas. */
  h?: number;
  /** Consecutive points at baseline needed to call it over. */
  settle?: number;
}

/** Median and scaled MAD of the finite values, the spread floored at `minSigma`. */
export function robustBaseline(
  values: readonly (number | null)[],
  minSigma: number,
): Baseline | undefined {
  const xs = values
    .filter((v): v is number => v !== null && Number.isFinite(v))
    .sort((a, b) => a - b);
  if (xs.length === 0) return undefined;
  const mean = median(xs);
  const dev = xs.map((x) => Math.abs(x - mean)).sort((a, b) => a - b);
  return { mean, sigma: Math.max(1.4826 * median(dev), minSigma) };
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The first upward change in `values` (nulls are gaps and skipped), from index `from`. */
export function firstUpwardChange(
  values: readonly (number | null)[],
  base: Baseline,
  from = 0,
  options: CusumOptions = {},
): ChangePoint | undefined {
  const k = options.k ?? 0.5;
  const h = options.h ?? 4;
  const settle = options.settle ?? 3;
  let s = 0;
  let runStart = -1;
  for (let i = from; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    const z = (v - base.mean) / base.sigma;
    const next = Math.max(0, s + z - k);
    if (s === 0 && next > 0) runStart = i;
    s = next;
    if (s > h) return episode(values, base, runStart, i, settle);
  }
  return undefined;
}

function episode(
  values: readonly (number | null)[],
  base: Baseline,
  start: number,
  alarm: number,
  settle: number,
): ChangePoint {
  // Back at baseline: within two sigmas for `settle` consecutive points that have data.
  const limit = base.mean + 2 * base.sigma;
  let peak = alarm;
  let peakValue = values[alarm] ?? -Infinity;
  let calm = 0;
  let calmStart = -1;
  for (let i = start; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (i >= alarm && v <= limit) {
      if (calm === 0) calmStart = i;
      if (++calm >= settle) break;
      continue;
    }
    calm = 0;
    if (v > peakValue) {
      peakValue = v;
      peak = i;
    }
  }
  const cp: ChangePoint = {
    start,
    alarm,
    peak,
    maxZ: (peakValue - base.mean) / base.sigma,
  };
  if (calm >= settle || (calm > 0 && calmStart >= 0 && lastIndex(values) < calmStart + settle))
    cp.end = calmStart;
  return cp;
}

function lastIndex(values: readonly (number | null)[]): number {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return i;
  return -1;
}

/**
 * Episodes of a signal above its baseline, found with CUSUM statistics. An upward CUSUM raises
 * the alarm; the change starts where that sum last left zero, which dates a slow creep from its
 * beginning rather than from the moment a threshold was crossed. A downward CUSUM (evidence that
 * values are back near the baseline) ends the episode, so a signal that keeps creeping never
 * "recovers" just because it is still below a fixed threshold.
 */

export interface Baseline {
  mean: number;
  /** Robust spread, already floored to the signal's resolution. */
  sigma: number;
}

export interface ChangePoint {
  /** Index where the change began. */
  start: number;
  /** Index where the upward sum crossed the threshold. */
  alarm: number;
  /** Index of the largest value in the episode. */
  peak: number;
  /** First index of the calm run that ended the episode; undefined if it never ended. */
  end?: number;
  /** Largest standardised residual in the episode. */
  maxZ: number;
  /** Sum of the positive standardised residuals over the episode: its size. */
  area: number;
}

export interface CusumOptions {
  /** Slack per step of the upward sum, in sigmas. */
  k?: number;
  /** Threshold of the upward sum, in sigmas. */
  h?: number;
  /** Threshold of the downward sum that ends an episode. */
  hDown?: number;
  /** Spread at one point when it is wider than the baseline's (e.g. a ratio over few requests). */
  sigmaAt?: (i: number) => number;
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

/** Every episode above the baseline, in order (nulls are gaps and skipped). */
export function upwardEpisodes(
  values: readonly (number | null)[],
  base: Baseline,
  options: CusumOptions = {},
): ChangePoint[] {
  const out: ChangePoint[] = [];
  let from = 0;
  while (from < values.length) {
    const cp = nextEpisode(values, base, from, options);
    if (!cp) break;
    out.push(cp);
    if (cp.end === undefined) break;
    from = cp.end;
  }
  return out;
}

/** The first upward change at or after `from`. */
export function firstUpwardChange(
  values: readonly (number | null)[],
  base: Baseline,
  from = 0,
  options: CusumOptions = {},
): ChangePoint | undefined {
  return nextEpisode(values, base, from, options);
}

function nextEpisode(
  values: readonly (number | null)[],
  base: Baseline,
  from: number,
  options: CusumOptions,
): ChangePoint | undefined {
  const k = options.k ?? 0.5;
  const h = options.h ?? 4;
  const z = (i: number, v: number): number =>
    (v - base.mean) / Math.max(base.sigma, options.sigmaAt?.(i) ?? 0);
  let s = 0;
  let runStart = -1;
  for (let i = from; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    const next = Math.max(0, s + z(i, v) - k);
    if (s === 0 && next > 0) runStart = i;
    s = next;
    if (s > h)
      return episodeFrom(
        values,
        sustainedFrom(values, runStart, i, z, k),
        i,
        z,
        options.hDown ?? 3,
      );
  }
  return undefined;
}

/**
 * Where the run that raised the alarm really began: the first point of the last unbroken stretch
 * above the slack before the alarm. Noise just above the baseline can keep the sum from reaching
 * zero for a while before a real change; it should not date the change.
 */
function sustainedFrom(
  values: readonly (number | null)[],
  runStart: number,
  alarm: number,
  z: (i: number, v: number) => number,
  k: number,
): number {
  let start = alarm;
  for (let i = alarm; i >= runStart; i--) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (z(i, v) <= k) break;
    start = i;
  }
  return start;
}

/**
 * From the alarm on: the downward sum grows by (1 − z) − ½ per point — about ½ per point at the
 * baseline, nothing once values sit a half sigma above it — and the episode ends where that sum
 * last left zero before crossing `hDown`.
 */
function episodeFrom(
  values: readonly (number | null)[],
  start: number,
  alarm: number,
  z: (i: number, v: number) => number,
  hDown: number,
): ChangePoint {
  let d = 0;
  let calmStart = -1;
  let end: number | undefined;
  for (let i = alarm + 1; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    const next = Math.max(0, d + (1 - z(i, v)) - 0.5);
    if (d === 0 && next > 0) calmStart = i;
    d = next;
    if (d > hDown) {
      end = calmStart;
      break;
    }
  }
  let peak = start;
  let peakValue = -Infinity;
  let maxZ = -Infinity;
  let area = 0;
  const last = end ?? values.length;
  for (let i = start; i < last; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    const zi = z(i, v);
    if (v > peakValue) {
      peakValue = v;
      peak = i;
    }
    if (zi > maxZ) maxZ = zi;
    if (zi > 0) area += zi;
  }
  const cp: ChangePoint = { start, alarm, peak, maxZ, area };
  if (end !== undefined) cp.end = end;
  return cp;
}

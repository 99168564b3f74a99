/**
 * The robust "smallest shift" estimate: each matched pair allows a closed interval of offsets
 * [lo, hi]; we look for the offset nearest a target (0: no skew) that (almost) all pairs allow.
 */

export interface IntervalFit {
  /** The consistent offset nearest the target, or the most consistent one when none is. */
  offset: number;
  /** Pairs that do not allow `offset`. */
  violations: number;
  /** Hull of the offsets allowed by all but the tolerated pairs, when there are any. */
  range?: [number, number];
}

/** Sorted copies, so counts below are two binary searches. */
export interface Bounds {
  lo: Float64Array;
  hi: Float64Array;
}

export function sortedBounds(lo: readonly number[], hi: readonly number[]): Bounds {
  return { lo: Float64Array.from(lo).sort(), hi: Float64Array.from(hi).sort() };
}

/** First index whose value is >= x (or > x when `strict`). */
function search(a: Float64Array, x: number, strict: boolean): number {
  let l = 0;
  let r = a.length;
  while (l < r) {
    const m = (l + r) >>> 1;
    const v = a[m]!;
    if (strict ? v <= x : v < x) l = m + 1;
    else r = m;
  }
  return l;
}

/** Pairs whose interval does not contain x: lo > x or hi < x. */
export function violationsAt(b: Bounds, x: number): number {
  return b.lo.length - search(b.lo, x, true) + search(b.hi, x, false);
}

/**
 * The offset nearest `target` that at most `tolerated` pairs reject. The answer is the target
 * itself or a breakpoint: a consistent region starts at some lo and ends at some hi.
 */
export function nearestConsistent(b: Bounds, target: number, tolerated: number): IntervalFit {
  const atTarget = violationsAt(b, target);
  let best = target;
  let bestV = atTarget;
  let min = Infinity;
  let max = -Infinity;
  if (atTarget <= tolerated) {
    min = max = target;
  }
  for (const arr of [b.lo, b.hi]) {
    for (const c of arr) {
      if (!Number.isFinite(c)) continue;
      const v = violationsAt(b, c);
      if (v <= tolerated) {
        if (c < min) min = c;
        if (c > max) max = c;
      }
      if (atTarget <= tolerated) continue;
      const better =
        bestV > tolerated
          ? v < bestV || (v === bestV && Math.abs(c - target) < Math.abs(best - target))
          : v <= tolerated && Math.abs(c - target) < Math.abs(best - target);
      if (better) {
        best = c;
        bestV = v;
      }
    }
  }
  const fit: IntervalFit = { offset: best, violations: bestV };
  if (min <= max) fit.range = [min, max];
  return fit;
}

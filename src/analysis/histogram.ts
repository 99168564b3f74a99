/** A small mergeable latency histogram: log-spaced bins (2% wide), sparse, for p50/p95/p99 per bucket. */

const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
// Bin 0 holds values ≤ 1 µs; positive bins are ceil(log_g(v / 1 µs)).
const FLOOR_MS = 0.001;

function binOf(ms: number): number {
  if (!(ms > FLOOR_MS)) return 0;
  return Math.ceil(Math.log(ms / FLOOR_MS) / LOG_GROWTH);
}

/** Upper edge of a bin: the value a quantile reports (at most 2% above the true one). */
function binValue(bin: number): number {
  return bin === 0 ? 0 : FLOOR_MS * Math.pow(GROWTH, bin);
}

export class LatencyHistogram {
  private readonly bins = new Map<number, number>();
  count = 0;
  max = 0;

  add(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    const b = binOf(ms);
    this.bins.set(b, (this.bins.get(b) ?? 0) + 1);
    this.count++;
    if (ms > this.max) this.max = ms;
  }

  merge(other: LatencyHistogram): void {
    for (const [b, n] of other.bins) this.bins.set(b, (this.bins.get(b) ?? 0) + n);
    this.count += other.count;
    if (other.max > this.max) this.max = other.max;
  }

  /** The q-quantile (0..1) in ms, within 2%; undefined when empty. */
  quantile(q: number): number | undefined {
    if (this.count === 0) return undefined;
    const rank = Math.max(1, Math.ceil(q * this.count));
    const keys = [...this.bins.keys()].sort((a, b) => a - b);
    let seen = 0;
    for (const k of keys) {
      seen += this.bins.get(k)!;
      if (seen >= rank) return Math.min(binValue(k), this.max);
    }
    return this.max;
  }
}

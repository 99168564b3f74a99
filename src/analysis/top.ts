/**
 * Top values with bounded memory (a Space-Saving variant that prunes in batches): client IPs,
 * paths, statuses, user agents. Counts are exact until values outnumber twice the capacity.
 */

export interface TopEntry {
  value: string;
  count: number;
  /** Upper bound of the overcount for values that entered after eviction. */
  error: number;
}

export class TopK {
  private readonly counts = new Map<string, { count: number; error: number }>();
  total = 0;

  constructor(private readonly capacity = 1000) {}

  add(value: string): void {
    this.total++;
    const c = this.counts.get(value);
    if (c) {
      c.count++;
      return;
    }
    this.counts.set(value, { count: 1 + this.floor, error: this.floor });
    if (this.counts.size >= 2 * this.capacity) this.prune();
  }

  // Values pruned so far had at most this many; a newcomer may have been one of them.
  private floor = 0;

  /** Keeps the `capacity` largest; amortised, so a stream of distinct values stays cheap. */
  private prune(): void {
    const sorted = [...this.counts].sort((a, b) => b[1].count - a[1].count);
    this.counts.clear();
    for (const [k, v] of sorted.slice(0, this.capacity)) this.counts.set(k, v);
    this.floor = Math.max(this.floor, sorted[this.capacity]?.[1].count ?? 0);
  }

  top(n: number): TopEntry[] {
    return [...this.counts]
      .map(([value, c]) => ({ value, count: c.count, error: c.error }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
      .slice(0, n);
  }
}

/** Ids and numbers in a URL path become `:id`, so `/api/orders/42268` counts with its siblings. */
export function routeOf(path: string): string {
  const q = path.indexOf('?');
  const bare = q >= 0 ? path.slice(0, q) : path;
  return bare
    .split('/')
    .map((seg) => (/^(\d+|[0-9a-f]{8,}|[0-9a-f-]{36})$/i.test(seg) ? ':id' : seg))
    .join('/');
}

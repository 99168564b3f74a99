/**
 * Records held until the source is done, then written in time order: the APIs answer newest first
 * or trace by trace, while a snapshot file must read forwards in time. Holding is bounded by the
 * source's item limit, which `ctx.progress` enforces as records arrive.
 */
import type { CollectContext } from '../connector.js';

interface Held {
  t: number;
  seq: number;
  line: string;
}

export class SortedSink {
  private readonly held: Held[] = [];
  private readonly seen = new Set<string>();
  private written = false;

  constructor(
    private readonly ctx: CollectContext,
    private readonly name: string,
  ) {}

  get size(): number {
    return this.held.length;
  }

  /**
   * Adds one record at time `t` (any unit, the same for all); a `key` seen before is dropped (the
   * same span in two overlapping queries). Throws what `ctx.progress` throws at the item limit,
   * unless `counted` is false (the caller counted the items as they arrived).
   */
  add(t: number, record: unknown, key?: string, counted = true): boolean {
    if (key !== undefined) {
      if (this.seen.has(key)) return false;
      this.seen.add(key);
    }
    this.held.push({ t, seq: this.held.length, line: JSON.stringify(record) });
    if (counted) this.ctx.progress(this.held.length);
    return true;
  }

  /** Writes everything held, oldest first (stable for equal times); once. */
  async write(format = 'json'): Promise<void> {
    if (this.written) return;
    this.written = true;
    // An empty file still says "collected, nothing in the window" (no file reads as not collected).
    this.held.sort((a, b) => a.t - b.t || a.seq - b.seq);
    const out = this.ctx.open(this.name, format);
    for (const h of this.held) await out.line(h.line);
  }
}

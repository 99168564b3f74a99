/**
 * Pairs events that carry the same request or trace id in different sources, in bounded memory:
 * a capped map of recent ids per source, and a uniform sample of the pairs per source pair.
 */
import type { LogEvent } from '../core/event.js';

/** One event as far as pairing needs it. */
export interface Sighting {
  ts: number;
  /** attrs.latencyMs, NaN when absent. */
  latencyMs: number;
  file: string;
  line: number;
}

/** Two sightings of one id; `d` is y.ts − x.ts (ms), x and y ordered by source name. */
export interface PairSample {
  d: number;
  x: Sighting;
  y: Sighting;
}

export interface SourcePair {
  x: string;
  y: string;
  /** All pairs seen, of which `samples` keeps a uniform sample. */
  count: number;
  samples: PairSample[];
}

// Formats put ids under requestId/traceId; the rest catch sources that keep the raw key.
const ID_KEYS = [
  'requestId',
  'traceId',
  'req.id',
  'request_id',
  'request.id',
  'trace_id',
  'trace.id',
  'extra.request_id',
] as const;

/** The id that ties this event to lines of other sources; short ids are counters, not ids. */
export function requestIdOf(e: LogEvent): string | undefined {
  for (const key of ID_KEYS) {
    const v = e.attrs[key];
    if (typeof v === 'string' && v.length >= 6 && v !== '-') return v;
  }
  return undefined;
}

interface Pending {
  seen: Sighting[];
  matched: boolean;
}

// An app may log one request several times (start, queries, completion); more adds nothing.
const MAX_PER_ID = 8;

/** Deterministic PRNG (mulberry32) for the reservoir, so estimates are reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One source's ids waiting for a partner; `order` is a ring of ids, oldest at `head`. */
interface PendingIds {
  ids: Map<string, Pending>;
  order: string[];
  head: number;
}

export class PairStore {
  private readonly pending = new Map<string, PendingIds>();
  private readonly pairs = new Map<string, SourcePair>();
  private readonly random = mulberry32(0x5eed);
  evicted = 0;
  evictedUnmatched = 0;
  total = 0;

  constructor(
    private readonly maxPending: number,
    private readonly maxSamples: number,
  ) {}

  add(source: string, id: string, s: Sighting): void {
    let matched = false;
    for (const [other, { ids }] of this.pending) {
      if (other === source) continue;
      const p = ids.get(id);
      if (p === undefined) continue;
      p.matched = matched = true;
      for (const o of p.seen) this.record(other, o, source, s);
    }
    let mine = this.pending.get(source);
    if (mine === undefined)
      this.pending.set(source, (mine = { ids: new Map(), order: [], head: 0 }));
    const p = mine.ids.get(id);
    if (p !== undefined) {
      if (p.seen.length < MAX_PER_ID) p.seen.push(s);
      p.matched ||= matched;
      return;
    }
    mine.ids.set(id, { seen: [s], matched });
    if (mine.order.length < this.maxPending) {
      mine.order.push(id);
      return;
    }
    // A ring rather than the Map's own order: deleting at a Map's head leaves holes that every
    // later "first key" lookup walks over.
    const oldest = mine.order[mine.head]!;
    mine.order[mine.head] = id;
    mine.head = (mine.head + 1) % this.maxPending;
    if (!mine.ids.get(oldest)!.matched) this.evictedUnmatched++;
    mine.ids.delete(oldest);
    this.evicted++;
  }

  pendingCount(): number {
    let n = 0;
    for (const { ids } of this.pending.values()) n += ids.size;
    return n;
  }

  sourcePairs(): SourcePair[] {
    return [...this.pairs.values()];
  }

  private record(a: string, sa: Sighting, b: string, sb: Sighting): void {
    const [x, sx, y, sy] = a < b ? [a, sa, b, sb] : [b, sb, a, sa];
    const key = `${x}\u0000${y}`;
    let pair = this.pairs.get(key);
    if (pair === undefined) this.pairs.set(key, (pair = { x, y, count: 0, samples: [] }));
    this.total++;
    pair.count++;
    const sample = { d: sy.ts - sx.ts, x: sx, y: sy };
    if (pair.samples.length < this.maxSamples) pair.samples.push(sample);
    else {
      // Reservoir sampling (algorithm R): every pair has the same chance to be kept.
      const j = Math.floor(this.random() * pair.count);
      if (j < this.maxSamples) pair.samples[j] = sample;
    }
  }
}

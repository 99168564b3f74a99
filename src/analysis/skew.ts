/**
 * Clock skew and time-zone findings from the merged timeline: request ids matched across
 * sources (request-id, causality) and per-minute activity of zone-less sources (local-time).
 * Streaming, bounded memory; see docs/skew.md for the method and the sign convention.
 */
import type { LogEvent } from '../core/event.js';
import { localTimeEstimates, ActivityStore } from './skew-local-time.js';
import { PairStore, requestIdOf } from './skew-pairs.js';
import { requestIdEstimates } from './skew-request-id.js';
import { SourceStats } from './skew-sources.js';
import {
  resolveSkewOptions,
  type ResolvedSkewOptions,
  type SkewEstimate,
  type SkewFinding,
  type SkewOptions,
  type SkewStats,
} from './skew-types.js';

export { skewCorrections } from './skew-corrections.js';
export type {
  SkewEstimate,
  SkewEvidence,
  SkewFinding,
  SkewMethod,
  SkewOptions,
  SkewStats,
} from './skew-types.js';

/**
 * Feed events in timeline order, then ask for findings.
 *
 * @example
 * const skew = new SkewEstimator();
 * for await (const batch of timeline.events) for (const e of batch) skew.add(e);
 * for (const f of skew.findings()) console.log(f.detail);
 */
export class SkewEstimator {
  private readonly opts: ResolvedSkewOptions;
  private readonly sources = new SourceStats();
  private readonly pairs: PairStore;
  private readonly activity: ActivityStore;

  constructor(options?: SkewOptions) {
    this.opts = resolveSkewOptions(options);
    this.pairs = new PairStore(this.opts.maxPending, this.opts.maxSamples);
    this.activity = new ActivityStore(this.opts.maxMinutes);
  }

  add(e: LogEvent): void {
    // An unparsed line borrows the previous entry's time: it says nothing about its own clock.
    if (e.unparsed) return;
    this.sources.add(e);
    this.activity.add(e);
    const id = requestIdOf(e);
    if (id === undefined) return;
    const latency = e.attrs.latencyMs;
    this.pairs.add(e.source, id, {
      ts: e.ts,
      latencyMs: typeof latency === 'number' ? latency : NaN,
      file: e.file,
      line: e.line,
    });
  }

  /** Every comparison made, reported or not, most confident first. */
  estimates(): SkewEstimate[] {
    const byIds = this.pairs
      .sourcePairs()
      .flatMap((p) => requestIdEstimates(p, this.sources, this.opts));
    const byActivity = localTimeEstimates(this.activity, this.sources);
    for (const a of byActivity) {
      if (!a.reported) continue;
      const viaIds = byIds.find((e) => e.method === 'local-time' && e.source === a.source);
      if (viaIds !== undefined) {
        // Same source, two methods: ids give the exact zone; agreement raises confidence.
        a.reported = false;
        if (viaIds.offsetSeconds === a.offsetSeconds) {
          viaIds.confidence = round3(1 - (1 - viaIds.confidence) * (1 - a.confidence));
          viaIds.detail += '; its per-minute activity agrees';
        }
      } else if (this.matchedWithoutZone(byIds, a.source)) {
        a.reported = false;
        a.detail += '; not reported: its request ids match zoned sources without a zone offset';
      }
    }
    return [...byIds, ...byActivity].sort((p, q) => q.confidence - p.confidence);
  }

  /** Only sources with an offset beyond resolution and noise. */
  findings(): SkewFinding[] {
    return this.estimates()
      .filter((e) => e.reported)
      .map(({ reported: _r, range: _g, consistentAtZero: _z, ...f }) => f);
  }

  stats(): SkewStats {
    return {
      pending: this.pairs.pendingCount(),
      evicted: this.pairs.evicted,
      evictedUnmatched: this.pairs.evictedUnmatched,
      pairs: this.pairs.total,
    };
  }

  private matchedWithoutZone(byIds: SkewEstimate[], source: string): boolean {
    return byIds.some(
      (e) =>
        (e.source === source || e.reference === source) &&
        !this.sources.zoneless(e.source === source ? e.reference : e.source) &&
        e.method === 'request-id' &&
        (e.pairs ?? 0) >= this.opts.minPairs &&
        Math.abs(e.offsetSeconds) < 900,
    );
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

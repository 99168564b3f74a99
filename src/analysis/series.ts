/**
 * Per-source time series built in one pass with bounded memory: events, errors, requests, 5xx,
 * latency quantiles per bucket. Buckets start at one second and coarsen (merging whole buckets)
 * when a source spans more than MAX_BUCKETS of them.
 */
import type { LogEvent } from '../core/event.js';
import { coarserThan } from './buckets.js';
import type { EvidenceRef } from './evidence.js';
import { LatencyHistogram } from './histogram.js';
import { isAnnotation, isError, latencyOf, statusOf } from './signals.js';

const MAX_BUCKETS = 4096;

export interface BucketCounts {
  events: number;
  errors: number;
  requests: number;
  serverErrors: number;
  latency?: LatencyHistogram;
  /** The first error in the bucket: where an onset found in this bucket points. */
  firstError?: EvidenceRef & { ts: number };
  lastError?: EvidenceRef & { ts: number };
  /** The slowest request in the bucket. */
  slowest?: EvidenceRef & { ts: number; ms: number };
}

export interface SeriesPoint {
  /** Bucket start, UTC epoch ms. */
  t: number;
  events: number;
  errors: number;
  requests: number;
  serverErrors: number;
  /** 5xx / requests; null without requests. */
  errorRatio: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  firstError?: EvidenceRef & { ts: number };
  lastError?: EvidenceRef & { ts: number };
  slowest?: EvidenceRef & { ts: number; ms: number };
}

export interface SourceSeries {
  source: string;
  bucketMs: number;
  /** Whether the source logs requests (HTTP statuses): its error ratio and latency mean something. */
  hasRequests: boolean;
  hasLatency: boolean;
  /** Change or alert sources (git, Alertmanager): they mark the timeline rather than form a series. */
  annotation: boolean;
  first: number;
  last: number;
  points: SeriesPoint[];
}

class SourceAccumulator {
  bucketMs = 1000;
  readonly buckets = new Map<number, BucketCounts>();
  first = Infinity;
  last = -Infinity;
  requests = 0;
  latencies = 0;
  annotation = true;

  constructor(readonly source: string) {}

  add(e: LogEvent): void {
    const ts = e.ts;
    if (!Number.isFinite(ts)) return;
    if (ts < this.first) this.first = ts;
    if (ts > this.last) this.last = ts;
    if (!isAnnotation(e)) this.annotation = false;
    while ((this.last - this.first) / this.bucketMs > MAX_BUCKETS) this.coarsen();
    const key = Math.floor(ts / this.bucketMs) * this.bucketMs;
    let b = this.buckets.get(key);
    if (!b) {
      b = { events: 0, errors: 0, requests: 0, serverErrors: 0 };
      this.buckets.set(key, b);
    }
    b.events++;
    const status = statusOf(e);
    if (status !== undefined) {
      b.requests++;
      this.requests++;
      if (status >= 500) b.serverErrors++;
    }
    if (isError(e)) {
      b.errors++;
      if (!b.firstError || ts < b.firstError.ts) b.firstError = { ts, file: e.file, line: e.line };
      if (!b.lastError || ts >= b.lastError.ts) b.lastError = { ts, file: e.file, line: e.line };
    }
    const ms = latencyOf(e);
    if (ms !== undefined) {
      (b.latency ??= new LatencyHistogram()).add(ms);
      this.latencies++;
      if (!b.slowest || ms > b.slowest.ms) b.slowest = { ts, ms, file: e.file, line: e.line };
    }
  }

  private coarsen(): void {
    const size = coarserThan(this.bucketMs, this.bucketMs + 1);
    const old = [...this.buckets];
    this.buckets.clear();
    this.bucketMs = size;
    for (const [t, b] of old) mergeInto(this.buckets, Math.floor(t / size) * size, b);
  }

  /** Counts over [from, to), whole buckets that start inside it. */
  summarize(from: number, to: number): BucketCounts {
    const sum = new Map<number, BucketCounts>();
    for (const [t, b] of this.buckets) if (t >= from && t < to) mergeInto(sum, 0, b);
    return sum.get(0) ?? { events: 0, errors: 0, requests: 0, serverErrors: 0 };
  }

  /** Dense points over [from, to) at `bucketMs` (a multiple of this accumulator's size). */
  points(bucketMs: number, from: number, to: number): SeriesPoint[] {
    const merged = new Map<number, BucketCounts>();
    for (const [t, b] of this.buckets) {
      if (t + this.bucketMs <= from || t >= to) continue;
      mergeInto(merged, Math.floor(t / bucketMs) * bucketMs, b);
    }
    const out: SeriesPoint[] = [];
    const start = Math.floor(from / bucketMs) * bucketMs;
    for (let t = start; t < to; t += bucketMs) out.push(toPoint(t, merged.get(t)));
    return out;
  }
}

function mergeInto(map: Map<number, BucketCounts>, key: number, b: BucketCounts): void {
  const into = map.get(key);
  if (!into) {
    const copy: BucketCounts = { ...b };
    if (b.latency) {
      copy.latency = new LatencyHistogram();
      copy.latency.merge(b.latency);
    }
    map.set(key, copy);
    return;
  }
  into.events += b.events;
  into.errors += b.errors;
  into.requests += b.requests;
  into.serverErrors += b.serverErrors;
  if (b.latency) (into.latency ??= new LatencyHistogram()).merge(b.latency);
  if (b.firstError && (!into.firstError || b.firstError.ts < into.firstError.ts))
    into.firstError = b.firstError;
  if (b.lastError && (!into.lastError || b.lastError.ts >= into.lastError.ts))
    into.lastError = b.lastError;
  if (b.slowest && (!into.slowest || b.slowest.ms > into.slowest.ms)) into.slowest = b.slowest;
}

function toPoint(t: number, b: BucketCounts | undefined): SeriesPoint {
  if (!b)
    return {
      t,
      events: 0,
      errors: 0,
      requests: 0,
      serverErrors: 0,
      errorRatio: null,
      p50: null,
      p95: null,
      p99: null,
    };
  const p: SeriesPoint = {
    t,
    events: b.events,
    errors: b.errors,
    requests: b.requests,
    serverErrors: b.serverErrors,
    errorRatio: b.requests > 0 ? b.serverErrors / b.requests : null,
    p50: b.latency?.quantile(0.5) ?? null,
    p95: b.latency?.quantile(0.95) ?? null,
    p99: b.latency?.quantile(0.99) ?? null,
  };
  if (b.firstError) p.firstError = b.firstError;
  if (b.lastError) p.lastError = b.lastError;
  if (b.slowest) p.slowest = b.slowest;
  return p;
}

/** Feed events in any order; ask for dense series over a window at a bucket size. */
export class SeriesBuilder {
  private readonly sources = new Map<string, SourceAccumulator>();

  add(e: LogEvent): void {
    let acc = this.sources.get(e.source);
    if (!acc) {
      acc = new SourceAccumulator(e.source);
      this.sources.set(e.source, acc);
    }
    acc.add(e);
  }

  /** The span of the evidence that forms series (annotation sources such as git left out). */
  span(): { first: number; last: number } | undefined {
    let first = Infinity;
    let last = -Infinity;
    for (const acc of this.sources.values()) {
      if (acc.annotation) continue;
      first = Math.min(first, acc.first);
      last = Math.max(last, acc.last);
    }
    return first <= last ? { first, last } : undefined;
  }

  /** The finest bucket every source can give (the coarsest of their own sizes). */
  finestBucket(): number {
    let size = 1000;
    for (const acc of this.sources.values())
      if (!acc.annotation) size = Math.max(size, acc.bucketMs);
    return size;
  }

  /** Counts of one source over [from, to); undefined for a source never seen. */
  summarize(source: string, from: number, to: number): BucketCounts | undefined {
    return this.sources.get(source)?.summarize(from, to);
  }

  /** The time range a source covers, and its bucket size. */
  coverage(source: string): { first: number; last: number; bucketMs: number } | undefined {
    const acc = this.sources.get(source);
    return acc ? { first: acc.first, last: acc.last, bucketMs: acc.bucketMs } : undefined;
  }

  /** One source's points at its own (finest) bucket over [from, to). */
  finePoints(
    source: string,
    from: number,
    to: number,
  ): { bucketMs: number; points: SeriesPoint[] } | undefined {
    const acc = this.sources.get(source);
    return acc ? { bucketMs: acc.bucketMs, points: acc.points(acc.bucketMs, from, to) } : undefined;
  }

  build(bucketMs: number, from: number, to: number): SourceSeries[] {
    const out: SourceSeries[] = [];
    for (const acc of this.sources.values()) {
      const size = bucketMs % acc.bucketMs === 0 ? bucketMs : coarserThan(acc.bucketMs, bucketMs);
      out.push({
        source: acc.source,
        bucketMs: size,
        hasRequests: acc.requests > 0,
        hasLatency: acc.latencies > 0,
        annotation: acc.annotation,
        first: acc.first,
        last: acc.last,
        points: acc.annotation ? [] : acc.points(size, from, to),
      });
    }
    return out;
  }
}

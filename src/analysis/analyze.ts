/**
 * The analysis of an incident's evidence in one streaming pass: series and baselines, key moments,
 * log patterns, slow queries, top values, clock skew, MTTx. Feed it the merged timeline.
 *
 * @example
 * const a = new Analyzer({ newMiner: () => new TemplateMiner() });
 * for await (const batch of timeline.events) for (const e of batch) a.add(e);
 * const analysis = a.finish();
 */
import type { LogEvent } from '../core/event.js';
import type { MetricSeries } from '../core/metric.js';
import { bucketFor } from './buckets.js';
import {
  baselineWindow,
  compareTraffic,
  hourlyAgainstLastWeek,
  type BaselineChoice,
  type HourCompare,
  type TrafficComparison,
} from './baseline.js';
import { analyzeMetrics, metricImpactMoments, type MetricSummary } from './metrics.js';
import { computeMttx, PagingTracker, type Mttx } from './mttx.js';
import { AlertDetector } from './moments/alerts.js';
import { ChangeDetector } from './moments/changes.js';
import { FirstErrorDetector } from './moments/first-error.js';
import { blipMoments, detectChanges, impactMoments, type SignalChange } from './moments/impact.js';
import { findMitigation, suspectsBefore } from './moments/mitigation.js';
import { byTime, type Moment, type StreamDetector } from './moments/moment.js';
import { OomRestartDetector } from './moments/oom-restart.js';
import { PeopleDetector, pickChat } from './moments/people.js';
import {
  newTemplateMoment,
  PatternTracker,
  warningSignMoment,
  type MinerLike,
  type PatternStats,
} from './moments/patterns.js';
import { SlowQueryDetector, type SlowQuery } from './moments/slow-queries.js';
import type { SkewFinding } from './skew-types.js';
import { SeriesBuilder, type SeriesPoint, type SourceSeries } from './series.js';
import { errorText, isAnnotation, isError, statusOf } from './signals.js';
import { routeOf, TopK, type TopEntry } from './top.js';

export interface AnalyzeOptions {
  /** The incident window (--since/--until); events outside still serve as baseline. */
  window?: { from?: number; to?: number };
  /** Bucket of the series; chosen from the window's length when absent. */
  bucketMs?: number;
  baseline?: BaselineChoice;
  /** Queries at least this slow are reported (ms). */
  slowQueryMs?: number;
  /** A template miner per source; without one, no pattern findings. */
  newMiner?: () => MinerLike;
  /** A clock-skew estimator fed the same events. */
  skew?: { add(e: LogEvent): void; findings(): SkewFinding[] };
  /** How many entries the top lists keep. */
  top?: number;
  /** Metric series (Prometheus answers) read beside the logs. */
  metrics?: readonly MetricSeries[];
}

export interface SourceStats {
  source: string;
  events: number;
  inWindow: number;
  errors: number;
  requests: number;
  first: number | null;
  last: number | null;
  levels: number;
}

export interface Impact {
  start: number;
  end: number | null;
  durationSeconds: number | null;
  /** The source whose requests measure the impact: the one that logs the most requests. */
  source: string | null;
  requests: number;
  failedRequests: number;
  errorRatio: number | null;
  peakErrorRatio: number | null;
  affectedSources: string[];
}

export interface TopValues {
  source: string;
  clientIps: TopEntry[];
  routes: TopEntry[];
  statuses: TopEntry[];
  userAgents: TopEntry[];
  /** Routes of the 5xx responses. */
  errorRoutes: TopEntry[];
}

export interface Gap {
  source: string;
  kind:
    | 'no-events-in-window'
    | 'no-levels'
    | 'no-request-ids'
    | 'unparsed'
    | 'unreadable'
    | 'not-collected'
    | 'patterns-truncated';
  message: string;
}

export interface Analysis {
  window: { from: number; to: number; bucketMs: number } | null;
  sources: SourceStats[];
  moments: Moment[];
  suspects: (Moment & { secondsBeforeOnset: number })[];
  signals: SignalChange[];
  impact: Impact | null;
  mttx: Mttx;
  traffic: TrafficComparison[];
  hourly: { source: string; hours: HourCompare[] }[];
  top: TopValues[];
  templates: { topErrors: PatternStats[]; new: PatternStats[] };
  slowQueries: SlowQuery[];
  skew: SkewFinding[];
  gaps: Gap[];
  series: SourceSeries[];
  /** One per metric series: its summary and its points for charts. */
  metrics: MetricSummary[];
}

/** Series of more buckets than this get a coarser bucket. */
const TARGET_BUCKETS = 120;
const NEW_TEMPLATES = 10;
const CHANGE_LOOKBACK_MS = 24 * 3600_000;

interface Tops {
  clientIps: TopK;
  routes: TopK;
  statuses: TopK;
  userAgents: TopK;
  errorRoutes: TopK;
}

interface Counter {
  events: number;
  inWindow: number;
  errors: number;
  requests: number;
  first: number;
  last: number;
  levels: Set<string>;
  ids: number;
  unparsed: number;
}

export class Analyzer {
  private readonly series = new SeriesBuilder();
  private readonly detectors: StreamDetector[];
  private readonly paging = new PagingTracker();
  private readonly slow: SlowQueryDetector;
  private readonly patterns: PatternTracker | undefined;
  /** Error events only, known by their error text: the error types, ranked. */
  private readonly errorPatterns: PatternTracker | undefined;
  private readonly tops = new Map<string, Tops>();
  private readonly counters = new Map<string, Counter>();
  private readonly from: number;
  private readonly to: number;

  constructor(private readonly options: AnalyzeOptions = {}) {
    this.from = options.window?.from ?? -Infinity;
    this.to = options.window?.to ?? Infinity;
    this.slow = new SlowQueryDetector(options.slowQueryMs ?? 1000);
    this.detectors = [
      new FirstErrorDetector(),
      new AlertDetector(),
      new ChangeDetector(),
      new OomRestartDetector(),
      new PeopleDetector(),
      this.slow,
    ];
    this.patterns = options.newMiner ? new PatternTracker(options.newMiner) : undefined;
    this.errorPatterns = options.newMiner ? new PatternTracker(options.newMiner) : undefined;
  }

  add(e: LogEvent): void {
    let c = this.counters.get(e.source);
    if (!c) {
      c = {
        events: 0,
        inWindow: 0,
        errors: 0,
        requests: 0,
        first: Infinity,
        last: -Infinity,
        levels: new Set(),
        ids: 0,
        unparsed: 0,
      };
      this.counters.set(e.source, c);
    }
    c.events++;
    if (e.unparsed) c.unparsed++;
    this.series.add(e);
    if (!isAnnotation(e)) {
      this.patterns?.add(e);
      const text = isError(e) ? errorText(e) : undefined;
      if (text !== undefined) this.errorPatterns?.add(e, text);
    }
    this.options.skew?.add(e);
    if (e.ts < this.from || e.ts >= this.to) return;
    c.inWindow++;
    if (e.ts < c.first) c.first = e.ts;
    if (e.ts > c.last) c.last = e.ts;
    c.levels.add(e.level);
    if (isError(e)) c.errors++;
    if (e.attrs.requestId !== undefined || e.attrs.traceId !== undefined) c.ids++;
    for (const d of this.detectors) d.add(e);
    this.paging.add(e);
    const status = statusOf(e);
    if (status !== undefined) {
      c.requests++;
      this.countTop(e, status);
    }
  }

  private countTop(e: LogEvent, status: number): void {
    let t = this.tops.get(e.source);
    if (!t) {
      t = {
        clientIps: new TopK(),
        routes: new TopK(),
        statuses: new TopK(),
        userAgents: new TopK(),
        errorRoutes: new TopK(),
      };
      this.tops.set(e.source, t);
    }
    const a = e.attrs;
    if (typeof a.clientIp === 'string') t.clientIps.add(a.clientIp);
    const route =
      typeof a.path === 'string'
        ? `${typeof a.method === 'string' ? `${a.method} ` : ''}${routeOf(a.path)}`
        : undefined;
    if (route) t.routes.add(route);
    t.statuses.add(String(status));
    if (typeof a.userAgent === 'string') t.userAgents.add(a.userAgent);
    if (status >= 500 && route) t.errorRoutes.add(route);
  }

  finish(): Analysis {
    const span = this.series.span();
    let window = span
      ? { from: Math.max(span.first, this.from), to: Math.min(span.last + 1, this.to) }
      : undefined;
    // A window the evidence does not reach has nothing to analyse (its gap says so).
    if (window && window.from >= window.to) window = undefined;
    const bucketMs = window
      ? Math.max(
          this.options.bucketMs ?? bucketFor(window.to - window.from, TARGET_BUCKETS),
          this.series.finestBucket(),
        )
      : 60_000;
    const series = window ? this.series.build(bucketMs, window.from, window.to) : [];
    const seriesSources = series.filter((s) => !s.annotation).map((s) => s.source);
    // Normal is learnt from a baseline window when the evidence covers one (a week earlier, the
    // period before, or the one given), else from the leading part of the window itself.
    const base = window
      ? baselineWindow(this.series, seriesSources, window, this.options.baseline ?? 'auto')
      : undefined;
    const basePoints = new Map<string, SeriesPoint[]>();
    if (base)
      for (const s of this.series.build(bucketMs, base.from, base.to))
        if (base.sources.includes(s.source)) basePoints.set(s.source, s.points);
    const signals = detectChanges(series, basePoints, (source, from, to) =>
      this.series.finePoints(source, from, to),
    );
    let moments = this.detectors.flatMap((d) => d.finish());
    moments.push(...impactMoments(signals, bucketMs, this.edgeSource(series)?.source));
    moments.push(...blipMoments(signals, bucketMs));
    const metrics = this.options.metrics?.length
      ? analyzeMetrics(this.options.metrics, moments, window)
      : undefined;
    if (metrics) {
      moments.push(...metrics.moments);
      // Metrics date the impact only where the logs did not: what the logs show stands.
      if (!moments.some((m) => m.kind === 'onset'))
        moments.push(...metricImpactMoments(metrics.changes));
    }
    moments.sort(byTime);
    const mitigation = findMitigation(moments);
    if (mitigation) moments.push(mitigation);
    const onset = moments.find((m) => m.kind === 'onset');
    const recovery = moments.find((m) => m.kind === 'recovery');
    const templates = { topErrors: [] as PatternStats[], new: [] as PatternStats[] };
    if (this.patterns && window) {
      // What the leading part of the window (or all before it) did not show is new.
      const baselineEnd =
        this.from > -Infinity ? this.from : window.from + (window.to - window.from) / 3;
      const baseFrom = this.from > -Infinity ? -Infinity : window.from;
      templates.topErrors = this.errorPatterns!.topErrors(this.options.top ?? 10);
      templates.new = this.patterns.newSince(baselineEnd, window.to, NEW_TEMPLATES);
      // Sparklines: each listed template's counts over the window.
      for (const [tracker, list] of [
        [this.errorPatterns!, templates.topErrors],
        [this.patterns, templates.new],
      ] as const)
        for (const p of list) {
          const activity = tracker.activity(p, window.from, window.to);
          if (activity) p.activity = activity;
        }
      if (onset) {
        const before = this.patterns.newSince(baselineEnd, onset.ts, NEW_TEMPLATES);
        moments.push(...before.map(newTemplateMoment));
        const grew = this.patterns.grewBefore(
          { from: baseFrom === -Infinity ? baselineEnd - 3600_000 : baseFrom, to: baselineEnd },
          onset.ts,
          15 * 60_000,
        );
        moments.push(...grew.slice(0, 5).map(warningSignMoment));
      }
    }
    // Changes count from a day before the window: older commits are history, not suspects.
    const lo = window?.from ?? -Infinity;
    const hi = window?.to ?? Infinity;
    moments = moments.filter((m) =>
      m.kind === 'change' || m.kind.startsWith('alert')
        ? m.ts >= lo - CHANGE_LOOKBACK_MS && m.ts < hi + CHANGE_LOOKBACK_MS
        : m.ts >= lo && m.ts < hi,
    );
    moments.sort(byTime);
    // Without timed log events only metrics can have dated an onset: the impact is theirs.
    const period = onset ? { from: onset.ts, to: recovery?.ts ?? window?.to ?? onset.ts } : window;
    moments = pickChat(moments, period ?? null);
    const traffic = period
      ? compareTraffic(this.series, seriesSources, period, this.options.baseline ?? 'auto')
      : [];
    const hourly =
      window && window.to - window.from >= 2 * 3600_000
        ? series
            .filter((s) => s.hasRequests)
            .map((s) => ({
              source: s.source,
              hours: hourlyAgainstLastWeek(this.series, s.source, window),
            }))
        : [];
    return {
      window: window ? { ...window, bucketMs } : null,
      sources: this.sourceStats(),
      moments,
      suspects: suspectsBefore(moments).slice(0, 5),
      signals,
      impact: this.impact(series, signals, period, onset?.ts, recovery?.ts),
      mttx: computeMttx(moments, this.paging.finish()),
      traffic,
      hourly,
      top: this.topValues(),
      templates,
      slowQueries: this.slow.top,
      skew: this.options.skew?.findings() ?? [],
      gaps: this.gaps(),
      series,
      metrics: metrics?.summaries ?? [],
    };
  }

  private sourceStats(): SourceStats[] {
    return [...this.counters].map(([source, c]) => ({
      source,
      events: c.events,
      inWindow: c.inWindow,
      errors: c.errors,
      requests: c.requests,
      first: Number.isFinite(c.first) ? c.first : null,
      last: Number.isFinite(c.last) ? c.last : null,
      levels: c.levels.size,
    }));
  }

  private impact(
    series: readonly SourceSeries[],
    signals: readonly SignalChange[],
    period: { from: number; to: number } | undefined,
    start: number | undefined,
    end: number | undefined,
  ): Impact | null {
    if (start === undefined || !period) return null;
    const edge = this.edgeSource(series);
    const c = edge
      ? this.series.summarize(
          edge.source,
          Math.floor(period.from / edge.bucketMs) * edge.bucketMs,
          period.to,
        )
      : undefined;
    let peak: number | null = null;
    if (edge)
      for (const p of edge.points)
        if (
          p.t >= start - edge.bucketMs &&
          (end === undefined || p.t < end) &&
          p.errorRatio !== null
        )
          peak = Math.max(peak ?? 0, p.errorRatio);
    return {
      start,
      end: end ?? null,
      durationSeconds: end !== undefined ? Math.round((end - start) / 1000) : null,
      source: edge?.source ?? null,
      requests: c?.requests ?? 0,
      failedRequests: c?.serverErrors ?? 0,
      errorRatio: c && c.requests > 0 ? c.serverErrors / c.requests : null,
      peakErrorRatio: peak,
      affectedSources: [...new Set(signals.map((s) => s.source))],
    };
  }

  /** The source that logs the most requests: the edge where users' experience is measured. */
  private edgeSource(series: readonly SourceSeries[]): SourceSeries | undefined {
    return series
      .filter((s) => s.hasRequests)
      .sort((a, b) => this.requests(b) - this.requests(a))[0];
  }

  private requests(s: SourceSeries): number {
    return this.counters.get(s.source)?.requests ?? 0;
  }

  private topValues(): TopValues[] {
    const n = this.options.top ?? 10;
    return [...this.tops].map(([source, t]) => ({
      source,
      clientIps: t.clientIps.top(n),
      routes: t.routes.top(n),
      statuses: t.statuses.top(n),
      userAgents: t.userAgents.top(n),
      errorRoutes: t.errorRoutes.top(n),
    }));
  }

  private gaps(): Gap[] {
    const out: Gap[] = [];
    for (const [source, c] of this.counters) {
      if (c.inWindow === 0) {
        out.push({
          source,
          kind: 'no-events-in-window',
          message: `${source} has no events in the window`,
        });
        continue;
      }
      const annotation = false;
      if (!annotation && c.levels.size === 1 && c.requests === 0 && c.inWindow > 100)
        out.push({
          source,
          kind: 'no-levels',
          message: `every event of ${source} has level ${[...c.levels][0]}: its errors cannot be told apart`,
        });
      if (c.unparsed > 0.01 * c.events)
        out.push({
          source,
          kind: 'unparsed',
          message: `${((c.unparsed / c.events) * 100).toFixed(1)}% of ${source} could not be parsed (kept with the previous entry's time)`,
        });
      if (c.requests > 0 && c.ids === 0)
        out.push({
          source,
          kind: 'no-request-ids',
          message: `${source} logs requests without request ids: clock skew against other sources cannot be measured by id`,
        });
    }
    for (const [source, n] of this.patterns?.overflow() ?? [])
      out.push({
        source,
        kind: 'patterns-truncated',
        message: `${source} has more log templates than the miner keeps: ${n} events counted in an overflow bucket`,
      });
    if (this.patterns && this.patterns.cellsDropped > 0)
      out.push({
        source: '*',
        kind: 'patterns-truncated',
        message: `template rates were capped: ${this.patterns.cellsDropped} events counted only in totals`,
      });
    return out;
  }
}

/** Analyses batches of the merged timeline. */
export async function analyzeEvents(
  batches: AsyncIterable<LogEvent[]>,
  options: AnalyzeOptions = {},
): Promise<Analysis> {
  const a = new Analyzer(options);
  for await (const batch of batches) for (const e of batch) a.add(e);
  return a.finish();
}

export { isAnnotation };

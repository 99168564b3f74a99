/**
 * The stable JSON form of an analysis (`aftermath analyze --json`, schema in
 * docs/analysis-schema.md): times as ISO 8601 UTC strings, durations in seconds.
 */
import type { Analysis } from '../analysis/analyze.js';
import type { PeriodStats } from '../analysis/baseline.js';
import { MTTX_STAGES } from '../analysis/mttx.js';
import type { PatternStats } from '../analysis/moments/patterns.js';

export const ANALYSIS_SCHEMA = 'aftermath/analysis@1';

function iso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined || !Number.isFinite(ms)
    ? null
    : new Date(ms).toISOString();
}

function round(x: number | null, digits = 4): number | null {
  if (x === null) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function period(p: PeriodStats): Record<string, unknown> {
  return {
    from: iso(p.from),
    to: iso(p.to),
    requests: p.requests,
    events: p.events,
    errors: p.errors,
    serverErrors: p.serverErrors,
    perMinute: p.perMinute,
    errorRatio: round(p.errorRatio),
    p50Ms: round(p.p50, 1),
    p95Ms: round(p.p95, 1),
    p99Ms: round(p.p99, 1),
  };
}

function pattern(p: PatternStats): Record<string, unknown> {
  return {
    source: p.source,
    templateId: p.id,
    template: p.template,
    count: p.count,
    errors: p.errors,
    firstSeen: iso(p.firstTs),
    lastSeen: iso(p.lastTs),
    evidence: [p.first],
    ...(p.activity
      ? {
          activity: {
            from: iso(p.activity.from),
            stepSeconds: p.activity.stepMs / 1000,
            counts: p.activity.counts,
          },
        }
      : {}),
  };
}

export function analysisToJson(a: Analysis): Record<string, unknown> {
  const points = a.mttx.points;
  return {
    schema: ANALYSIS_SCHEMA,
    window: a.window
      ? { from: iso(a.window.from), to: iso(a.window.to), bucketSeconds: a.window.bucketMs / 1000 }
      : null,
    sources: a.sources.map((s) => ({ ...s, first: iso(s.first), last: iso(s.last) })),
    moments: a.moments.map((m) => ({
      kind: m.kind,
      ts: iso(m.ts),
      source: m.source,
      confidence: m.confidence,
      title: m.title,
      evidence: m.evidence,
      ...(m.data ? { data: m.data } : {}),
    })),
    suspects: a.suspects.map((m) => ({
      kind: m.kind,
      ts: iso(m.ts),
      source: m.source,
      title: m.title,
      secondsBeforeOnset: m.secondsBeforeOnset,
      evidence: m.evidence,
    })),
    impact: a.impact
      ? {
          ...a.impact,
          start: iso(a.impact.start),
          end: iso(a.impact.end),
          errorRatio: round(a.impact.errorRatio),
          peakErrorRatio: round(a.impact.peakErrorRatio),
        }
      : null,
    mttx: {
      ...Object.fromEntries(
        MTTX_STAGES.map((k) => [
          k,
          {
            ts: iso(points[k].ts),
            how: points[k].how,
            ...(points[k].source ? { source: points[k].source } : {}),
            evidence: points[k].evidence,
          },
        ]),
      ),
      timeToDetectSeconds: a.mttx.timeToDetect,
      timeToAcknowledgeSeconds: a.mttx.timeToAcknowledge,
      timeToMitigateSeconds: a.mttx.timeToMitigate,
      timeToResolveSeconds: a.mttx.timeToResolve,
    },
    signals: a.signals.map((s) => ({
      source: s.source,
      signal: s.signal,
      start: iso(s.startTs),
      peak: iso(s.peakTs),
      end: iso(s.endTs),
      peakValue: round(s.peakValue),
      baseline: { mean: round(s.baseline.mean), sigma: round(s.baseline.sigma) },
      confidence: s.confidence,
      evidence: s.evidence,
    })),
    traffic: a.traffic.map((t) => ({
      source: t.source,
      baselineKind: t.baselineKind,
      incident: period(t.incident),
      baseline: t.baseline ? period(t.baseline) : null,
      rateRatio: t.rateRatio ?? null,
    })),
    hourly: a.hourly.map((h) => ({
      source: h.source,
      hours: h.hours.map((x) => ({
        hour: iso(x.hour),
        requests: x.requests,
        lastWeek: x.lastWeek,
      })),
    })),
    top: a.top,
    templates: { topErrors: a.templates.topErrors.map(pattern), new: a.templates.new.map(pattern) },
    slowQueries: a.slowQueries.map((q) => ({ ...q, ts: iso(q.ts) })),
    skew: a.skew,
    gaps: a.gaps,
    metrics: a.metrics.map((m) => ({
      source: m.source,
      query: m.name,
      file: m.file,
      labels: m.labels,
      unit: m.unit,
      samples: m.samples,
      gaps: m.gaps,
      stepSeconds: m.stepMs === null ? null : m.stepMs / 1000,
      from: iso(m.from),
      to: iso(m.to),
      min: m.min,
      max: m.max,
      last: m.last,
      baseline: m.baseline,
      // Compact columns (epoch seconds), capped for charts: the file keeps every sample.
      points: { t: m.points.t.map((ms) => ms / 1000), v: m.points.v.map((v) => round(v, 6)) },
    })),
    series: a.series
      .filter((s) => !s.annotation)
      .map((s) => ({
        source: s.source,
        bucketSeconds: s.bucketMs / 1000,
        hasRequests: s.hasRequests,
        points: s.points.map((p) => ({
          t: iso(p.t),
          events: p.events,
          errors: p.errors,
          requests: p.requests,
          serverErrors: p.serverErrors,
          errorRatio: round(p.errorRatio),
          p50Ms: round(p.p50, 1),
          p95Ms: round(p.p95, 1),
          p99Ms: round(p.p99, 1),
        })),
      })),
  };
}

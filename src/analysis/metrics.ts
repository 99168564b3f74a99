/**
 * Metric series (Prometheus `query_range` answers) in the analysis: each series' change points
 * against its own baseline (the same robust baseline and CUSUM episodes as the log signals), a
 * gauge holding at a ceiling (a pool saturated), and the `ALERTS` series as alert moments where
 * Alertmanager's notifications are not in the evidence.
 */
import { formatMetricValue, seriesId, type MetricSeries, type MetricUnit } from '../core/metric.js';
import { robustBaseline, upwardEpisodes, type Baseline, type ChangePoint } from './change-point.js';
import { alertMoments, isAlerts } from './metric-alerts.js';
import { median, quantile, stepOf } from './metric-points.js';
import { summary, values, type MetricSummary } from './metric-summary.js';

export type { MetricSummary };
import type { Moment } from './moments/moment.js';

export type MetricChangeKind = 'rise' | 'drop' | 'appeared' | 'saturated';

export interface MetricChange {
  kind: MetricChangeKind;
  source: string;
  /** The query name (file stem). */
  name: string;
  file: string;
  /** `name{label="…"}`: which series of the answer. */
  series: string;
  unit: MetricUnit;
  ts: number;
  /** When the series was back near its baseline; absent if it never was. */
  endTs?: number;
  /** The baseline (median); null when the series had no samples before it appeared. */
  before: number | null;
  /** The most extreme value of the episode, or the level held when saturated. */
  after: number;
  confidence: number;
  /** Whether it is what users feel (errors, latency up; requests down), so it may date the onset. */
  impact: boolean;
}

export interface MetricFindings {
  summaries: MetricSummary[];
  changes: MetricChange[];
  moments: Moment[];
}

/** The leading share of a query's span that is taken as normal. */
const LEADING_SHARE = 1 / 3;
const MIN_BASELINE_POINTS = 5;
/** The upward sum must pass this many sigmas: a metric sampled every few seconds is dense. */
const H = 5;
const MIN_HOLD_SAMPLES = 12;
const MIN_HOLD_MS = 60_000;
/** A change must move the series this many sigmas at its extreme, not only drift for long. */
const MIN_EFFECT_SIGMAS = 3;

const IMPACT_UP = /error|5xx|fail|latency|duration|_p9\d|\bp9\d|timeout/i;
const IMPACT_DOWN = /request|traffic|rps|qps|throughput/i;

/** Spread floor: a gauge of whole numbers moves by one; anything moves by 5% of its level. */
function minSigma(xs: readonly number[], mean: number, unit: MetricUnit): number {
  const whole = xs.every((x) => Number.isInteger(x));
  return Math.max(
    0.05 * Math.abs(mean),
    whole ? 0.5 : 0,
    unit === 'ratio' ? 0.01 : unit === 'percent' ? 1 : 0,
    1e-9,
  );
}

function confidence(maxZ: number): number {
  return Math.round(100 * Math.min(1, 0.4 + 0.6 * (1 - Math.exp(-Math.max(0, maxZ) / 8)))) / 100;
}

interface Context {
  s: MetricSeries;
  vals: (number | null)[];
  base: Baseline | undefined;
  impactUp: boolean;
  impactDown: boolean;
}

function change(
  c: Context,
  kind: MetricChangeKind,
  ts: number,
  after: number,
  conf: number,
  endTs?: number,
): MetricChange {
  const { s } = c;
  const out: MetricChange = {
    kind,
    source: s.source,
    name: s.name,
    file: s.file,
    series: seriesId(s),
    unit: s.unit,
    ts,
    before: c.base?.mean ?? null,
    after,
    confidence: conf,
    impact: kind === 'drop' ? c.impactDown : c.impactUp,
  };
  if (endTs !== undefined) out.endTs = endTs;
  return out;
}

/** The largest episode of a series in one direction, ignoring one that began at its first sample. */
function mainEpisode(vals: (number | null)[], base: Baseline): ChangePoint | undefined {
  const first = vals.findIndex((v) => v !== null);
  // A series that starts away from its baseline (a rate still filling its window) is no change;
  // nor is a long drift of a fraction of a sigma, which CUSUM alone would sum into an alarm.
  const episodes = upwardEpisodes(vals, base, { h: H }).filter(
    (e) => e.start > first && e.maxZ >= MIN_EFFECT_SIGMAS,
  );
  return episodes.length > 0 ? episodes.reduce((a, b) => (b.area > a.area ? b : a)) : undefined;
}

/**
 * A gauge that jumped and then held a level near its own top (median at least 75% of its 95th
 * percentile, at least twice where it came from, for a minute and twelve samples or more): a pool
 * or a queue that reached its limit. Rates and ratios are left out: a steady error rate is not a
 * ceiling.
 */
function saturation(c: Context, from: number, to: number, start: number): MetricChange | undefined {
  if (c.s.unit !== 'count' && c.s.unit !== 'bytes') return undefined;
  const seg: { i: number; x: number }[] = [];
  for (let i = from; i < to; i++) {
    const x = c.vals[i];
    if (x !== null && x !== undefined) seg.push({ i, x });
  }
  if (seg.length < MIN_HOLD_SAMPLES || c.s.t[seg.at(-1)!.i]! - c.s.t[seg[0]!.i]! < MIN_HOLD_MS)
    return undefined;
  const xs = seg.map((p) => p.x);
  const level = median(xs);
  const top = quantile(xs, 0.95);
  if (level <= 0 || level < 0.75 * top || level < 2 * Math.max(start, 0.5)) return undefined;
  const reached = seg.find((p) => p.x >= 0.9 * level)!;
  const end = to < c.vals.length ? c.s.t[to] : undefined;
  return change(c, 'saturated', c.s.t[reached.i]!, level, 0.7, end);
}

/**
 * Where a series that appeared (with no baseline to return to) settled: the first of three
 * samples in a row at or under 5% of its peak after the peak.
 */
function settledAt(c: Context, top: number): number | undefined {
  const peak = c.vals.indexOf(top);
  let run = 0;
  let runStart = -1;
  for (let i = peak + 1; i < c.vals.length; i++) {
    const x = c.vals[i];
    if (x === null || x === undefined) continue;
    if (Math.abs(x) > 0.05 * Math.abs(top)) {
      run = 0;
      continue;
    }
    if (run === 0) runStart = i;
    if (++run === 3) return c.s.t[runStart];
  }
  return undefined;
}

function seriesChanges(c: Context, spanStart: number, baseEnd: number): MetricChange[] {
  const { s, vals, base } = c;
  const step = stepOf(s.t) ?? 0;
  const out: MetricChange[] = [];
  if (!base) {
    const startedLate = s.t[0]! >= baseEnd && s.t[0]! >= spanStart + 3 * step;
    if (!startedLate) return out;
    const first = vals.find((v) => v !== null) ?? 0;
    const sat = saturation(c, 0, vals.length, first);
    if (sat) out.push(sat);
    // Without a baseline an appearance says little, unless it is errors or latency appearing.
    else if (c.impactUp) {
      const finite = vals.filter((v): v is number => v !== null);
      const top = Math.max(...finite);
      out.push(change(c, 'appeared', s.t[0]!, top, 0.6, settledAt(c, top)));
    }
    return out;
  }
  const up = mainEpisode(vals, base);
  if (up) {
    const end = up.end !== undefined ? s.t[up.end] : undefined;
    const sat = saturation(c, up.start, up.end ?? vals.length, base.mean);
    out.push(
      sat ?? change(c, 'rise', s.t[up.start]!, vals[up.peak] ?? 0, confidence(up.maxZ), end),
    );
  }
  const negated = vals.map((v) => (v === null ? null : -v));
  const down = mainEpisode(negated, { mean: -base.mean, sigma: base.sigma });
  if (down) {
    const end = down.end !== undefined ? s.t[down.end] : undefined;
    out.push(change(c, 'drop', s.t[down.start]!, vals[down.peak] ?? 0, confidence(down.maxZ), end));
  }
  return out;
}

const VERB: Record<MetricChangeKind, string> = {
  rise: 'rose',
  drop: 'dropped',
  appeared: 'appeared',
  saturated: 'saturated',
};

function changeMoment(c: MetricChange): Moment {
  const v = (x: number | null): string => formatMetricValue(x, c.unit);
  const title =
    c.kind === 'saturated'
      ? `${c.series} saturated at about ${v(c.after)}${c.before !== null ? ` (baseline ${v(c.before)})` : ''}`
      : c.kind === 'appeared'
        ? `${c.series} appeared (no samples before), up to ${v(c.after)}`
        : `${c.series} ${VERB[c.kind]} from ${v(c.before)} to ${v(c.after)}`;
  const data: Record<string, string | number | boolean> = {
    change: c.kind,
    query: c.name,
    series: c.series,
    unit: c.unit,
    after: c.after,
  };
  if (c.before !== null) data.before = c.before;
  if (c.endTs !== undefined) data.endTs = c.endTs;
  return {
    kind: 'metric_change',
    ts: c.ts,
    source: c.source,
    confidence: c.confidence,
    title,
    evidence: [{ file: c.file, line: 1 }],
    data,
  };
}

/**
 * @example
 * const { moments } = analyzeMetrics(series, logMoments);
 */
export function analyzeMetrics(
  series: readonly MetricSeries[],
  existing: readonly Moment[] = [],
  window?: { from: number; to: number },
): MetricFindings {
  // One span for every query (they usually share the collect window), reaching back to the logs'
  // start: a series that begins later than the others appeared, and has no baseline of its own.
  const span = { from: window?.from ?? Infinity, to: -Infinity };
  for (const s of series) {
    span.from = Math.min(span.from, s.t[0]!);
    span.to = Math.max(span.to, s.t[s.t.length - 1]!);
  }
  const baseEnd = span.from + (span.to - span.from) * LEADING_SHARE;
  const summaries: MetricSummary[] = [];
  const changes: MetricChange[] = [];
  for (const s of series) {
    const vals = values(s);
    const leading = vals.filter((v, i): v is number => v !== null && s.t[i]! < baseEnd);
    const rough = leading.length >= MIN_BASELINE_POINTS ? robustBaseline(leading, 0) : undefined;
    const base = rough ? robustBaseline(leading, minSigma(leading, rough.mean, s.unit)) : undefined;
    summaries.push(summary(s, base));
    if (isAlerts(s)) continue;
    const name = `${s.name} ${s.labels.__name__ ?? ''}`;
    const ctx = {
      s,
      vals,
      base,
      impactUp: IMPACT_UP.test(name),
      impactDown: IMPACT_DOWN.test(name) && !IMPACT_UP.test(name),
    };
    changes.push(...seriesChanges(ctx, span.from, baseEnd));
  }
  changes.sort((a, b) => a.ts - b.ts);
  return {
    summaries,
    changes,
    moments: [...changes.map(changeMoment), ...alertMoments(series, existing, span.to)],
  };
}

/**
 * Onset and recovery from metric changes users feel, for when no log signal dated them: the
 * earliest such change, and the last of their ends when every one of them ended.
 */
export function metricImpactMoments(changes: readonly MetricChange[]): Moment[] {
  const felt = changes.filter((c) => c.impact);
  const first = felt[0];
  if (!first) return [];
  const v = (x: number | null): string => formatMetricValue(x, first.unit);
  const out: Moment[] = [
    {
      kind: 'onset',
      ts: first.ts,
      source: first.source,
      confidence: Math.round(first.confidence * 80) / 100,
      title: `${first.series} ${first.kind === 'appeared' ? 'appeared' : 'left its baseline'} (${v(first.before)} → ${v(first.after)}); no log signal changed`,
      evidence: [{ file: first.file, line: 1 }],
      data: { signal: 'metric', series: first.series },
    },
  ];
  if (felt.every((c) => c.endTs !== undefined)) {
    const last = felt.reduce((a, b) => (b.endTs! > a.endTs! ? b : a));
    out.push({
      kind: 'recovery',
      ts: last.endTs!,
      source: last.source,
      confidence: Math.round(Math.min(...felt.map((c) => c.confidence)) * 80) / 100,
      title: `${last.series} back at baseline`,
      evidence: [{ file: last.file, line: 1 }],
      data: { signal: 'metric', series: last.series },
    });
  }
  return out;
}

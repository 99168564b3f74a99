/**
 * Traffic against a baseline: the impact period compared with the same period a week earlier when
 * the evidence covers it, else the period just before; requests per hour against the same hour
 * last week.
 */
import type { SeriesBuilder, BucketCounts } from './series.js';

export type BaselineChoice = 'auto' | 'week' | 'prev' | { from: number; to: number };

export interface PeriodStats {
  from: number;
  to: number;
  requests: number;
  events: number;
  errors: number;
  serverErrors: number;
  /** Requests (or events, for sources without requests) per minute. */
  perMinute: number;
  errorRatio: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface TrafficComparison {
  source: string;
  baselineKind: 'week' | 'prev' | 'given' | 'none';
  incident: PeriodStats;
  baseline?: PeriodStats;
  /** incident / baseline per-minute rate. */
  rateRatio?: number;
}

export interface HourCompare {
  hour: number;
  requests: number;
  lastWeek: number | null;
}

const WEEK = 7 * 24 * 3600_000;

function stats(c: BucketCounts, from: number, to: number): PeriodStats {
  const minutes = Math.max((to - from) / 60_000, 1 / 60);
  const volume = c.requests > 0 ? c.requests : c.events;
  return {
    from,
    to,
    requests: c.requests,
    events: c.events,
    errors: c.errors,
    serverErrors: c.serverErrors,
    perMinute: Math.round((volume / minutes) * 10) / 10,
    errorRatio: c.requests > 0 ? c.serverErrors / c.requests : null,
    p50: c.latency?.quantile(0.5) ?? null,
    p95: c.latency?.quantile(0.95) ?? null,
    p99: c.latency?.quantile(0.99) ?? null,
  };
}

/**
 * Whether a source has evidence across [from, to): it spans the range and has events in at least
 * half of the range's buckets (a gap of days between two captures is not a baseline).
 */
function covers(series: SeriesBuilder, source: string, from: number, to: number): boolean {
  const c = series.coverage(source);
  if (!c || c.first > from + c.bucketMs || c.last < to - c.bucketMs) return false;
  const step = Math.max(c.bucketMs, (to - from) / 20);
  let filled = 0;
  let total = 0;
  for (let t = from; t < to; t += step) {
    total++;
    if ((series.summarize(source, t, t + step)?.events ?? 0) > 0) filled++;
  }
  return filled * 2 >= total;
}

/** Compares each non-annotation source's impact period with its baseline period. */
export function compareTraffic(
  series: SeriesBuilder,
  sources: readonly string[],
  period: { from: number; to: number },
  choice: BaselineChoice,
): TrafficComparison[] {
  const len = period.to - period.from;
  const out: TrafficComparison[] = [];
  for (const source of sources) {
    const inc = series.summarize(source, period.from, period.to);
    if (!inc) continue;
    const cmp: TrafficComparison = {
      source,
      baselineKind: 'none',
      incident: stats(inc, period.from, period.to),
    };
    const candidates: ['week' | 'prev' | 'given', number, number][] = [];
    if (typeof choice === 'object') candidates.push(['given', choice.from, choice.to]);
    else {
      if (choice !== 'prev') candidates.push(['week', period.from - WEEK, period.to - WEEK]);
      if (choice !== 'week') candidates.push(['prev', period.from - len, period.from]);
    }
    for (const [kind, from, to] of candidates) {
      if (kind !== 'given' && !covers(series, source, from, to)) continue;
      const base = series.summarize(source, from, to);
      if (!base || base.events === 0) continue;
      cmp.baselineKind = kind;
      cmp.baseline = stats(base, from, to);
      if (cmp.baseline.perMinute > 0)
        cmp.rateRatio = Math.round((cmp.incident.perMinute / cmp.baseline.perMinute) * 100) / 100;
      break;
    }
    out.push(cmp);
  }
  return out;
}

/** Requests per hour of a source over the window, beside the same hour a week earlier. */
export function hourlyAgainstLastWeek(
  series: SeriesBuilder,
  source: string,
  window: { from: number; to: number },
): HourCompare[] {
  const out: HourCompare[] = [];
  const first = Math.floor(window.from / 3600_000) * 3600_000;
  for (let h = first; h < window.to; h += 3600_000) {
    const now = series.summarize(source, h, h + 3600_000);
    const before = covers(series, source, h - WEEK, h - WEEK + 3600_000)
      ? series.summarize(source, h - WEEK, h - WEEK + 3600_000)
      : undefined;
    const volume = (c: BucketCounts | undefined): number => (c ? c.requests || c.events : 0);
    out.push({ hour: h, requests: volume(now), lastWeek: before ? volume(before) : null });
  }
  return out;
}

/**
 * The baseline window for change detection: the one given, a week before the window when the
 * evidence covers it, else the period of equal length just before. Undefined when neither is
 * covered (detection then uses the leading part of the window itself).
 */
export function baselineWindow(
  series: SeriesBuilder,
  sources: readonly string[],
  window: { from: number; to: number },
  choice: BaselineChoice,
): { kind: 'week' | 'prev' | 'given'; from: number; to: number; sources: string[] } | undefined {
  const len = window.to - window.from;
  const candidates: ['week' | 'prev' | 'given', number, number][] = [];
  if (typeof choice === 'object') candidates.push(['given', choice.from, choice.to]);
  else {
    if (choice !== 'prev') candidates.push(['week', window.from - WEEK, window.to - WEEK]);
    if (choice !== 'week') candidates.push(['prev', window.from - len, window.from]);
  }
  for (const [kind, from, to] of candidates) {
    const covered = sources.filter((s) =>
      kind === 'given'
        ? (series.summarize(s, from, to)?.events ?? 0) > 0
        : covers(series, s, from, to),
    );
    if (covered.length > 0) return { kind, from, to, sources: covered };
  }
  return undefined;
}

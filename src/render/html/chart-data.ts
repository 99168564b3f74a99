/**
 * The charts' data, aggregated series only (never raw events, so the page stays small whatever
 * the incident's size): columns of numbers per chart, as uPlot draws them, with a sentence per
 * chart for screen readers.
 */
import { clock, msOf, percent } from './format.js';
import type { ReportAnalysis, SeriesJson, TrafficJson } from './types.js';

export interface ChartSeries {
  label: string;
  colour: string;
  values: (number | null)[];
  dash?: number[];
}

export interface ChartBand {
  /** Epoch seconds. */
  from: number;
  to: number;
  label: string;
  colour: string;
}

export interface ChartSpec {
  id: string;
  title: string;
  /** What the chart shows, in words (its accessible description). */
  caption: string;
  /** The y axis: `req/s`, `%`, `ms`, `events/s`. */
  unit: string;
  log?: boolean;
  /** Epoch seconds, one per bucket. */
  x: number[];
  series: ChartSeries[];
  bands: ChartBand[];
}

export const PALETTE = [
  '#1971c2',
  '#e8590c',
  '#2f9e44',
  '#7048e8',
  '#c2255c',
  '#0c8599',
  '#f08c00',
  '#5c940d',
];
const LATENCY = { p50: '#74c0fc', p95: '#1971c2', p99: '#0b3d91' };

/** Four significant digits: enough for a chart, a third of the bytes of a full double. */
const round = (v: number): number => (v === 0 ? 0 : Number(v.toPrecision(4)));

const BASELINE_WORDS: Record<string, string> = {
  week: 'the same period a week earlier',
  prev: 'the period just before',
  given: 'the period given',
};

/** The bucket times of every series, merged (they share the window, so usually one list). */
function timeAxis(series: readonly SeriesJson[]): { x: number[]; index: Map<number, number> } {
  const times = new Set<number>();
  for (const s of series)
    for (const p of s.points) {
      const ms = msOf(p.t);
      if (ms !== undefined) times.add(ms);
    }
  const x = [...times].sort((a, b) => a - b);
  return { x: x.map((ms) => ms / 1000), index: new Map(x.map((ms, i) => [ms, i])) };
}

type Column = (s: SeriesJson, p: SeriesJson['points'][number]) => number | null;

function column(
  s: SeriesJson,
  index: Map<number, number>,
  length: number,
  value: Column,
): (number | null)[] {
  const out: (number | null)[] = new Array<number | null>(length).fill(null);
  for (const p of s.points) {
    const ms = msOf(p.t);
    const i = ms === undefined ? undefined : index.get(ms);
    if (i === undefined) continue;
    const v = value(s, p);
    out[i] = v === null || !Number.isFinite(v) ? null : round(v);
  }
  return out;
}

function peak(
  values: readonly (number | null)[],
  x: readonly number[],
): { v: number; t: number } | undefined {
  let best: { v: number; t: number } | undefined;
  values.forEach((v, i) => {
    if (v !== null && (!best || v > best.v)) best = { v, t: x[i] ?? 0 };
  });
  return best;
}

export const span = (x: readonly number[]): string =>
  x.length
    ? `from ${clock((x[0] ?? 0) * 1000)} to ${clock((x[x.length - 1] ?? 0) * 1000)} UTC`
    : '';

function edgeSource(
  a: ReportAnalysis,
  withRequests: readonly SeriesJson[],
): SeriesJson | undefined {
  const named = a.impact?.source;
  const total = (s: SeriesJson): number => s.points.reduce((n, p) => n + p.requests, 0);
  return (
    withRequests.find((s) => s.source === named) ??
    [...withRequests].sort((p, q) => total(q) - total(p))[0]
  );
}

export function bandsOf(a: ReportAnalysis): ChartBand[] {
  const from = msOf(a.impact?.start);
  const to = msOf(a.impact?.end);
  return from !== undefined && to !== undefined && to > from
    ? [{ from: from / 1000, to: to / 1000, label: 'impact', colour: 'rgba(224, 49, 49, 0.07)' }]
    : [];
}

function requestChart(
  a: ReportAnalysis,
  withRequests: SeriesJson[],
  edge: SeriesJson,
  axis: ReturnType<typeof timeAxis>,
): ChartSpec {
  const n = axis.x.length;
  const series: ChartSeries[] = withRequests.map((s, i) => ({
    label: `${s.source} req/s`,
    colour: PALETTE[i % PALETTE.length] ?? '#000',
    values: column(s, axis.index, n, (s, p) => p.requests / s.bucketSeconds),
  }));
  const bands = bandsOf(a);
  const traffic: TrafficJson | undefined = a.traffic.find((t) => t.source === edge.source);
  let baselineText = 'No baseline period was found in the evidence.';
  if (traffic?.baseline) {
    const rate = round(traffic.baseline.perMinute / 60);
    const words = BASELINE_WORDS[traffic.baselineKind] ?? 'the baseline period';
    series.push({
      label: `${edge.source} baseline (${words})`,
      colour: '#495057',
      dash: [6, 4],
      values: new Array<number | null>(n).fill(rate),
    });
    const from = msOf(traffic.baseline.from);
    const to = msOf(traffic.baseline.to);
    if (
      from !== undefined &&
      to !== undefined &&
      to > from &&
      from / 1000 >= (axis.x[0] ?? Infinity)
    )
      bands.push({
        from: from / 1000,
        to: to / 1000,
        label: 'baseline',
        colour: 'rgba(73, 80, 87, 0.07)',
      });
    baselineText = `The dashed line is ${edge.source}'s baseline, ${rate} requests per second over ${words}.`;
  }
  const first = series[0];
  const top = first ? peak(first.values, axis.x) : undefined;
  return {
    id: 'requests',
    title: 'Request rate against the baseline',
    caption:
      `Requests per second of ${withRequests.map((s) => s.source).join(', ')} ${span(axis.x)}. ${baselineText}` +
      (top
        ? ` ${edge.source} peaked at ${top.v} requests per second at ${clock(top.t * 1000)} UTC.`
        : ''),
    unit: 'req/s',
    x: axis.x,
    series,
    bands,
  };
}

function errorChart(
  a: ReportAnalysis,
  withRequests: SeriesJson[],
  all: SeriesJson[],
  axis: ReturnType<typeof timeAxis>,
): ChartSpec {
  const n = axis.x.length;
  if (withRequests.length > 0) {
    const series = withRequests.map((s, i) => ({
      label: `${s.source} 5xx %`,
      colour: PALETTE[i % PALETTE.length] ?? '#000',
      values: column(s, axis.index, n, (_s, p) =>
        p.errorRatio === null ? null : p.errorRatio * 100,
      ),
    }));
    const first = series[0];
    const top = first ? peak(first.values, axis.x) : undefined;
    return {
      id: 'errors',
      title: 'Error ratio (HTTP 5xx of requests)',
      caption:
        `Share of requests answered with a 5xx status, per ${withRequests[0]?.bucketSeconds ?? ''} s, ${span(axis.x)}.` +
        (top && withRequests[0]
          ? ` ${withRequests[0].source} peaked at ${percent(top.v / 100)} at ${clock(top.t * 1000)} UTC.`
          : ''),
      unit: '%',
      x: axis.x,
      series,
      bands: bandsOf(a),
    };
  }
  return {
    id: 'errors',
    title: 'Errors per second',
    caption: `Events at level error or worse per second, per source, ${span(axis.x)}.`,
    unit: 'errors/s',
    x: axis.x,
    series: all.map((s, i) => ({
      label: `${s.source} errors/s`,
      colour: PALETTE[i % PALETTE.length] ?? '#000',
      values: column(s, axis.index, n, (s, p) => p.errors / s.bucketSeconds),
    })),
    bands: bandsOf(a),
  };
}

function latencyChart(
  a: ReportAnalysis,
  edge: SeriesJson,
  axis: ReturnType<typeof timeAxis>,
): ChartSpec | undefined {
  const n = axis.x.length;
  const positive = (v: number | null): number | null => (v !== null && v > 0 ? v : null);
  const series = (['p50', 'p95', 'p99'] as const).map((q) => ({
    label: `${edge.source} ${q} ms`,
    colour: LATENCY[q],
    values: column(edge, axis.index, n, (_s, p) => positive(p[`${q}Ms`])),
  }));
  if (series.every((s) => s.values.every((v) => v === null))) return undefined;
  const top = peak(series[1]?.values ?? [], axis.x);
  return {
    id: 'latency',
    title: `Latency of ${edge.source} (p50, p95, p99)`,
    caption:
      `Response time quantiles of ${edge.source} in milliseconds on a logarithmic scale, ${span(axis.x)}.` +
      (top ? ` p95 peaked at ${top.v} ms at ${clock(top.t * 1000)} UTC.` : ''),
    unit: 'ms',
    log: true,
    x: axis.x,
    series,
    bands: bandsOf(a),
  };
}

function eventChart(
  a: ReportAnalysis,
  all: SeriesJson[],
  axis: ReturnType<typeof timeAxis>,
): ChartSpec {
  return {
    id: 'events',
    title: 'Event rate per source',
    caption: `Log events per second of each source (${all.map((s) => s.source).join(', ')}), ${span(axis.x)}.`,
    unit: 'events/s',
    x: axis.x,
    series: all.map((s, i) => ({
      label: s.source,
      colour: PALETTE[i % PALETTE.length] ?? '#000',
      values: column(s, axis.index, axis.x.length, (s, p) => p.events / s.bucketSeconds),
    })),
    bands: bandsOf(a),
  };
}

/** The charts worth drawing for this analysis, in reading order; none when nothing had a time. */
export function chartsOf(a: ReportAnalysis): ChartSpec[] {
  const all = a.series.filter((s) => s.points.length > 0 && s.bucketSeconds > 0);
  if (all.length === 0) return [];
  const axis = timeAxis(all);
  const edge = edgeSource(
    a,
    all.filter((s) => s.hasRequests),
  );
  // The edge source first: it is the one the captions speak of and the first colour.
  const withRequests = all
    .filter((s) => s.hasRequests)
    .sort((p, q) => Number(q === edge) - Number(p === edge));
  const charts: ChartSpec[] = [];
  if (edge) charts.push(requestChart(a, withRequests, edge, axis));
  charts.push(errorChart(a, withRequests, all, axis));
  const latency = edge ? latencyChart(a, edge, axis) : undefined;
  if (latency) charts.push(latency);
  charts.push(eventChart(a, all, axis));
  return charts;
}

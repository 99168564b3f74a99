/**
 * A chart per metric query (each label set a line), beside the charts of the logs: the same
 * markers and impact band, the points as the analysis capped them.
 */
import { bandsOf, PALETTE, span, type ChartSpec } from './chart-data.js';
import { msOf } from './format.js';
import type { MetricJson, ReportAnalysis } from './types.js';

const UNIT: Record<string, { label: string; scale: number }> = {
  ratio: { label: '%', scale: 100 },
  percent: { label: '%', scale: 1 },
  seconds: { label: 's', scale: 1 },
  bytes: { label: 'bytes', scale: 1 },
  per_second: { label: '/s', scale: 1 },
  count: { label: 'count', scale: 1 },
};

const round = (v: number): number => (v === 0 ? 0 : Number(v.toPrecision(4)));

/** The labels that tell a query's series apart (those not shared by all of them). */
function lineLabel(m: MetricJson, all: readonly MetricJson[]): string {
  const keys = Object.keys(m.labels).filter(
    (k) => k !== '__name__' && all.some((o) => o.labels[k] !== m.labels[k]),
  );
  return keys.length > 0 ? keys.map((k) => `${k}=${m.labels[k]}`).join(' ') : m.query;
}

export function metricChartsOf(a: ReportAnalysis): ChartSpec[] {
  const groups = new Map<string, MetricJson[]>();
  for (const m of a.metrics ?? []) {
    if (m.points.t.length === 0) continue;
    const key = `${m.source}\u0000${m.query}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups.values()].map((ms, g) => {
    // The window's ends too, so a query that starts late lines up with the log charts above.
    const ends = a.window ? [msOf(a.window.from), msOf(a.window.to)] : [];
    const times = [
      ...ms.flatMap((m) => m.points.t),
      ...ends.filter((t): t is number => t !== undefined).map((t) => t / 1000),
    ];
    const x = [...new Set(times)].sort((p, q) => p - q);
    const index = new Map(x.map((t, i) => [t, i]));
    const first = ms[0]!;
    const unit = UNIT[first.unit] ?? { label: first.unit, scale: 1 };
    const series = ms.map((m, i) => {
      const values = new Array<number | null>(x.length).fill(null);
      m.points.t.forEach((t, j) => {
        const v = m.points.v[j];
        const at = index.get(t);
        if (at !== undefined && v !== null && v !== undefined && Number.isFinite(v))
          values[at] = round(v * unit.scale);
      });
      return { label: lineLabel(m, ms), colour: PALETTE[i % PALETTE.length] ?? '#000', values };
    });
    return {
      id: `metric-${g}`,
      title: `Metric: ${first.query} (${first.source})`,
      caption: `${ms.length === 1 ? 'The series' : `${ms.length} series`} of the query ${first.query} from ${first.file.split(/[\\/]/).pop() ?? first.file}, in ${unit.label}, ${span(x)}.`,
      unit: unit.label,
      x,
      series,
      bands: bandsOf(a),
    };
  });
}

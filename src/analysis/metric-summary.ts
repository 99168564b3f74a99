/** What the analysis says of each metric series: its range, its baseline, its capped points. */
import type { MetricSeries, MetricUnit } from '../core/metric.js';
import type { Baseline } from './change-point.js';
import { downsample, stepOf } from './metric-points.js';

export interface MetricSummary {
  source: string;
  name: string;
  file: string;
  labels: Record<string, string>;
  unit: MetricUnit;
  samples: number;
  /** Samples that were NaN or ±Inf. */
  gaps: number;
  stepMs: number | null;
  from: number;
  to: number;
  min: number | null;
  max: number | null;
  last: number | null;
  baseline: number | null;
  /** For charts: every sample up to MAX_CHART_POINTS, else the lowest and highest of each bin. */
  points: { t: number[]; v: (number | null)[] };
}

/** The values with NaN and ±Inf as null, as the change-point functions take gaps. */
export function values(s: MetricSeries): (number | null)[] {
  return s.v.map((x) => (Number.isFinite(x) ? x : null));
}

export function summary(s: MetricSeries, base: Baseline | undefined): MetricSummary {
  const vals = values(s);
  const finite = vals.filter((v): v is number => v !== null);
  let last: number | null = null;
  for (let i = vals.length - 1; i >= 0 && last === null; i--) last = vals[i] ?? null;
  return {
    source: s.source,
    name: s.name,
    file: s.file,
    labels: s.labels,
    unit: s.unit,
    samples: s.t.length,
    gaps: s.t.length - finite.length,
    stepMs: stepOf(s.t),
    from: s.t[0]!,
    to: s.t[s.t.length - 1]!,
    min: finite.length > 0 ? Math.min(...finite) : null,
    max: finite.length > 0 ? Math.max(...finite) : null,
    last,
    baseline: base?.mean ?? null,
    points: downsample(s.t, vals),
  };
}
